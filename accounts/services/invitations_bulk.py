"""Inviting many people at once from a pasted list, one "email, role" a line.

Each line is reported: invited, already a member, already invited, malformed or a duplicate of
an earlier line; the valid ones are invited (each through `invitation_create`, so the rules
and the emails are the same as one by one). At most 500 lines at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Membership, Role
from .invitations import invitation_create

MAX_LINES = 500

# English and Spanish words for each role (a list may be pasted in either language).
ROLE_WORDS = {
    "mentee": Role.MENTEE,
    "mentees": Role.MENTEE,
    "persona mentorada": Role.MENTEE,
    "mentorada": Role.MENTEE,
    "mentorado": Role.MENTEE,
    "mentor": Role.MENTOR,
    "mentors": Role.MENTOR,
    "mentora": Role.MENTOR,
    "mentor/a": Role.MENTOR,
    "coordinator": Role.COORDINATOR,
    "coordinators": Role.COORDINATOR,
    "coordinador": Role.COORDINATOR,
    "coordinadora": Role.COORDINATOR,
    "coordinador/a": Role.COORDINATOR,
}

OUTCOME_LABELS = {
    "invited": gettext_lazy("Invited"),
    "member": gettext_lazy("Already a member"),
    "open": gettext_lazy("Already invited"),
    "malformed": gettext_lazy("Not understood"),
    "duplicate": gettext_lazy("Repeated line"),
}


@dataclass(frozen=True)
class LineResult:
    number: int
    text: str
    outcome: str  # a key of OUTCOME_LABELS
    detail: str = ""

    @property
    def label(self) -> str:
        return str(OUTCOME_LABELS[self.outcome])


def _parse(line: str) -> tuple[str, str] | str:
    """(email, role) or the reason it is malformed."""
    parts = [part.strip() for part in line.replace(";", ",").replace("\t", ",").split(",")]
    parts = [part for part in parts if part]
    if len(parts) != 2:
        return _("Write one email address and one role, separated by a comma.")
    email, role_word = parts
    role = ROLE_WORDS.get(" ".join(role_word.lower().split()))
    if role is None:
        return _(
            "The role must be mentee, mentor or coordinator (in Spanish: persona mentorada, "
            "mentor/a or coordinador/a)."
        )
    try:
        validate_email(email)
    except ValidationError:
        return _("“%(email)s” is not an email address.") % {"email": email[:80]}
    return email, role


def invitations_bulk_create(
    *, inviter: Membership, text: str, base_url: str, language: str | None = None
) -> list[LineResult]:
    lines = [line for line in (text or "").splitlines()]
    numbered = [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip()]
    if not numbered:
        raise ValidationError(_("Paste at least one line: an email address, a comma, a role."))
    if len(numbered) > MAX_LINES:
        raise ValidationError(
            _("Paste at most %(limit)s lines at a time (this list has %(count)s).")
            % {"limit": MAX_LINES, "count": len(numbered)}
        )
    results: list[LineResult] = []
    seen: dict[str, int] = {}
    for number, line in numbered:
        parsed = _parse(line)
        if isinstance(parsed, str):
            results.append(LineResult(number, line, "malformed", parsed))
            continue
        email, role = parsed
        key = email.lower()
        if key in seen:
            results.append(
                LineResult(
                    number, line, "duplicate", _("Same address as line %(n)s.") % {"n": seen[key]}
                )
            )
            continue
        seen[key] = number
        try:
            with transaction.atomic():
                invitation_create(
                    inviter=inviter, email=email, role=role, base_url=base_url, language=language
                )
        except ValidationError as exc:
            code = getattr(exc, "code", None)
            outcome = {"already_member": "member", "open_invitation": "open"}.get(code)
            if outcome is None:
                raise  # the inviter may not invite at all: the whole list is refused
            results.append(LineResult(number, line, outcome, " ".join(exc.messages)))
        else:
            results.append(LineResult(number, line, "invited"))
    return results
