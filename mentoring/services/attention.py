"""A coordinator marks an item of the "needs attention" queue handled, with a note."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership

from ..models import AttentionFollowUp, AttentionKind, CheckIn
from ..models.attention import FOLLOW_UP_NOTE_MAX_LENGTH
from ..selectors.attention import AttentionItem


def attention_mark_handled(
    *, coordinator: Membership, item: AttentionItem, note: str = ""
) -> AttentionFollowUp:
    """Records who handled the item, when, and their note; the item leaves the queue. A
    request to reach out is handled for the mentor's dashboard too, as when the mentor marks
    it. Twice the same item (a double post, two coordinators at once) records it once."""
    if not coordinator.is_coordinator:
        raise ValidationError(_("Only coordinators follow up on the program's queue."))
    note = note.strip()
    if len(note) > FOLLOW_UP_NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "note": [
                    _("Keep the note to %(count)s characters.")
                    % {"count": FOLLOW_UP_NOTE_MAX_LENGTH}
                ]
            }
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            if item.kind == AttentionKind.OUTREACH:
                # Claimed like the mentor's "mark handled": only while the request is open.
                claimed = CheckIn.objects.filter(
                    pk=item.subject_id,
                    membership__program_id=coordinator.program_id,
                    wants_outreach=True,
                    outreach_handled_at__isnull=True,
                ).update(outreach_handled_at=now, updated_at=now)
                if claimed != 1:
                    raise ValidationError(_("This has already been handled."))
                # A request made again on the same check-in is a new one: its follow-up
                # replaces the first.
                AttentionFollowUp.objects.filter(
                    program_id=coordinator.program_id,
                    kind=item.kind,
                    subject_id=item.subject_id,
                    since=item.since,
                ).delete()
            return AttentionFollowUp.objects.create(
                program_id=coordinator.program_id,
                kind=item.kind,
                subject_id=item.subject_id,
                since=item.since,
                member_id=item.member_id,
                handled_by=coordinator.user,
                handled_at=now,
                note=note,
            )
    except IntegrityError as exc:
        raise ValidationError(_("This has already been handled.")) from exc
