"""The mentor's side: the mentor's view of one mentee and the outreach and encouragement
actions, under /p/<program_slug>/mentor/ (the dashboard rows are mentoring.dashboard).

A mentor sees what their current mentee shares and nothing else: every read goes through
mentoring.access or a selector with `viewer=request.user`, and the mentee through
matching.selectors.mentee_get_for_mentor (404 for a former mentor or another pair's mentor).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role
from matching import selectors as matching_selectors
from matching.models import Pairing

from .. import access, selectors, services
from ..forms_mentor import EncouragementForm, OutreachHandledForm
from ..models import Encouragement, Goal, Milestone, RecoverySettings, Visibility
from .checkins import MOOD_WORDS
from .checkins import _trends as checkin_trends
from .habits import safe_next

RECENT_CHECKINS = 14
MEETINGS_SHOWN = 20


def _home_url(membership: Membership) -> str:
    return reverse("program_home", kwargs={"program_slug": membership.program.slug})


def _detail_url(membership: Membership, mentee: Membership, anchor: str = "") -> str:
    url = reverse(
        "mentor:detail",
        kwargs={"program_slug": membership.program.slug, "mentee_id": mentee.pk},
    )
    return f"{url}#{anchor}" if anchor else url


@program_view(Role.MENTOR)
def index(request, membership: Membership):
    # The dashboard is the mentor's program home.
    return redirect(_home_url(membership))


# MENTEE DETAIL


def _goals(request, mentee: Membership) -> list[Goal]:
    goals = list(
        selectors.goals_for(membership=mentee, viewer=request.user).prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("position", "pk")),
            Prefetch(
                "encouragements",
                queryset=Encouragement.objects.select_related("author__profile").order_by(
                    "-created_at"
                ),
            ),
        )
    )
    for goal in goals:
        goal.progress = selectors.goal_progress(goal)
    # Active goals first; the rest keep the selector's order (status, target date).
    return sorted(goals, key=lambda goal: goal.status != Goal.Status.ACTIVE)


def _recent_checkins(request, mentee: Membership) -> list:
    checkins = selectors.checkins_recent(
        membership=mentee, viewer=request.user, limit=RECENT_CHECKINS
    )
    prefetch_related_objects(
        checkins,
        Prefetch(
            "encouragements",
            queryset=Encouragement.objects.select_related("author__profile").order_by(
                "-created_at"
            ),
        ),
    )
    return checkins


def _pending_outreach(request, mentee: Membership) -> list[int]:
    return list(
        access.checkins_visible_to(request.user)
        .filter(
            membership=mentee,
            visibility=Visibility.SHARED,
            wants_outreach=True,
            outreach_handled_at__isnull=True,
        )
        .order_by("date")
        .values_list("pk", flat=True)
    )


@program_view(Role.MENTOR)
def detail(request, membership: Membership, mentee_id: int):
    mentee = matching_selectors.mentee_get_for_mentor(mentor=membership, mentee_id=mentee_id)
    # Only the pairing's own row: the page shows its status and links to it, and the people
    # are already loaded (pairings_for_member also built both people and the mentor's intake).
    pairing = (
        Pairing.objects.filter(mentor=membership, mentee=mentee, status__in=Pairing.CURRENT)
        .order_by("-proposed_at")
        .first()
    )
    shares_recovery = RecoverySettings.objects.filter(
        membership=mentee, share_with_mentor=True
    ).exists()
    return render(
        request,
        "mentoring/mentor/detail.html",
        {
            "membership": membership,
            "program": membership.program,
            "mentee": mentee,
            "pairing": pairing,
            "goals": _goals(request, mentee),
            "recent_checkins": _recent_checkins(request, mentee),
            "pending_outreach": _pending_outreach(request, mentee),
            "habit_states": selectors.habits_for(membership=mentee, viewer=request.user),
            "recovery": selectors.recovery_summary(membership=mentee) if shares_recovery else None,
            "meetings": list(
                access.meetings_visible_to(request.user)
                .filter(pairing=pairing)
                .order_by("-starts_at")[:MEETINGS_SHOWN]
            ),
            "action_items": list(
                access.action_items_visible_to(request.user)
                .filter(pairing=pairing)
                .order_by("done_at", "due_date", "pk")
            ),
            "mood_words": MOOD_WORDS,
            **checkin_trends(request, mentee),
        },
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
    # Through the access door: a private or unknown record is 404, like any other.
    if form.cleaned_data["goal"]:
        goal = access.goal_get_for_user(user=request.user, goal_id=form.cleaned_data["goal"])
        anchor = f"goal-{goal.pk}"
    if form.cleaned_data["checkin"]:
        checkin = access.checkin_get_for_user(
            user=request.user, checkin_id=form.cleaned_data["checkin"]
        )
        anchor = f"checkin-{checkin.pk}"
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
    return redirect(_detail_url(membership, mentee, anchor))


@require_POST
@program_view(Role.MENTOR)
def outreach_handled(request, membership: Membership, mentee_id: int):
    mentee = matching_selectors.mentee_get_for_mentor(mentor=membership, mentee_id=mentee_id)
    form = OutreachHandledForm(request.POST)
    checkin_ids = form.cleaned_data["checkin"] if form.is_valid() else []
    pending = (
        access.checkins_visible_to(request.user)
        .filter(
            pk__in=checkin_ids,
            membership=mentee,
            visibility=Visibility.SHARED,
            wants_outreach=True,
            outreach_handled_at__isnull=True,
        )
        .select_related("membership")
    )
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
