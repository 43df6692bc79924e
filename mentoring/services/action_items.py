"""Action items: next steps from a meeting, assigned to the mentee or the mentor."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.dates import TARGET, check_date
from accounts.models import Membership, User
from matching.models import Pairing

from ..models import ActionItem
from .meetings import pairing_side
from .notify import action_item_notify


@transaction.atomic
def action_item_add(
    *, pairing: Pairing, by: User, title: str, assignee: Membership, due_date: date | None = None
) -> ActionItem:
    pairing = Pairing.objects.select_related("mentee__user", "mentor__user").get(pk=pairing.pk)
    pairing_side(pairing, by)
    if assignee.pk not in (pairing.mentee_id, pairing.mentor_id):
        raise ValidationError(
            {"assignee": [_("An action item is for the mentee or the mentor of this pairing.")]}
        )
    if pairing.status not in Pairing.CURRENT:
        raise ValidationError(_("This pairing has ended."))
    if not title.strip():
        raise ValidationError({"title": [_("Describe the next step.")]})
    check_date(due_date, TARGET, today=timezone.localdate(), field="due_date")
    item = ActionItem.objects.create(
        pairing=pairing,
        assignee=assignee,
        title=title.strip()[:200],
        due_date=due_date,
        created_by=by,
    )
    action_item_notify(item=item, by=by)
    return item


@transaction.atomic
def action_item_set_done(*, item: ActionItem, by: User, done: bool) -> ActionItem:
    item = (
        ActionItem.objects.select_for_update(of=("self",))
        .select_related("assignee", "pairing__mentee", "pairing__mentor")
        .get(pk=item.pk)
    )
    pairing_side(item.pairing, by)
    if item.assignee.user_id != by.pk:
        raise ValidationError(_("Only the person it is assigned to checks it off."))
    item.done_at = timezone.now() if done else None
    item.save(update_fields=["done_at"])
    return item
