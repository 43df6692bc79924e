"""Supervision per mentor, for coordinators: figures only, never narratives.

- Current mentees: active and paused pairings.
- Meetings and contact hours per month, for the last six months (this one included, in the
  program's time zone): meetings held and logged, by the month they took place; hours are the
  logged actual start to actual end.
- Last contact per current mentee: the latest meeting held and logged with them in any of
  this mentor's pairings with them.
- Late documentation: confirmed meetings of any of the mentor's pairings that ended more than
  the program's `late_log_days` ago and were never logged (held, missed or cancelled).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from accounts.models import Membership, Program, Role
from matching.models import Pairing

from ..models import Meeting

MENTORS_PER_PAGE = 20
MONTHS = 6


@dataclass
class MonthFigures:
    month: date
    meetings: int = 0
    minutes: int = 0

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


@dataclass
class MenteeContact:
    mentee: Membership
    pairing_status: str
    last_contact: date | None


@dataclass
class MentorSupervision:
    mentor: Membership
    current_mentees: int
    late_documentation: int
    months: list[MonthFigures] = field(default_factory=list)
    mentees: list[MenteeContact] = field(default_factory=list)

    @property
    def meetings_total(self) -> int:
        return sum(month.meetings for month in self.months)

    @property
    def hours_total(self) -> float:
        return round(sum(month.minutes for month in self.months) / 60, 1)


def month_starts(today: date, count: int = MONTHS) -> list[date]:
    """The first days of the last `count` months, oldest first, this month last."""
    year, month = today.year, today.month
    starts = []
    for _index in range(count):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def supervision_page(
    *, program: Program, page_number, now: datetime | None = None
) -> tuple[Page, list[date]]:
    """A page of the program's mentors (active and paused, by name) with their figures, in
    four queries whatever the number of mentors, mentees or meetings."""
    now = now or timezone.now()
    zone = ZoneInfo(program.time_zone)
    months = month_starts(now.astimezone(zone).date())
    late_before = now - timedelta(days=program.setting("late_log_days"))
    current = Pairing.objects.filter(mentor_id=OuterRef("pk"), status__in=Pairing.CURRENT)
    late = Meeting.objects.filter(
        pairing__mentor_id=OuterRef("pk"),
        status=Meeting.Status.CONFIRMED,
        logged_at__isnull=True,
        starts_at__lt=late_before,
    )
    mentors = (
        Membership.objects.filter(
            program=program,
            role=Role.MENTOR,
            status__in=[Membership.Status.ACTIVE, Membership.Status.PAUSED],
        )
        .select_related("user__profile")
        .annotate(
            current_mentees=_grouped_count(current, "mentor_id"),
            late_documentation=_grouped_count(late, "pairing__mentor_id"),
        )
        .order_by("user__profile__display_name", "pk")
    )
    page = Paginator(mentors, MENTORS_PER_PAGE).get_page(page_number)
    rows = {
        mentor.pk: MentorSupervision(
            mentor=mentor,
            current_mentees=mentor.current_mentees,
            late_documentation=mentor.late_documentation,
            months=[MonthFigures(month=start) for start in months],
        )
        for mentor in page.object_list
    }
    if rows:
        _add_months(rows, months, zone)
        _add_mentees(rows, zone)
    page.object_list = list(rows.values())
    return page, months


def _grouped_count(queryset, column: str) -> Coalesce:
    """COUNT(*) of a correlated subquery, grouped on the column it is correlated by."""
    counted = queryset.order_by().values(column).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _add_months(rows: dict[int, MentorSupervision], months: list[date], zone: ZoneInfo) -> None:
    first = datetime.combine(months[0], datetime.min.time(), tzinfo=zone)
    held = (
        Meeting.objects.filter(
            pairing__mentor_id__in=list(rows),
            status=Meeting.Status.HELD,
            logged_at__isnull=False,
            actual_start__gte=first,
            actual_end__isnull=False,
        )
        .annotate(month=TruncMonth("actual_start", tzinfo=zone))
        .values("pairing__mentor_id", "month")
        .annotate(
            meetings=Count("pk"),
            duration=Sum(
                ExpressionWrapper(F("actual_end") - F("actual_start"), output_field=DurationField())
            ),
        )
        .order_by()
    )
    index = {start: position for position, start in enumerate(months)}
    for item in held:
        month = item["month"]
        month = month.date() if isinstance(month, datetime) else month
        position = index.get(month.replace(day=1))
        if position is None:
            continue
        figures = rows[item["pairing__mentor_id"]].months[position]
        figures.meetings += item["meetings"]
        figures.minutes += int(item["duration"].total_seconds() // 60) if item["duration"] else 0


def _add_mentees(rows: dict[int, MentorSupervision], zone: ZoneInfo) -> None:
    last_held = (
        Meeting.objects.filter(
            pairing__mentor_id=OuterRef("mentor_id"),
            pairing__mentee_id=OuterRef("mentee_id"),
            status=Meeting.Status.HELD,
            logged_at__isnull=False,
        )
        .order_by("-actual_start")
        .values("actual_start")[:1]
    )
    pairings = (
        Pairing.objects.filter(mentor_id__in=list(rows), status__in=Pairing.CURRENT)
        .select_related("mentee__user__profile")
        .annotate(last_contact=Subquery(last_held, output_field=DateTimeField()))
        .order_by("activated_at", "pk")
    )
    for pairing in pairings:
        last = pairing.last_contact
        rows[pairing.mentor_id].mentees.append(
            MenteeContact(
                mentee=pairing.mentee,
                pairing_status=pairing.get_status_display(),
                last_contact=timezone.localtime(last, zone).date() if last else None,
            )
        )
