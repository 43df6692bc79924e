"""Intake answers, matching settings and do-not-pair rules."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Program, Role, User

from .. import scoring
from ..models import (
    AVAILABILITY_SLOTS,
    INDUSTRIES,
    LANGUAGES,
    DoNotPair,
    FocusArea,
    Intake,
    MatchingSettings,
    MeetingFormat,
    Pairing,
    Pathway,
)

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
SCALAR_FIELDS = {
    "region",
    "time_zone",
    "gender",
    "gender_preference",
    "bio",
    "years_in_recovery",
    "professional_background",
    "capacity",
    "paused",
}
MENTOR_ONLY = {
    "lived_experience",
    "years_in_recovery",
    "professional_background",
    "industries",
    "capacity",
    "paused",
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
    unknown = set(data) - set(LIST_FIELDS) - SCALAR_FIELDS
    if unknown:
        raise TypeError(f"Unknown intake fields: {sorted(unknown)}")
    intake_for(membership=membership)
    intake = Intake.objects.select_for_update().get(membership=membership)
    errors: dict[str, list[str]] = {}
    for name, value in data.items():
        if name in MENTOR_ONLY and membership.role != Role.MENTOR:
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


def matching_settings_for(*, program: Program) -> MatchingSettings:
    settings_row = MatchingSettings.objects.filter(program=program).first()
    if settings_row is None:
        settings_row, _created = MatchingSettings.objects.get_or_create(program=program)
    return settings_row


@transaction.atomic
def matching_settings_update(*, program: Program, **fields) -> MatchingSettings:
    matching_settings_for(program=program)
    row = MatchingSettings.objects.select_for_update().get(program=program)
    errors: dict[str, list[str]] = {}
    if "weights" in fields:
        weights = {}
        for criterion in scoring.CRITERIA:
            value = fields["weights"].get(criterion, 0)
            try:
                value = float(value)
            except (TypeError, ValueError):
                value = -1
            if not 0 <= value <= scoring.MAX_WEIGHT:
                errors.setdefault("weights", []).append(
                    _("Each weight is a number from 0 to 10 (%(criterion)s).")
                    % {"criterion": criterion}
                )
            weights[criterion] = value
        fields["weights"] = weights
    if "hard_constraints" in fields:
        hard = sorted(set(fields["hard_constraints"]))
        if not set(hard) <= scoring.HARD_CRITERIA:
            errors["hard_constraints"] = [_("Unknown hard constraint.")]
        fields["hard_constraints"] = hard
    if errors:
        raise ValidationError(errors)
    for name, value in fields.items():
        setattr(row, name, value)
    row.full_clean(exclude=["program"])
    row.save()
    return row


@transaction.atomic
def do_not_pair_add(
    *, mentee: Membership, mentor: Membership, by: Membership, reason: str = ""
) -> DoNotPair:
    if not by.is_coordinator or {mentee.program_id, mentor.program_id} != {by.program_id}:
        raise ValidationError(_("Only this program's coordinators can set do-not-pair rules."))
    if mentee.role != Role.MENTEE or mentor.role != Role.MENTOR:
        raise ValidationError(_("A do-not-pair rule links a mentee and a mentor."))
    try:
        with transaction.atomic():
            return DoNotPair.objects.create(
                program=by.program, mentee=mentee, mentor=mentor, reason=reason, created_by=by.user
            )
    except IntegrityError as exc:
        raise ValidationError(_("These two are already marked “do not pair”.")) from exc


@transaction.atomic
def do_not_pair_remove(*, rule: DoNotPair, by: Membership) -> None:
    if not by.is_coordinator or rule.program_id != by.program_id:
        raise ValidationError(_("Only this program's coordinators can remove the rule."))
    rule.delete()
