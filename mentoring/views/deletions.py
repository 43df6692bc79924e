"""A mentee deletes one of their own entries for good: a goal, a habit or a day's check-in.
GET shows what will go and asks; only a POST deletes. Each record is opened through
mentoring.access for writing: someone else's is 404, a mentor's shared view is 403."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import program_view
from accounts.models import Membership, Role

from .. import access, services
from .common import member_context


def _confirm(request, membership: Membership, *, heading: str, what: str, cancel_url: str):
    return render(
        request,
        "mentoring/confirm_delete.html",
        member_context(membership, heading=heading, what=what, cancel_url=cancel_url),
    )


@require_http_methods(["GET", "POST"])
@program_view(Role.MENTEE)
def goal_delete(request, membership: Membership, goal_id: int):
    goal = access.goal_get_for_member(membership=membership, goal_id=goal_id, for_write=True)
    slug = membership.program.slug
    if request.method == "POST":
        services.goal_delete(goal=goal)
        messages.success(request, _("The goal is deleted."))
        return redirect("goals:index", program_slug=slug)
    return _confirm(
        request,
        membership,
        heading=_("Delete this goal?"),
        what=_("“%(title)s”, its milestones and any encouragement on it will be deleted for good.")
        % {"title": goal.title},
        cancel_url=reverse("goals:detail", args=[slug, goal.pk]),
    )


@require_http_methods(["GET", "POST"])
@program_view(Role.MENTEE)
def habit_delete(request, membership: Membership, habit_id: int):
    habit = access.habit_get_for_member(membership=membership, habit_id=habit_id, for_write=True)
    slug = membership.program.slug
    if request.method == "POST":
        services.habit_delete(habit=habit)
        messages.success(request, _("The habit is deleted."))
        return redirect("habits:index", program_slug=slug)
    return _confirm(
        request,
        membership,
        heading=_("Delete this habit?"),
        what=_(
            "“%(name)s” and every day you logged it will be deleted for good. To keep its "
            "history, archive it instead."
        )
        % {"name": habit.name},
        cancel_url=reverse("habits:edit", args=[slug, habit.pk]),
    )


@require_http_methods(["GET", "POST"])
@program_view(Role.MENTEE)
def checkin_delete(request, membership: Membership, checkin_id: int):
    checkin = access.checkin_get_for_member(
        membership=membership, checkin_id=checkin_id, for_write=True
    )
    slug = membership.program.slug
    if request.method == "POST":
        services.checkin_delete(checkin=checkin)
        messages.success(request, _("The check-in is deleted."))
        return redirect("checkins:index", program_slug=slug)
    return _confirm(
        request,
        membership,
        heading=_("Delete this check-in?"),
        what=_("Your check-in of %(date)s will be deleted for good.")
        % {"date": checkin.date.isoformat()},
        cancel_url=reverse("checkins:index", args=[slug]),
    )


@require_http_methods(["GET", "POST"])
@program_view(Role.MENTEE)
def recovery_period_delete(request, membership: Membership, period_id: int):
    period = access.earlier_recovery_period_get_for_member(
        membership=membership, period_id=period_id
    )
    slug = membership.program.slug
    if request.method == "POST":
        services.recovery_period_delete(period=period)
        messages.success(request, _("The earlier period is deleted."))
        return redirect("recovery:index", program_slug=slug)
    return _confirm(
        request,
        membership,
        heading=_("Delete this earlier period?"),
        what=_(
            "The period from %(start)s to %(end)s and its private note will be deleted for good. "
            "Your current recovery time does not change."
        )
        % {"start": period.started_on.isoformat(), "end": period.ended_on.isoformat()},
        cancel_url=reverse("recovery:index", args=[slug]),
    )
