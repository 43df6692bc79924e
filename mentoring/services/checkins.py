from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.dates import RECENT, date_error
from accounts.models import Membership, Role

from ..models import CheckIn, Visibility
from .notify import outreach_notify
from .time import local_today


def checkin_record(
    *,
    membership: Membership,
    mood: int,
    craving: int,
    helped: str = "",
    hard: str = "",
    wants_outreach: bool = False,
    visibility: str = Visibility.SHARED,
    day: date | None = None,
) -> CheckIn:
    """Today's check-in (or `day`'s, never a day to come); a second submission the same day
    updates it (one row per day, held by a unique constraint even when two submissions race)."""
    if membership.role != Role.MENTEE:
        raise ValidationError(_("Check-ins belong to mentees."))
    errors: dict[str, list[str]] = {}
    if not isinstance(mood, int) or not 1 <= mood <= 5:
        errors["mood"] = [_("Mood is a number from 1 to 5.")]
    if not isinstance(craving, int) or not 0 <= craving <= 10:
        errors["craving"] = [_("Craving is a number from 0 to 10.")]
    if visibility not in Visibility.values:
        errors["visibility"] = [_("Choose who can see the check-in.")]
    today = local_today(membership)
    if day is not None and day > today:
        errors["date"] = [_("You can't record a check-in for a day that hasn't come yet.")]
    elif message := date_error(day, RECENT, today=today):
        errors["date"] = [message]
    if errors:
        raise ValidationError(errors)
    fields = {
        "mood": mood,
        "craving": craving,
        "helped": helped.strip()[:2000],
        "hard": hard.strip()[:2000],
        "wants_outreach": wants_outreach,
        "visibility": visibility,
    }
    day = day or today
    for _attempt in range(2):
        try:
            with transaction.atomic():
                checkin = (
                    CheckIn.objects.select_for_update()
                    .filter(membership=membership, date=day)
                    .first()
                )
                if checkin is None:
                    checkin = CheckIn.objects.create(membership=membership, date=day, **fields)
                    new_request = wants_outreach
                else:
                    new_request = wants_outreach and not checkin.wants_outreach
                    if new_request:
                        checkin.outreach_handled_at = None  # a new request shows again
                    for name, value in fields.items():
                        setattr(checkin, name, value)
                    checkin.save()
                # A private check-in stays private: the form tells the person nobody is told.
                if new_request and visibility == Visibility.SHARED:
                    outreach_notify(checkin=checkin)
                return checkin
        except IntegrityError:
            continue  # the other submission created today's row first: update it instead
    raise ValidationError(_("Please try again."))


@transaction.atomic
def checkin_delete(*, checkin: CheckIn) -> None:
    """The owner deletes one day's check-in for good (encouragements on it go with it)."""
    checkin.delete()
