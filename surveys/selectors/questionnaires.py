"""Questionnaires as their coordinators list and edit them."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.models import Program

from ..models import Item, Questionnaire, Response


def _count_of(model) -> Coalesce:
    # A subquery each: two counts over joins would multiply each other.
    return Coalesce(
        Subquery(
            model.objects.filter(questionnaire=OuterRef("pk"))
            .order_by()
            .values("questionnaire")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def questionnaire_list(*, program: Program) -> QuerySet[Questionnaire]:
    """Every questionnaire of the program with its number of questions and of answers."""
    return (
        Questionnaire.objects.filter(program=program)
        .annotate(item_count=_count_of(Item), response_count=_count_of(Response))
        .order_by("-is_active", "title", "id")
    )


def questionnaire_is_answered(*, questionnaire: Questionnaire) -> bool:
    return Response.objects.filter(questionnaire=questionnaire).exists()
