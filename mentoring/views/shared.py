"""Records a mentee shared by consent, for whom the consent names: the program's coordinators
(linked from the member page) or one named member (linked from "Shared with you"). Nothing
without a consent that holds at this request; the journal never."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.decorators import program_view
from accounts.models import Membership

from .. import access
from ..selectors.shared import shared_records as shared_records_selector


@require_GET
@program_view()
def shared_records(request, membership: Membership, member_id: int):
    shared = access.consented_mentee_get_for_member(membership=membership, mentee_id=member_id)
    return render(
        request,
        "mentoring/shared_records.html",
        {
            "membership": membership,
            "program": membership.program,
            "mentee": shared.mentee,
            "consents": shared.consents,
            **shared_records_selector(viewer=membership, shared=shared),
        },
    )
