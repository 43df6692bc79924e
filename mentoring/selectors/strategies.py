"""Reads for the strategies library and the mentee's toolkit, each in a fixed number of queries
whatever the number of strategies or mentees."""

from __future__ import annotations

from django.db.models import Prefetch

from accounts.models import Membership

from .. import access
from ..models import PersonalStrategy, Strategy, StrategyCategory, StrategyShare, Visibility


def strategies_for_member(
    *, membership: Membership, category: str = "", mentees: list[Membership] | None = None
) -> list[Strategy]:
    """The strategies a mentor or coordinator sees (access.strategies_visible_to), each with
    `shared_with`: the ids of the given mentees who already have it in their toolkit."""
    queryset = access.strategies_visible_to(membership).select_related("author__profile")
    if category in StrategyCategory.values:
        queryset = queryset.filter(category=category)
    mentee_ids = [m.pk for m in mentees or []]
    queryset = queryset.prefetch_related(
        Prefetch(
            "shares",
            queryset=StrategyShare.objects.filter(mentee_id__in=mentee_ids),
            to_attr="shares_to_mentees",
        )
    )
    strategies = list(queryset.order_by("category", "title", "pk"))
    for strategy in strategies:
        strategy.shared_with = {share.mentee_id for share in strategy.shares_to_mentees}
    return _with_targets(strategies, mentees or [])


def _with_targets(strategies: list[Strategy], mentees: list[Membership]) -> list[Strategy]:
    for strategy in strategies:
        strategy.share_targets = [
            {"mentee": mentee, "shared": mentee.pk in strategy.shared_with} for mentee in mentees
        ]
    return strategies


def attach_share_targets(strategies: list[Strategy], *, mentees: list[Membership]) -> None:
    """For one strategy page: which of the mentor's mentees already have it (one query)."""
    shared = (
        set(
            StrategyShare.objects.filter(
                strategy__in=strategies, mentee_id__in=[m.pk for m in mentees]
            ).values_list("strategy_id", "mentee_id")
        )
        if mentees
        else set()
    )
    for strategy in strategies:
        strategy.shared_with = {mentee_id for sid, mentee_id in shared if sid == strategy.pk}
    _with_targets(strategies, mentees)


def toolkit_for_mentee(*, membership: Membership, category: str = "") -> list[StrategyShare]:
    """What was shared with the mentee (newest first), through the same access door."""
    visible = access.strategies_visible_to(membership)
    queryset = StrategyShare.objects.filter(
        mentee=membership, strategy__in=visible.values("pk")
    ).select_related("strategy", "shared_by__profile")
    if category in StrategyCategory.values:
        queryset = queryset.filter(strategy__category=category)
    return list(queryset.order_by("-shared_at", "-pk"))


def toolkit_share(*, membership: Membership, strategy: Strategy) -> StrategyShare | None:
    """Who shared this strategy with the mentee, and when."""
    return (
        StrategyShare.objects.filter(mentee=membership, strategy=strategy)
        .select_related("shared_by__profile")
        .first()
    )


def personal_strategies_for_mentee(
    *, membership: Membership, category: str = ""
) -> list[PersonalStrategy]:
    """The mentee's own strategies for their toolkit, newest first (one query)."""
    queryset = access.personal_strategies_visible_to(membership).filter(membership=membership)
    if category in StrategyCategory.values:
        queryset = queryset.filter(category=category)
    return list(queryset.order_by("-created_at", "-pk"))


def personal_strategies_shared_with_mentor(
    *, membership: Membership, category: str = ""
) -> list[PersonalStrategy]:
    """What the mentor's current mentees chose to share of their own strategies (one query).
    Only for a mentor: the access filter gives a coordinator nothing of anybody's."""
    queryset = (
        access.personal_strategies_visible_to(membership)
        .filter(visibility=Visibility.SHARED)
        .exclude(membership=membership)
        .select_related("membership__user__profile")
    )
    if category in StrategyCategory.values:
        queryset = queryset.filter(category=category)
    return list(queryset.order_by("membership_id", "-created_at", "-pk"))
