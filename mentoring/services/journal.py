from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Membership
from accounts.services import form_submission_claim
from audit.models import Action
from audit.services import audit_record

from ..models import JournalEntry


def _clean(title: str, body: str) -> tuple[str, str]:
    if not body.strip():
        raise ValidationError({"body": [_("Write something before saving.")]})
    return title.strip()[:120], body.strip()


@transaction.atomic
def journal_create(
    *, membership: Membership, body: str, title: str = "", submission_key: str | None = None
) -> JournalEntry:
    title, body = _clean(title, body)
    if submission_key is not None:
        form_submission_claim(user=membership.user, key=submission_key)
    entry = JournalEntry.objects.create(membership=membership, title=title, body=body)
    audit_record(action=Action.CREATE, actor=membership, subject=membership, record=entry)
    return entry


@transaction.atomic
def journal_update(*, entry: JournalEntry, body: str, title: str = "") -> JournalEntry:
    entry.title, entry.body = _clean(title, body)
    entry.save(update_fields=["title", "body", "updated_at"])
    audit_record(action=Action.CHANGE, actor=None, subject=entry.membership, record=entry)
    return entry


@transaction.atomic
def journal_delete(*, entry: JournalEntry) -> None:
    record = ("journalentry", entry.pk)
    entry.delete()
    audit_record(action=Action.DELETE, actor=None, subject=entry.membership, record=record)
