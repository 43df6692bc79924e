from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.dates import RECOVERY_START, check_date
from accounts.models import Membership, Role

from ..models import RecoveryPeriod, RecoverySettings
from .notify import current_pairing, return_to_use_notify
from .time import local_today


def recovery_settings_for(*, membership: Membership) -> RecoverySettings:
    settings_row = RecoverySettings.objects.filter(membership=membership).first()
    if settings_row is None:
        settings_row, _created = RecoverySettings.objects.get_or_create(membership=membership)
    return settings_row


@transaction.atomic
def recovery_settings_update(
    *, membership: Membership, show_counter: bool, share_with_mentor: bool
) -> RecoverySettings:
    settings_row = recovery_settings_for(membership=membership)
    settings_row.show_counter = show_counter
    settings_row.share_with_mentor = share_with_mentor
    settings_row.save()
    return settings_row


@transaction.atomic
def recovery_start(*, membership: Membership, started_on: date) -> RecoveryPeriod:
    """Set the recovery start date (or correct it while the current period is running)."""
    if membership.role != Role.MENTEE:
        raise ValidationError(_("Recovery time belongs to mentees."))
    if started_on > local_today(membership):
        raise ValidationError({"started_on": [_("The start date can't be in the future.")]})
    check_date(started_on, RECOVERY_START, today=local_today(membership), field="started_on")
    current = (
        RecoveryPeriod.objects.select_for_update()
        .filter(membership=membership, ended_on__isnull=True)
        .first()
    )
    previous_end = (
        RecoveryPeriod.objects.filter(membership=membership, ended_on__isnull=False)
        .order_by("-ended_on")
        .values_list("ended_on", flat=True)
        .first()
    )
    if previous_end is not None and started_on < previous_end:
        raise ValidationError(
            {"started_on": [_("The start date can't be before your last period ended.")]}
        )
    if current is not None:
        current.started_on = started_on
        current.save(update_fields=["started_on"])
        return current
    try:
        with transaction.atomic():
            return RecoveryPeriod.objects.create(membership=membership, started_on=started_on)
    except IntegrityError as exc:
        raise ValidationError(_("Your recovery date is already set.")) from exc


@transaction.atomic
def recovery_return_to_use(
    *, membership: Membership, on: date, note: str = "", tell_mentor: bool = False
) -> RecoveryPeriod:
    """Record a return to use: the current period ends, a new one starts the same day.

    History stays (earlier periods, longest period, total time). Nobody is notified unless
    the person asks to tell their mentor, and the email never says why. Returns the period
    that ended: its `told_mentor` says whether a mentor was told.
    """
    today = local_today(membership)
    current = (
        RecoveryPeriod.objects.select_for_update()
        .filter(membership=membership, ended_on__isnull=True)
        .first()
    )
    if current is None:
        raise ValidationError(_("Set a recovery start date first."))
    if on > today:
        raise ValidationError({"on": [_("The date can't be in the future.")]})
    if on < current.started_on:
        raise ValidationError({"on": [_("The date can't be before your current start date.")]})
    if (
        on == current.started_on
        and RecoveryPeriod.objects.filter(membership=membership, ended_on=on).exists()
    ):
        # A double-posted form would otherwise add an empty period (and a second email).
        raise ValidationError({"on": [_("You already logged a return to use on this date.")]})
    told = current_pairing(membership) if tell_mentor else None
    current.ended_on = on
    current.end_note = note.strip()[:2000]
    # With no current mentor nobody is told, and no later mentor ever sees it.
    current.told_mentor = told is not None
    current.told_pairing = told
    current.told_at = timezone.now() if told is not None else None
    current.save(update_fields=["ended_on", "end_note", "told_mentor", "told_pairing", "told_at"])
    if told is not None:
        return_to_use_notify(period=current, pairing=told)
    RecoveryPeriod.objects.create(membership=membership, started_on=on)
    return current


@transaction.atomic
def recovery_period_delete(*, period: RecoveryPeriod) -> None:
    """The owner deletes an earlier (ended) period and its private note. The current period
    is the counter: it is changed by starting again, not deleted here."""
    if period.ended_on is None:
        raise ValidationError(_("Only an earlier period can be deleted."))
    period.delete()
