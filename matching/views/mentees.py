"""A mentor's page for one of their current mentees: what they need to meet, nothing more."""

from __future__ import annotations

from django.shortcuts import render

from accounts.decorators import program_view
from accounts.models import Membership, Role
from audit.models import Action
from audit.services import audit_record

from .. import selectors
from ..models import DAY_PARTS, LANGUAGES, FocusArea, MeetingFormat
from .common import availability_table, choice_labels, member_context


@program_view(Role.MENTOR)
def my_mentee(request, membership: Membership, mentee_id: int):
    mentee = selectors.mentee_get_for_mentor(mentor=membership, mentee_id=mentee_id)
    pairing = selectors.pairing_current_with_mentee(mentor=membership, mentee=mentee)
    mentee_intake = selectors.intake_or_none(membership=mentee)
    audit_record(
        action=Action.VIEW,
        actor=membership,
        subject=mentee,
        record=("intake", None),
        request=request,
    )
    return render(
        request,
        "matching/member/my_mentee.html",
        member_context(
            membership,
            mentee=mentee,
            pairing=pairing,
            # What a mentor needs to meet; never pathways or gender.
            focus_areas=choice_labels(getattr(mentee_intake, "focus_areas", []), FocusArea.choices),
            languages=choice_labels(getattr(mentee_intake, "languages", []), LANGUAGES),
            formats=choice_labels(getattr(mentee_intake, "formats", []), MeetingFormat.choices),
            availability=availability_table(getattr(mentee_intake, "availability", [])),
            day_parts=DAY_PARTS,
            time_zone=getattr(mentee_intake, "time_zone", "") or mentee.user.profile.time_zone,
        ),
    )
