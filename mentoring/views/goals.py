"""The mentee's goals: list with progress, new goal (from a starter template or blank), a goal's
page with milestones, status, visibility and manual progress, and editing.

Every goal and milestone is looked up through mentoring.access and must belong to the
membership of the program in the URL: anything else is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role
from accounts.services import DUPLICATE_SUBMISSION, new_submission_key

from .. import access, selectors, services
from ..forms.goals import (
    GoalForm,
    MilestoneForm,
    MilestoneToggleForm,
    NewGoalForm,
    ProgressForm,
    StatusForm,
    VisibilityForm,
)
from ..goal_templates import GOAL_TEMPLATES, goal_template_get
from ..models import Goal, Milestone, Visibility

STATUS_ORDER = [Goal.Status.ACTIVE, Goal.Status.ACHIEVED, Goal.Status.PAUSED, Goal.Status.LET_GO]


def _add_service_errors(form, exc: ValidationError) -> None:
    """A service's errors on the form field they name, the rest above the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _context(membership: Membership, **extra) -> dict:
    return {"membership": membership, "program": membership.program, **extra}


def _goal_for(request, membership: Membership, goal_id: int, *, for_write: bool = False) -> Goal:
    goal = access.goal_get_for_user(user=request.user, goal_id=goal_id, for_write=for_write)
    if goal.membership_id != membership.pk:
        raise Http404  # the person's goal in another program, or a mentee's goal elsewhere
    return goal


def _milestone_for(request, membership: Membership, goal_id: int, milestone_id: int) -> Milestone:
    milestone = access.milestone_get_for_user(
        user=request.user, milestone_id=milestone_id, for_write=True
    )
    if milestone.goal_id != goal_id or milestone.goal.membership_id != membership.pk:
        raise Http404
    return milestone


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
    detail = selectors.goal_detail(goal=goal)
    today = services.local_today(membership)
    if progress_form is None and not detail["milestones"]:
        progress_form = ProgressForm(
            initial={"manual_progress": goal.manual_progress or 0}, auto_id="id_progress_%s"
        )
    return _context(
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


# LIST


@program_view(Role.MENTEE)
def index(request, membership: Membership):
    goals = list(selectors.goals_for(membership=membership, viewer=request.user))
    for goal in goals:
        goal.progress = selectors.goal_progress(goal)
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
        _context(
            membership,
            active_goals=active,
            other_groups=others,
            has_goals=bool(goals),
            goal_templates=GOAL_TEMPLATES,
        ),
    )


# NEW


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
                _add_service_errors(form, exc)
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
        _context(membership, form=form, template=template, goal_templates=GOAL_TEMPLATES),
    )


# DETAIL


@program_view(Role.MENTEE)
def detail(request, membership: Membership, goal_id: int):
    goal = _goal_for(request, membership, goal_id)
    return _detail_response(request, membership, goal)


@program_view(Role.MENTEE)
def edit(request, membership: Membership, goal_id: int):
    goal = _goal_for(request, membership, goal_id, for_write=True)
    if request.method == "POST":
        form = GoalForm(request.POST)
        if form.is_valid():
            try:
                services.goal_update(goal=goal, **form.service_kwargs())
            except ValidationError as exc:
                _add_service_errors(form, exc)
            else:
                messages.success(request, _("Your goal is updated."))
                return redirect(
                    "goals:detail", program_slug=membership.program.slug, goal_id=goal.pk
                )
    else:
        # No `min` on the date input here: an older goal may keep a target date now past.
        form = GoalForm(initial=GoalForm.initial_from(goal))
    return render(request, "mentoring/goals/edit.html", _context(membership, form=form, goal=goal))


@require_POST
@program_view(Role.MENTEE)
def status(request, membership: Membership, goal_id: int):
    goal = _goal_for(request, membership, goal_id, for_write=True)
    form = StatusForm(request.POST)
    if form.is_valid():
        goal = services.goal_set_status(goal=goal, status=form.cleaned_data["status"])
        messages.success(
            request, _("Status changed to “%(status)s”.") % {"status": goal.get_status_display()}
        )
    else:
        messages.error(request, _("Choose active, achieved, paused or let go."))
    return redirect(_detail_url(membership, goal))


@require_POST
@program_view(Role.MENTEE)
def visibility(request, membership: Membership, goal_id: int):
    goal = _goal_for(request, membership, goal_id, for_write=True)
    form = VisibilityForm(request.POST)
    form.is_valid()  # a missing box means "shared"; nothing here can be invalid
    private = form.cleaned_data.get("private", False)
    services.goal_update(goal=goal, visibility=Visibility.PRIVATE if private else Visibility.SHARED)
    if private:
        messages.success(request, _("This goal is now private: only you can see it."))
    else:
        messages.success(request, _("This goal is now shared with your mentor."))
    return redirect(_detail_url(membership, goal))


@require_POST
@program_view(Role.MENTEE)
def progress(request, membership: Membership, goal_id: int):
    goal = _goal_for(request, membership, goal_id, for_write=True)
    form = ProgressForm(request.POST, auto_id="id_progress_%s")
    saved = False
    if form.is_valid():
        try:
            goal = services.goal_update(
                goal=goal, manual_progress=form.cleaned_data["manual_progress"]
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
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


# MILESTONES


@require_POST
@program_view(Role.MENTEE)
def milestone_add(request, membership: Membership, goal_id: int):
    goal = _goal_for(request, membership, goal_id, for_write=True)
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
                _add_service_errors(form, exc)
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
    milestone = _milestone_for(request, membership, goal_id, milestone_id)
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
    milestone = _milestone_for(request, membership, goal_id, milestone_id)
    goal = milestone.goal
    title = milestone.title
    services.milestone_delete(milestone=milestone)
    note = _("Milestone “%(title)s” removed.") % {"title": title}
    if request.htmx:
        return _work_response(request, membership, goal, announce=note)
    messages.success(request, note)
    return redirect(_detail_url(membership, goal))
