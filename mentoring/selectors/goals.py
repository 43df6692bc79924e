"""Reads for a mentee's goals, as the viewer may see them (mentoring.access)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from accounts.models import Membership

from .. import access
from ..models import Encouragement, Goal, Milestone


def goals_for(*, membership: Membership, viewer: Membership, statuses=None) -> QuerySet[Goal]:
    """A mentee's goals as the viewer may see them, with milestone counts for progress."""
    queryset = access.goals_visible_to(viewer).filter(membership=membership)
    if statuses:
        queryset = queryset.filter(status__in=statuses)
    return queryset.annotate(
        milestones_total=Count("milestones"),
        milestones_done=Count("milestones", filter=Q(milestones__done_at__isnull=False)),
    ).order_by("status", "target_date", "pk")


def goal_progress(goal: Goal) -> int:
    total = getattr(goal, "milestones_total", None)
    done = getattr(goal, "milestones_done", None)
    if total is None:
        milestones = list(goal.milestones.all())
        total, done = len(milestones), sum(1 for m in milestones if m.done_at)
    if total:
        return round(100 * done / total)
    if goal.status == Goal.Status.ACHIEVED:
        return 100
    return goal.manual_progress or 0


def goal_detail(*, goal: Goal) -> dict:
    milestones = list(Milestone.objects.filter(goal=goal).order_by("position", "pk"))
    done = sum(1 for m in milestones if m.done_at)
    progress = round(100 * done / len(milestones)) if milestones else goal_progress(goal)
    encouragements = list(
        Encouragement.objects.filter(goal=goal).select_related("author__profile")[:10]
    )
    return {
        "goal": goal,
        "milestones": milestones,
        "progress": progress,
        "encouragements": encouragements,
    }
