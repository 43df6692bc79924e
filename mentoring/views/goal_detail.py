"""A goal's page: its progress and milestones, the part that htmx refreshes after each change.
Every goal and milestone is opened through mentoring.access with the membership of the
program in the URL: anything else is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role

from .. import access, services
from ..forms.goals import MilestoneForm, MilestoneToggleForm, ProgressForm
from ..models import Goal, Visibility
from ..selectors.goals import goal_detail
from .common import add_service_errors, member_context


def _detail_url(membership: Membership, goal: Goal) -> str:
    return reverse(
        "goals:detail", kwargs={"program_slug": membership.program.slug, "goal_id": goal.pk}
    )


def _work_context(
    membership: Membership,
    goal: Goal,
    *,
    milestone_form=None,
    progress_form=None,
    announce: str = "",
) -> dict:
    """What the progress-and-milestones part of a goal's page needs (also the htmx
    fragment)."""
    detail = goal_detail(goal=goal)
    today = services.local_today(membership)
    if progress_form is None and not detail["milestones"]:
        progress_form = ProgressForm(
            initial={"manual_progress": goal.manual_progress or 0}, auto_id="id_progress_%s"
        )
    return member_context(
        membership,
        **detail,
        today=today,
        milestone_form=milestone_form or MilestoneForm(today=today),
        progress_form=progress_form,
        announce=announce,
    )


def _work_response(request, membership: Membership, goal: Goal, **kwargs):
    # 200 even with errors in the fragment: htmx swaps only successful responses.
    return render(request, "mentoring/goals/_work.html", _work_context(membership, goal, **kwargs))


def _detail_response(request, membership: Membership, goal: Goal, **kwargs):
    context = _work_context(membership, goal, **kwargs)
    context.update(
        status_choices=[choice for choice in Goal.Status.choices if choice[0] != goal.status],
        is_private=goal.visibility == Visibility.PRIVATE,
    )
    return render(request, "mentoring/goals/detail.html", context)


@program_view(Role.MENTEE)
def detail(request, membership: Membership, goal_id: int):
    goal = access.goal_get_for_member(membership=membership, goal_id=goal_id)
    return _detail_response(request, membership, goal)


@require_POST
@program_view(Role.MENTEE)
def progress(request, membership: Membership, goal_id: int):
    goal = access.goal_get_for_member(membership=membership, goal_id=goal_id, for_write=True)
    form = ProgressForm(request.POST, auto_id="id_progress_%s")
    saved = False
    if form.is_valid():
        try:
            goal = services.goal_update(
                goal=goal, manual_progress=form.cleaned_data["manual_progress"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            saved = True
    return _after_work(
        request,
        membership,
        goal,
        saved=saved,
        message=_("Progress saved."),
        form_name="progress_form",
        form=form,
    )


def _after_work(request, membership, goal, *, saved: bool, message: str, form_name: str, form):
    """htmx gets the refreshed work fragment; a plain post redirects or shows the errors."""
    if request.htmx:
        return _work_response(
            request,
            membership,
            goal,
            **{form_name: None if saved else form},
            announce=message if saved else "",
        )
    if saved:
        messages.success(request, message)
        return redirect(_detail_url(membership, goal))
    return _detail_response(request, membership, goal, **{form_name: form})


@require_POST
@program_view(Role.MENTEE)
def milestone_add(request, membership: Membership, goal_id: int):
    goal = access.goal_get_for_member(membership=membership, goal_id=goal_id, for_write=True)
    today = services.local_today(membership)
    form = MilestoneForm(request.POST, today=today)
    saved = False
    if form.is_valid():
        try:
            services.milestone_add(
                goal=goal, title=form.cleaned_data["title"], due_date=form.cleaned_data["due_date"]
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "milestones" in exc.error_dict:
                form.add_error("due_date", exc.error_dict.pop("milestones"))
                exc = ValidationError(exc.error_dict) if exc.error_dict else None
            if exc is not None:
                add_service_errors(form, exc)
        else:
            saved = True
    return _after_work(
        request,
        membership,
        goal,
        saved=saved,
        message=_("Milestone added."),
        form_name="milestone_form",
        form=form,
    )


@require_POST
@program_view(Role.MENTEE)
def milestone_toggle(request, membership: Membership, goal_id: int, milestone_id: int):
    milestone = access.milestone_get_for_member(
        membership=membership, milestone_id=milestone_id, goal_id=goal_id, for_write=True
    )
    form = MilestoneToggleForm(request.POST)
    form.is_valid()  # an unticked box is "not done"
    done = form.cleaned_data.get("done", False)
    milestone = services.milestone_set_done(milestone=milestone, done=done)
    if done:
        note = _("“%(title)s” is done. Well done.") % {"title": milestone.title}
    else:
        note = _("“%(title)s” is marked not done.") % {"title": milestone.title}
    goal = milestone.goal
    if request.htmx:
        return _work_response(request, membership, goal, announce=note)
    messages.success(request, note)
    return redirect(_detail_url(membership, goal))


@require_POST
@program_view(Role.MENTEE)
def milestone_delete(request, membership: Membership, goal_id: int, milestone_id: int):
    milestone = access.milestone_get_for_member(
        membership=membership, milestone_id=milestone_id, goal_id=goal_id, for_write=True
    )
    goal = milestone.goal
    title = milestone.title
    services.milestone_delete(milestone=milestone)
    note = _("Milestone “%(title)s” removed.") % {"title": title}
    if request.htmx:
        return _work_response(request, membership, goal, announce=note)
    messages.success(request, note)
    return redirect(_detail_url(membership, goal))
