"""Reporting a message to the coordinators, and their follow-up.

A participant (not the author) reports one message with a reason; the coordinators are told
(in PeerPath and by email: only that there is something to review) and see that message and
the reason, nothing else of the conversation. A reported message can no longer be deleted.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Role, User
from notifications.services import BulkRow, notifications_send_bulk

from ..models import REPORT_REASON_MAX_LENGTH, Message, MessageReport


@transaction.atomic
def message_report(*, message: Message, by: Membership, reason: str) -> MessageReport:
    """`message` was opened through messaging.access for `by` (so `by` takes part)."""
    if message.author_id == by.pk:
        raise PermissionDenied
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(_("Say in a few words what worries you about this message."))
    if len(reason) > REPORT_REASON_MAX_LENGTH:
        raise ValidationError(
            _("Please keep the reason under %(limit)s characters.")
            % {"limit": f"{REPORT_REASON_MAX_LENGTH:,}"}
        )
    try:
        with transaction.atomic():
            report = MessageReport.objects.create(message=message, reporter=by, reason=reason)
    except IntegrityError as exc:
        raise ValidationError(_("You have already reported this message."), code="dup") from exc
    program = message.conversation.program
    url = reverse(
        "messaging:report_detail", kwargs={"program_slug": program.slug, "report_id": report.pk}
    )
    coordinators = Membership.objects.filter(
        program=program, role=Role.COORDINATOR, status=Membership.Status.ACTIVE
    ).values_list("user_id", flat=True)
    notifications_send_bulk(
        BulkRow(
            recipient_id=user_id,
            kind="message_reported",
            key=f"message_reported:{report.pk}",
            url=url,
            program_id=program.pk,
        )
        for user_id in coordinators
    )
    return report


@transaction.atomic
def report_mark_handled(*, report: MessageReport, by: User, note: str) -> MessageReport:
    report = MessageReport.objects.select_for_update().get(pk=report.pk)
    if report.handled_at is None:
        report.handled_at = timezone.now()
        report.handled_by = by
        report.handled_note = " ".join((note or "").split())[:500]
        report.save(update_fields=["handled_at", "handled_by", "handled_note"])
    return report
