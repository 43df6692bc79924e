"""The overview's figures about people and pairs: members by role and status, the waiting
list, pairings by status and mentor load. Each is counted in the database in one or two
queries, whatever the size of the program."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from accounts.models import Membership, Program, Role
from matching.models import Pairing

DEFAULT_CAPACITY = 2  # Intake.capacity's default, for a mentor who has no intake yet


def members_by_role_and_status(*, program: Program) -> list[dict]:
    counts = {
        (row["role"], row["status"]): row["n"]
        for row in Membership.objects.filter(program=program)
        .values("role", "status")
        .annotate(n=Count("id"))
        .order_by()
    }
    rows = []
    for role, role_label in Role.choices:
        cells = [counts.get((role, status), 0) for status in Membership.Status.values]
        rows.append({"role": role, "label": role_label, "cells": cells, "total": sum(cells)})
    return rows


def waiting_list(*, program: Program, now: datetime) -> dict:
    """Active mentees with a submitted intake and no current pairing. Each waits since they
    joined or since their last pairing closed, whichever is later (as on the matching
    board). The median comes from the one or two middle rows, read in order by the
    database: three small queries, never the whole list."""
    current = Pairing.objects.filter(mentee=OuterRef("pk"), status__in=Pairing.CURRENT)
    last_closed = (
        Pairing.objects.filter(mentee=OuterRef("pk"), closed_at__isnull=False)
        .order_by("-closed_at")
        .values("closed_at")[:1]
    )
    waiting = (
        Membership.objects.filter(
            program=program,
            role=Role.MENTEE,
            status=Membership.Status.ACTIVE,
            intake__submitted_at__isnull=False,
        )
        .filter(~Exists(current))
        .annotate(since=Greatest(F("joined_at"), Coalesce(Subquery(last_closed), F("joined_at"))))
    )
    count = waiting.count()
    if not count:
        return {"count": 0, "median_days": None, "longest_days": None}
    ordered = waiting.order_by("since", "pk").values_list("since", flat=True)
    oldest = ordered[0]
    middle = list(ordered[(count - 1) // 2 : count // 2 + 1])
    middle_days = [(now - since).total_seconds() / 86400 for since in middle]
    return {
        "count": count,
        "median_days": int(sum(middle_days) / len(middle_days)),
        "longest_days": (now - oldest).days,
    }


def pairings_by_status(*, program: Program) -> dict[str, int]:
    counts = {status: 0 for status in Pairing.Status.values}
    counts.update(
        {
            row["status"]: row["n"]
            for row in Pairing.objects.filter(program=program)
            .values("status")
            .annotate(n=Count("id"))
            .order_by()
        }
    )
    return counts


def mentor_load(*, program: Program) -> dict:
    """Active mentors grouped by (current mentees, capacity) in the database; the few groups
    (at most 11 x 10) are summed here into a row per number of mentees."""
    current = (
        Pairing.objects.filter(mentor=OuterRef("pk"), status__in=Pairing.CURRENT)
        .order_by()
        .values("mentor")
        .annotate(n=Count("id"))
        .values("n")
    )
    groups = (
        Membership.objects.filter(
            program=program, role=Role.MENTOR, status=Membership.Status.ACTIVE
        )
        .annotate(
            current=Coalesce(Subquery(current, output_field=IntegerField()), Value(0)),
            places=Coalesce(F("intake__capacity"), Value(DEFAULT_CAPACITY)),
        )
        .values("current", "places")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_mentees: dict[int, int] = {}
    mentors = full = places = taken = 0
    for group in groups:
        by_mentees[group["current"]] = by_mentees.get(group["current"], 0) + group["n"]
        mentors += group["n"]
        places += group["places"] * group["n"]
        taken += min(group["current"], group["places"]) * group["n"]
        if group["current"] >= group["places"]:
            full += group["n"]
    return {
        "mentors": mentors,
        "rows": [{"mentees": k, "mentors": by_mentees[k]} for k in sorted(by_mentees)],
        "at_capacity": full,
        "with_room": mentors - full,
        "places": places,
        "places_open": places - taken,
    }
