"""Reported messages for the coordinators' review: open ones first, newest first."""

from __future__ import annotations

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from accounts.models import Membership

from ..access import reports_visible_to
from ..models import MessageReport


def report_list(membership: Membership) -> QuerySet[MessageReport]:
    return (
        reports_visible_to(membership)
        .annotate(
            is_open=ExpressionWrapper(Q(handled_at__isnull=True), output_field=BooleanField())
        )
        .select_related(
            "message__author__user__profile", "reporter__user__profile", "handled_by__profile"
        )
        .order_by("-is_open", "-created_at", "-pk")
    )
