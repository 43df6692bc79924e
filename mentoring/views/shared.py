"""Records a mentee shared by consent, for whom the consent names: the program's coordinators
(linked from the member page) or one named member (linked from "Shared with you"). Nothing
without a consent that holds at this request; the journal never."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.decorators import program_view
from accounts.models import Membership
from audit.models import Action
from audit.services import audit_record_many

from .. import access
from ..selectors.shared import shared_records as shared_records_selector

# Record type (as the audit trail names it) -> the key of the selector's result.
CONSENTED_SECTIONS = {
    "checkin": "checkins",
    "goal": "goals",
    "habit": "habits",
    "recoveryperiod": "recovery_periods",
    "meeting": "meetings",
}


@require_GET
@program_view()
def shared_records(request, membership: Membership, member_id: int):
    shared = access.consented_mentee_get_for_member(membership=membership, mentee_id=member_id)
    records = shared_records_selector(viewer=membership, shared=shared)
    # What the consent opened, one row per kind shown, in one INSERT: the mentee sees it
    # under Access history.
    kinds = [kind for kind, key in CONSENTED_SECTIONS.items() if records.get(key)]
    if kinds:
        audit_record_many(
            action=Action.VIEW,
            actor=membership,
            records=[(shared.mentee, (kind, None)) for kind in kinds],
            request=request,
        )
    return render(
        request,
        "mentoring/shared_records.html",
        {
            "membership": membership,
            "program": membership.program,
            "mentee": shared.mentee,
            "consents": shared.consents,
            **records,
        },
    )
