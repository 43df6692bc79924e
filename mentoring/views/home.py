"""The program's home page: each role's own (the mentee's workspace, the mentor's dashboard,
the coordinator's overview)."""

from django.shortcuts import render
from django.utils import timezone

from accounts import selectors as account_selectors
from accounts.decorators import program_view
from accounts.models import Membership
from audit.models import Action
from audit.services import audit_record_many
from messaging.selectors import announcements_for_home

from ..models import AttentionKind
from ..selectors.attention import attention_counts
from ..selectors.home import home_data


@program_view()
def program_home(request, membership: Membership):
    program = membership.program
    context = {
        "membership": membership,
        "program": program,
        "announcements": announcements_for_home(membership),
    }
    if membership.is_coordinator:
        context.update(
            counts=account_selectors.program_member_counts(program=program),
            invitations=account_selectors.invitations_search(program=program, now=timezone.now())[
                :10
            ],
            members=account_selectors.program_members(program=program)[:10],
        )
        counts = attention_counts(program=program)
        context.update(
            attention_total=sum(counts.values()),
            attention_kinds=[
                (value, label, counts[value]) for value, label in AttentionKind.choices
            ],
        )
        return render(request, "accounts/coordinator_home.html", context)
    context.update(home_data(membership=membership))
    if membership.is_mentor:
        # The dashboard shows each current mentee's mood, check-ins and flags.
        audit_record_many(
            action=Action.VIEW,
            actor=membership,
            records=[(row.mentee, ("mentee_summary", None)) for row in context["dashboard_rows"]],
            request=request,
        )
    template = (
        "mentoring/mentor_home.html" if membership.is_mentor else "mentoring/mentee_home.html"
    )
    return render(request, template, context)
