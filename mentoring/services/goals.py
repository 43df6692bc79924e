from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.dates import TARGET, date_error
from accounts.models import Membership, Role
from accounts.services import form_submission_claim

from ..models import Goal, GoalCategory, Milestone, Visibility
from .time import local_today

MAX_MILESTONES = 20


def _require_mentee(membership: Membership) -> None:
    if membership.role != Role.MENTEE:
        raise ValidationError(_("Goals belong to mentees."))


def _clean_milestones(milestones, today: date, errors: dict) -> list[dict]:
    cleaned = []
    for item in milestones or []:
        title = (item.get("title") or "").strip()
        if not title:
            continue
        due = item.get("due_date")
        if due is not None and due < today:
            errors.setdefault("milestones", []).append(
                _("A milestone's due date can't be in the past (%(title)s).") % {"title": title}
            )
        elif message := date_error(due, TARGET, today=today):
            errors.setdefault("milestones", []).append(f"{title}: {message}")
        cleaned.append({"title": title[:120], "due_date": due})
    if len(cleaned) > MAX_MILESTONES:
        errors.setdefault("milestones", []).append(_("At most 20 milestones per goal."))
    return cleaned


@transaction.atomic
def goal_create(
    *,
    membership: Membership,
    title: str,
    category: str,
    why: str = "",
    measure: str = "",
    target_date: date | None = None,
    visibility: str = Visibility.SHARED,
    manual_progress: int | None = None,
    milestones: list[dict] | None = None,
    submission_key: str | None = None,
) -> Goal:
    """Create a goal with its milestones. With `submission_key` (the form's one-time key)
    a second post of the same form raises a DUPLICATE_SUBMISSION ValidationError."""
    _require_mentee(membership)
    today = local_today(membership)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the goal a short title.")]
    if category not in GoalCategory.values:
        errors["category"] = [_("Choose a category.")]
    if target_date is not None and target_date < today:
        errors["target_date"] = [_("The target date can't be in the past for a new goal.")]
    elif message := date_error(target_date, TARGET, today=today):
        errors["target_date"] = [message]
    if visibility not in Visibility.values:
        errors["visibility"] = [_("Choose who can see the goal.")]
    if manual_progress is not None and not 0 <= manual_progress <= 100:
        errors["manual_progress"] = [_("Progress is a percentage from 0 to 100.")]
    cleaned = _clean_milestones(milestones, today, errors)
    if errors:
        raise ValidationError(errors)
    if submission_key is not None:
        form_submission_claim(user=membership.user, key=submission_key)
    goal = Goal.objects.create(
        membership=membership,
        title=title.strip(),
        category=category,
        why=why.strip(),
        measure=measure.strip(),
        target_date=target_date,
        visibility=visibility,
        manual_progress=manual_progress,
    )
    Milestone.objects.bulk_create(
        [Milestone(goal=goal, position=i, **item) for i, item in enumerate(cleaned)]
    )
    return goal


@transaction.atomic
def goal_update(*, goal: Goal, **fields) -> Goal:
    allowed = {
        "title",
        "category",
        "why",
        "measure",
        "target_date",
        "visibility",
        "manual_progress",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown goal fields: {sorted(unknown)}")
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    errors: dict[str, list[str]] = {}
    new_date = fields.get("target_date", goal.target_date)
    if (
        "target_date" in fields
        and new_date is not None
        and new_date != goal.target_date
        and new_date < local_today(goal.membership)
    ):
        errors["target_date"] = [_("A new target date can't be in the past.")]
    elif new_date != goal.target_date and (
        message := date_error(new_date, TARGET, today=local_today(goal.membership))
    ):
        errors["target_date"] = [message]
    if "title" in fields and not fields["title"].strip():
        errors["title"] = [_("Give the goal a short title.")]
    progress = fields.get("manual_progress")
    if progress is not None and not 0 <= progress <= 100:
        errors["manual_progress"] = [_("Progress is a percentage from 0 to 100.")]
    if errors:
        raise ValidationError(errors)
    for name, value in fields.items():
        setattr(goal, name, value.strip() if isinstance(value, str) else value)
    goal.full_clean(exclude=["membership"])
    goal.save()
    return goal


@transaction.atomic
def goal_set_status(*, goal: Goal, status: str) -> Goal:
    if status not in Goal.Status.values:
        raise ValidationError(_("Choose active, achieved, paused or let go."))
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    goal.status = status
    goal.achieved_at = timezone.now() if status == Goal.Status.ACHIEVED else None
    goal.save(update_fields=["status", "achieved_at", "updated_at"])
    return goal


@transaction.atomic
def milestone_add(*, goal: Goal, title: str, due_date: date | None = None) -> Milestone:
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    errors: dict[str, list[str]] = {}
    _clean_milestones(
        [{"title": title, "due_date": due_date}], local_today(goal.membership), errors
    )
    if not title.strip():
        errors["title"] = [_("Give the milestone a short title.")]
    count = goal.milestones.count()
    if count >= MAX_MILESTONES:
        errors["title"] = [_("At most 20 milestones per goal.")]
    if errors:
        raise ValidationError(errors)
    return Milestone.objects.create(
        goal=goal, title=title.strip()[:120], due_date=due_date, position=count
    )


@transaction.atomic
def milestone_set_done(*, milestone: Milestone, done: bool) -> Milestone:
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if done and milestone.done_at is None:
        milestone.done_at = timezone.now()
    elif not done:
        milestone.done_at = None
    milestone.save(update_fields=["done_at"])
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone) -> None:
    milestone.delete()


@transaction.atomic
def goal_delete(*, goal: Goal) -> None:
    """The owner deletes a goal for good: its milestones and encouragements go with it."""
    goal.delete()
