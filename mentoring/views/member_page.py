"""A member's page for the program's coordinators (linked from the member list, the board
and the intakes page)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.decorators import program_view
from accounts.models import Membership, Role
from audit.models import Action
from audit.services import audit_record

from ..selectors.member_page import member_page


@require_GET
@program_view(Role.COORDINATOR)
def member(request, membership: Membership, member_id: int):
    page = member_page(coordinator=membership, member_id=member_id)
    audit_record(
        action=Action.VIEW,
        actor=membership,
        subject=page["member"],
        record=("member_summary", page["member"].pk),
        request=request,
    )
    return render(
        request,
        "mentoring/member_page.html",
        {"membership": membership, "program": membership.program, **page},
    )
