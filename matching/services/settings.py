"""A program's matching settings and its do-not-pair rules."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Membership, Program, Role

from .. import scoring
from ..models import DoNotPair, MatchingSettings


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
