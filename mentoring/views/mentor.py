"""The mentor's side: the mentor's view of one mentee and the outreach and encouragement
actions, under /p/<program_slug>/mentor/ (the dashboard itself is the mentor's program home).

A mentor sees what their current mentee shares and nothing else: the mentee comes through
matching.selectors.mentee_get_for_mentor (404 for a former mentor or another pair's mentor),
every record through mentoring.access with the mentor's membership.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role
from audit.models import Action
from audit.services import audit_record_many
from matching import selectors as matching_selectors

from .. import access, services
from ..forms.mentor import EncouragementForm, OutreachHandledForm
from ..selectors.mentor import mentee_detail, pending_outreach
from .checkin_trends import MOOD_WORDS, checkin_trends
from .common import member_context, safe_next


def _home_url(membership: Membership) -> str:
    return reverse("program_home", kwargs={"program_slug": membership.program.slug})


def _detail_url(
    membership: Membership, mentee: Membership, anchor: str = "", section: str = ""
) -> str:
    url = reverse(
        "mentor:detail",
        kwargs={"program_slug": membership.program.slug, "mentee_id": mentee.pk},
    )
    if section:
        url += f"?open={section}"
    return f"{url}#{anchor}" if anchor else url


@program_view(Role.MENTOR)
def index(request, membership: Membership):
    # The dashboard is the mentor's program home.
    return redirect(_home_url(membership))


# What the mentor's page of a mentee shows, by the audit trail's record types.
DETAIL_SECTIONS = {
    "goal": "goals",
    "checkin": "recent_checkins",
    "habit": "habit_states",
    "recoveryperiod": "recovery",
    "meeting": "meetings",
    "actionitem": "action_items",
}

# The page's folded sections (<details>); `?open=<name>` shows one open, so that coming back
# to an anchor inside it (after an encouragement, a chart period) lands on what was there.
FOLDED_SECTIONS = ("checkins", "goals", "habits", "recovery", "meetings")


def _open_section(request) -> str:
    section = request.GET.get("open", "")
    if section in FOLDED_SECTIONS:
        return section
    # The charts' period links (?days=90#trends-heading) stay inside the check-ins.
    return "checkins" if "days" in request.GET else ""


@program_view(Role.MENTOR)
def detail(request, membership: Membership, mentee_id: int):
    mentee = matching_selectors.mentee_get_for_mentor(mentor=membership, mentee_id=mentee_id)
    shown = mentee_detail(mentor=membership, mentee=mentee)
    # One row per kind of record on the page, in one INSERT, whatever the number of records.
    kinds = [kind for kind, key in DETAIL_SECTIONS.items() if shown.get(key)] or ["shared_records"]
    audit_record_many(
        action=Action.VIEW,
        actor=membership,
        records=[(mentee, (kind, None)) for kind in kinds],
        request=request,
    )
    return render(
        request,
        "mentoring/mentor/detail.html",
        member_context(
            membership,
            mentee=mentee,
            mood_words=MOOD_WORDS,
            open_section=_open_section(request),
            **shown,
            **checkin_trends(request, membership=mentee, viewer=membership),
        ),
    )


@require_POST
@program_view(Role.MENTOR)
def encourage(request, membership: Membership, mentee_id: int):
    mentee = matching_selectors.mentee_get_for_mentor(mentor=membership, mentee_id=mentee_id)
    form = EncouragementForm(request.POST)
    anchor = "encourage-heading"
    if not form.is_valid():
        errors = [error for field_errors in form.errors.values() for error in field_errors]
        messages.error(request, " ".join(errors))
        return redirect(_detail_url(membership, mentee, anchor))
    goal = checkin = None
    section = ""
    # Through the access door: a private or unknown record is 404, like any other.
    if form.cleaned_data["goal"]:
        goal = access.goal_get_for_member(membership=membership, goal_id=form.cleaned_data["goal"])
        anchor, section = f"goal-{goal.pk}", "goals"
    if form.cleaned_data["checkin"]:
        checkin = access.checkin_get_for_member(
            membership=membership, checkin_id=form.cleaned_data["checkin"]
        )
        anchor, section = f"checkin-{checkin.pk}", "checkins"
    try:
        services.encouragement_add(
            mentor_user=request.user,
            mentee=mentee,
            text=form.cleaned_data["text"],
            goal=goal,
            checkin=checkin,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Sent. %(name)s will see it on their home page.")
            % {"name": mentee.user.display_name},
        )
    return redirect(_detail_url(membership, mentee, anchor, section))


@require_POST
@program_view(Role.MENTOR)
def outreach_handled(request, membership: Membership, mentee_id: int):
    mentee = matching_selectors.mentee_get_for_mentor(mentor=membership, mentee_id=mentee_id)
    form = OutreachHandledForm(request.POST)
    checkin_ids = form.cleaned_data["checkin"] if form.is_valid() else []
    pending = pending_outreach(mentor=membership, mentee=mentee, checkin_ids=checkin_ids)
    handled = 0
    for checkin in pending:
        try:
            services.checkin_outreach_handled(checkin=checkin, mentor_user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            handled += 1
    if handled:
        messages.success(
            request,
            _("Marked as handled: %(name)s's request for you to reach out.")
            % {"name": mentee.user.display_name},
        )
    else:
        messages.info(request, _("There was nothing left to mark: it was already handled."))
    return redirect(safe_next(request, _home_url(membership)))
