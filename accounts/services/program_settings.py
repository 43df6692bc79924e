"""Coordinators change their program's settings in PeerPath; each change is recorded
(ProgramChange: who, when, which setting, before and after).

- `program_settings_update(*, program, by, **values)`: description, invitation days, open
  enrollment, the coordinators' sign-out after inactivity and the dashboard/reminder
  thresholds kept in `Program.settings`.
- `crisis_resources_replace(*, program, by, rows, other_lines)`: the program's crisis resources
  in the order given (phone and text numbers already checked by `crisis_number_clean`).
- `privacy_notice_update(*, program, by, text)`: a changed notice gets a new version, which
  every member acknowledges on their next page.
"""

from __future__ import annotations

import phonenumbers
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import CrisisResource, Membership, Program, ProgramChange, User

# Thresholds a coordinator may set, with their bounds (days or points).
THRESHOLDS = {
    "flag_no_checkin_days": (1, 90),
    "flag_mood_drop_points": (1, 4),
    "flag_no_meeting_days": (3, 120),
    "flag_return_to_use_days": (1, 90),
    "late_log_days": (1, 60),
}
PROGRAM_FIELDS = (
    "description",
    "invitation_valid_days",
    "open_enrollment",
    "coordinator_idle_minutes",
)


def crisis_number_clean(value: str) -> str:
    """A short code as dialled ("988", "911", "741741") or a full number in E.164; a number
    that does not parse raises ValidationError."""
    text = (value or "").strip()
    if not text:
        return ""
    digits = text.replace(" ", "").replace("-", "")
    if digits.isascii() and digits.isdigit() and 3 <= len(digits) <= 6:
        return digits
    try:
        number = phonenumbers.parse(text, django_settings.SMS_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "“%(value)s” is not a phone number we can dial. Use a short code such as 988, "
                "or a full number such as 1-800-662-4357 (+ and the country code abroad)."
            )
            % {"value": text[:40]}
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _record(program: Program, by: User | None, setting: str, before, after) -> None:
    if str(before) != str(after):
        ProgramChange.objects.create(
            program=program, changed_by=by, setting=setting, before=str(before), after=str(after)
        )


@transaction.atomic
def program_settings_update(*, program: Program, by: User, **values) -> Program:
    program = Program.objects.select_for_update().get(pk=program.pk)
    for name, (low, high) in THRESHOLDS.items():
        if name in values and not low <= int(values[name]) <= high:
            raise ValidationError(
                {name: _("Choose a number from %(low)s to %(high)s.") % {"low": low, "high": high}}
            )
    for name in PROGRAM_FIELDS:
        if name in values:
            _record(program, by, name, getattr(program, name), values[name])
            setattr(program, name, values[name])
    new_settings = dict(program.settings)
    for name in THRESHOLDS:
        if name in values:
            _record(program, by, name, program.setting(name), int(values[name]))
            new_settings[name] = int(values[name])
    program.settings = new_settings
    program.full_clean()
    program.save()
    return program


def _describe(rows) -> str:
    return "\n".join(
        " · ".join(
            part
            for part in (
                row["name"],
                row.get("phone", ""),
                row.get("text_number", "")
                and f"text {row.get('text_keyword', '')} {row['text_number']}".replace("  ", " "),
                row.get("web_url", ""),
                row.get("note", ""),
            )
            if part
        )
        for row in rows
    )


FIELDS = ("name", "note", "phone", "text_number", "text_keyword", "web_url")


@transaction.atomic
def crisis_resources_replace(
    *, program: Program, by: User, rows: list[dict], other_lines: str
) -> list[CrisisResource]:
    program = Program.objects.select_for_update().get(pk=program.pk)
    cleaned = []
    for row in rows:
        row = {name: (row.get(name) or "").strip() for name in FIELDS}
        if not row["name"]:
            raise ValidationError(_("Each crisis resource needs a name."))
        row["phone"] = crisis_number_clean(row["phone"])
        row["text_number"] = crisis_number_clean(row["text_number"])
        if row["text_keyword"] and not row["text_number"]:
            raise ValidationError(_("A word to text needs a text line number."))
        if not (row["phone"] or row["text_number"] or row["web_url"]):
            raise ValidationError(
                _("“%(name)s” needs a phone number, a text line or a web link.")
                % {"name": row["name"]}
            )
        cleaned.append(row)
    before = [{name: getattr(r, name) for name in FIELDS} for r in program.crisis_contacts.all()]
    _record(program, by, "crisis_resources", _describe(before), _describe(cleaned))
    other = "\n".join(line.strip() for line in (other_lines or "").splitlines() if line.strip())
    _record(program, by, "other_crisis_information", program.crisis_resources, other)
    program.crisis_contacts.all().delete()
    created = []
    for position, row in enumerate(cleaned):
        resource = CrisisResource(program=program, position=position, **row)
        resource.full_clean()
        resource.save()
        created.append(resource)
    if program.crisis_resources != other:
        program.crisis_resources = other
        program.save(update_fields=["crisis_resources"])
    return created


@transaction.atomic
def privacy_notice_update(*, program: Program, by: User, text: str) -> Program:
    program = Program.objects.select_for_update().get(pk=program.pk)
    text = (text or "").strip().replace("\r\n", "\n")
    if not text:
        raise ValidationError(_("The privacy notice cannot be empty."))
    if len(text) > 20_000:
        raise ValidationError(_("Please keep the privacy notice under 20,000 characters."))
    if text == program.privacy_notice:
        return program
    _record(program, by, "privacy_notice", program.privacy_notice, text)
    _record(
        program,
        by,
        "privacy_notice_version",
        program.privacy_notice_version,
        program.privacy_notice_version + 1,
    )
    program.privacy_notice = text
    program.privacy_notice_version += 1
    program.save(update_fields=["privacy_notice", "privacy_notice_version"])
    # The coordinator who wrote it has read it; everyone else acknowledges on their next page.
    Membership.objects.filter(program=program, user=by).update(
        privacy_notice_version=program.privacy_notice_version,
        privacy_acknowledged_at=timezone.now(),
    )
    return program
