"""The mentee's goals: the list with progress, a new goal (from a starter template or blank),
editing, status and visibility. Every goal is opened through mentoring.access with the
membership of the program in the URL: anything else is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role
from accounts.services import DUPLICATE_SUBMISSION, new_submission_key

from .. import access, services
from ..forms.goals import GoalForm, NewGoalForm, StatusForm, VisibilityForm
from ..goal_templates import GOAL_TEMPLATES, goal_template_get
from ..models import Goal, Visibility
from ..selectors.goals import goal_progress, goals_for
from .common import add_service_errors, member_context

STATUS_ORDER = [Goal.Status.ACTIVE, Goal.Status.ACHIEVED, Goal.Status.PAUSED, Goal.Status.LET_GO]


@program_view(Role.MENTEE)
def index(request, membership: Membership):
    goals = list(goals_for(membership=membership, viewer=membership))
    for goal in goals:
        goal.progress = goal_progress(goal)
    groups = [
        {
            "status": status,
            "label": label,
            "goals": [goal for goal in goals if goal.status == status],
        }
        for status, label in Goal.Status.choices
    ]
    groups.sort(key=lambda group: STATUS_ORDER.index(group["status"]))
    active = groups[0]["goals"]
    others = [group for group in groups[1:] if group["goals"]]
    return render(
        request,
        "mentoring/goals/index.html",
        member_context(
            membership,
            active_goals=active,
            other_groups=others,
            has_goals=bool(goals),
            goal_templates=GOAL_TEMPLATES,
        ),
    )


@program_view(Role.MENTEE)
def new(request, membership: Membership):
    today = services.local_today(membership)
    template = None
    if request.method == "POST":
        form = NewGoalForm(request.POST, today=today)
        if form.is_valid():
            try:
                goal = services.goal_create(
                    membership=membership,
                    submission_key=request.POST.get("form_token", ""),
                    **form.service_kwargs(),
                )
            except ValidationError as exc:
                if getattr(exc, "code", None) == DUPLICATE_SUBMISSION:
                    messages.warning(request, _("This goal was already saved."))
                    return redirect("goals:index", program_slug=membership.program.slug)
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your goal is saved."))
                return redirect(
                    "goals:detail", program_slug=membership.program.slug, goal_id=goal.pk
                )
    else:
        template = goal_template_get(request.GET.get("template"))
        initial = NewGoalForm.initial_from_template(template) if template else {}
        initial["form_token"] = new_submission_key()
        form = NewGoalForm(initial=initial, today=today)
    return render(
        request,
        "mentoring/goals/new.html",
        member_context(membership, form=form, template=template, goal_templates=GOAL_TEMPLATES),
    )


@program_view(Role.MENTEE)
def edit(request, membership: Membership, goal_id: int):
    goal = access.goal_get_for_member(membership=membership, goal_id=goal_id, for_write=True)
    if request.method == "POST":
        form = GoalForm(request.POST)
        if form.is_valid():
            try:
                services.goal_update(goal=goal, **form.service_kwargs())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your goal is updated."))
                return redirect(
                    "goals:detail", program_slug=membership.program.slug, goal_id=goal.pk
                )
    else:
        # No `min` on the date input here: an older goal may keep a target date now past.
        form = GoalForm(initial=GoalForm.initial_from(goal))
    return render(
        request, "mentoring/goals/edit.html", member_context(membership, form=form, goal=goal)
    )


@require_POST
@program_view(Role.MENTEE)
def status(request, membership: Membership, goal_id: int):
    goal = access.goal_get_for_member(membership=membership, goal_id=goal_id, for_write=True)
    form = StatusForm(request.POST)
    if form.is_valid():
        goal = services.goal_set_status(goal=goal, status=form.cleaned_data["status"])
        messages.success(
            request, _("Status changed to “%(status)s”.") % {"status": goal.get_status_display()}
        )
    else:
        messages.error(request, _("Choose active, achieved, paused or let go."))
    return redirect("goals:detail", program_slug=membership.program.slug, goal_id=goal.pk)


@require_POST
@program_view(Role.MENTEE)
def visibility(request, membership: Membership, goal_id: int):
    goal = access.goal_get_for_member(membership=membership, goal_id=goal_id, for_write=True)
    form = VisibilityForm(request.POST)
    form.is_valid()  # a missing box means "shared"; nothing here can be invalid
    private = form.cleaned_data.get("private", False)
    services.goal_update(goal=goal, visibility=Visibility.PRIVATE if private else Visibility.SHARED)
    if private:
        messages.success(request, _("This goal is now private: only you can see it."))
    else:
        messages.success(request, _("This goal is now shared with your mentor."))
    return redirect("goals:detail", program_slug=membership.program.slug, goal_id=goal.pk)
