"""The strategies library (lived experience) and program events."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Role
from matching.models import Pairing

from ..models import Event, EventParticipant, Strategy, StrategyCategory, StrategyShare

# STRATEGIES


def _strategy_errors(*, title: str, body: str, category: str) -> dict:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the strategy a short title.")]
    if not body.strip():
        errors["body"] = [_("Describe what helps.")]
    if category not in StrategyCategory.values:
        errors["category"] = [_("Choose a category.")]
    return errors


@transaction.atomic
def strategy_create(
    *, author: Membership, title: str, body: str, category: str, link: str = ""
) -> Strategy:
    """Mentors write strategies for their own use; a coordinator's go to the library."""
    if author.role not in (Role.MENTOR, Role.COORDINATOR):
        raise ValidationError(_("Mentors and coordinators write strategies."))
    errors = _strategy_errors(title=title, body=body, category=category)
    if errors:
        raise ValidationError(errors)
    strategy = Strategy(
        program=author.program,
        author=author.user,
        title=title.strip()[:120],
        body=body.strip(),
        category=category,
        link=link.strip(),
        in_library=author.role == Role.COORDINATOR,
    )
    strategy.full_clean()
    strategy.save()
    return strategy


@transaction.atomic
def strategy_update(*, strategy: Strategy, title: str, body: str, category: str, link: str = ""):
    errors = _strategy_errors(title=title, body=body, category=category)
    if errors:
        raise ValidationError(errors)
    strategy.title, strategy.body, strategy.category = title.strip()[:120], body.strip(), category
    strategy.link = link.strip()
    strategy.full_clean()
    strategy.save()
    return strategy


@transaction.atomic
def strategy_set_in_library(*, strategy: Strategy, by: Membership, in_library: bool) -> Strategy:
    """Coordinators curate the program-wide library."""
    if not by.is_coordinator or by.program_id != strategy.program_id:
        raise ValidationError(_("Coordinators curate the program library."))
    strategy.in_library = in_library
    strategy.save(update_fields=["in_library", "updated_at"])
    return strategy


@transaction.atomic
def strategy_archive(*, strategy: Strategy) -> Strategy:
    strategy.archived_at = timezone.now()
    strategy.save(update_fields=["archived_at", "updated_at"])
    return strategy


@transaction.atomic
def strategy_share(*, strategy: Strategy, mentee: Membership, by: Membership) -> StrategyShare:
    """A mentor shares a strategy with a current mentee in one click (once)."""
    if not Pairing.objects.filter(mentor=by, mentee=mentee, status__in=Pairing.CURRENT).exists():
        raise ValidationError(_("You can share strategies with your current mentees."))
    if strategy.program_id != by.program_id or strategy.archived_at is not None:
        raise ValidationError(_("This strategy can't be shared."))
    if not strategy.in_library and strategy.author_id != by.user_id:
        raise ValidationError(_("This strategy can't be shared."))
    try:
        with transaction.atomic():
            return StrategyShare.objects.create(strategy=strategy, mentee=mentee, shared_by=by.user)
    except IntegrityError as exc:
        raise ValidationError(_("Already in their toolkit.")) from exc


# EVENTS


def _event_errors(*, title, kind, starts_at, duration_minutes, capacity) -> dict:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the event a title.")]
    if kind not in Event.Kind.values:
        errors["kind"] = [_("Choose a kind of event.")]
    if starts_at <= timezone.now():
        errors["starts_at"] = [_("Choose a time in the future.")]
    if not 5 <= duration_minutes <= 720:
        errors["duration_minutes"] = [_("Between 5 minutes and 12 hours.")]
    if capacity is not None and capacity < 1:
        errors["capacity"] = [_("At least one place, or leave it empty.")]
    return errors


@transaction.atomic
def event_create(
    *,
    by: Membership,
    title: str,
    kind: str,
    starts_at: datetime,
    duration_minutes: int = 90,
    location: str = "",
    description: str = "",
    capacity: int | None = None,
) -> Event:
    if not by.is_coordinator:
        raise ValidationError(_("Coordinators schedule program events."))
    errors = _event_errors(
        title=title,
        kind=kind,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        capacity=capacity,
    )
    if errors:
        raise ValidationError(errors)
    return Event.objects.create(
        program=by.program,
        kind=kind,
        title=title.strip()[:120],
        description=description.strip(),
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        location=location.strip()[:300],
        capacity=capacity,
        created_by=by.user,
    )


@transaction.atomic
def event_cancel(*, event: Event, by: Membership) -> Event:
    if not by.is_coordinator or by.program_id != event.program_id:
        raise ValidationError(_("Coordinators cancel program events."))
    event.cancelled_at = timezone.now()
    event.sequence += 1
    event.save(update_fields=["cancelled_at", "sequence"])
    return event


@transaction.atomic
def event_rsvp(*, event: Event, membership: Membership, rsvp: str) -> EventParticipant:
    """Answer going / maybe / not going. A full event refuses new "going" answers; the
    event row is locked so two last-place answers cannot both get in."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if membership.program_id != event.program_id:
        raise ValidationError(_("This event is for another program."))
    if event.cancelled_at is not None or event.starts_at <= timezone.now():
        raise ValidationError(_("This event is no longer open for answers."))
    if rsvp not in EventParticipant.Rsvp.values:
        raise ValidationError(_("Choose going, maybe or not going."))
    participant, _created = EventParticipant.objects.get_or_create(
        event=event, membership=membership
    )
    if rsvp == EventParticipant.Rsvp.YES and participant.rsvp != rsvp and event.capacity:
        going = EventParticipant.objects.filter(event=event, rsvp=EventParticipant.Rsvp.YES)
        if going.count() >= event.capacity:
            raise ValidationError(_("This event is full."))
    participant.rsvp = rsvp
    participant.responded_at = timezone.now()
    participant.save(update_fields=["rsvp", "responded_at"])
    return participant


@transaction.atomic
def event_record_attendance(*, event: Event, by: Membership, attended_ids: set[int]) -> int:
    """Record who came (members of the event's program only). Returns how many attended."""
    if not by.is_coordinator or by.program_id != event.program_id:
        raise ValidationError(_("Coordinators record attendance."))
    if event.cancelled_at is not None or event.starts_at > timezone.now():
        raise ValidationError(
            _(
                "Attendance can be recorded once the event has started, and not for a "
                "cancelled event."
            )
        )
    members = Membership.objects.filter(program_id=event.program_id, pk__in=attended_ids)
    valid = set(members.values_list("pk", flat=True))
    if valid != set(attended_ids):
        raise ValidationError(_("Attendance can only be recorded for this program's members."))
    for membership_id in valid:
        EventParticipant.objects.get_or_create(event=event, membership_id=membership_id)
    EventParticipant.objects.filter(event=event).update(attended=False)
    EventParticipant.objects.filter(event=event, membership_id__in=valid).update(attended=True)
    return len(valid)
