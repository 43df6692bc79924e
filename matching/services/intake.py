"""Intake answers, given by the person or a coordinator of their program."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Role, User

from ..models import (
    AVAILABILITY_SLOTS,
    INDUSTRIES,
    INTAKE_FIELDS,
    LANGUAGES,
    MENTOR_FIELDS,
    FocusArea,
    Intake,
    MeetingFormat,
    Pairing,
    Pathway,
)

# The allowed codes of each list answer (None: free tags). Every other answer is a scalar.
LIST_FIELDS = {
    "focus_areas": set(FocusArea.values),
    "pathways": set(Pathway.values),
    "languages": {code for code, _label in LANGUAGES},
    "availability": set(AVAILABILITY_SLOTS),
    "formats": set(MeetingFormat.values),
    "lived_experience": set(FocusArea.values),
    "industries": {code for code, _label in INDUSTRIES},
    "interests": None,  # free tags
}


def intake_for(*, membership: Membership) -> Intake:
    """The membership's intake, created empty (with their profile's time zone) if missing."""
    intake = Intake.objects.filter(membership=membership).first()
    if intake is None:
        profile = getattr(membership.user, "profile", None)
        intake, _created = Intake.objects.get_or_create(
            membership=membership,
            defaults={"time_zone": profile.time_zone if profile else "America/New_York"},
        )
    return intake


def lock_mentor_intake(mentor: Membership) -> Intake:
    """The mentor's intake row, locked: it is the lock on their capacity."""
    intake_for(membership=mentor)
    return Intake.objects.select_for_update().get(membership=mentor)


def _clean_tags(values) -> list[str]:
    tags = []
    for value in values or []:
        tag = " ".join(str(value).split()).strip().lower()[:40]
        if tag and tag not in tags:
            tags.append(tag)
    return tags[:20]


@transaction.atomic
def intake_save(*, membership: Membership, by: User, data: dict) -> Intake:
    """Save intake answers given by the person or a coordinator of their program."""
    if membership.role == Role.COORDINATOR:
        raise ValidationError(_("Coordinators do not fill an intake."))
    unknown = set(data) - set(INTAKE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown intake fields: {sorted(unknown)}")
    intake_for(membership=membership)
    intake = Intake.objects.select_for_update().get(membership=membership)
    errors: dict[str, list[str]] = {}
    for name, value in data.items():
        if name in MENTOR_FIELDS and membership.role != Role.MENTOR:
            continue
        if name in LIST_FIELDS:
            allowed = LIST_FIELDS[name]
            if allowed is None:
                value = _clean_tags(value)
            else:
                bad = [v for v in value or [] if v not in allowed]
                if bad:
                    errors[name] = [_("Unknown choice: %(value)s") % {"value": ", ".join(bad)}]
                    continue
                value = sorted(set(value or []))
        setattr(intake, name, value)
    if membership.role == Role.MENTOR and "capacity" in data:
        load = Pairing.objects.filter(mentor=membership, status__in=Pairing.CURRENT).count()
        if intake.capacity is not None and intake.capacity < load:
            errors["capacity"] = [
                _(
                    "This mentor has %(load)s current mentees: capacity cannot be lower. "
                    "Pause new matches instead, or end a pairing first."
                )
                % {"load": load}
            ]
    if errors:
        raise ValidationError(errors)
    intake.updated_by = by
    intake.submitted_at = intake.submitted_at or timezone.now()
    intake.full_clean(exclude=["membership"])
    intake.save()
    return intake
