"""What a current mentor does with a mentee's shared records: encourage, and mark a request
to reach out as handled."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from audit.models import Action
from audit.services import audit_record
from matching.models import Pairing

from ..models import CheckIn, Encouragement, Goal, Visibility
from .notify import encouragement_notify


def _require_current_mentor(*, mentor_user: User, mentee: Membership) -> None:
    if not Pairing.objects.filter(
        mentee=mentee, mentor__user=mentor_user, status__in=Pairing.CURRENT
    ).exists():
        raise ValidationError(_("Only the person's current mentor can do this."))


@transaction.atomic
def encouragement_add(
    *,
    mentor_user: User,
    mentee: Membership,
    text: str,
    goal: Goal | None = None,
    checkin: CheckIn | None = None,
) -> Encouragement:
    """A mentor's note on a shared goal or check-in; the mentee sees it on their home."""
    _require_current_mentor(mentor_user=mentor_user, mentee=mentee)
    for record in (goal, checkin):
        if record is not None and (
            record.membership_id != mentee.pk or record.visibility != Visibility.SHARED
        ):
            raise ValidationError(_("You can encourage on what your mentee shares with you."))
    if not text.strip():
        raise ValidationError({"text": [_("Write a few words of encouragement.")]})
    encouragement = Encouragement.objects.create(
        mentee=mentee, author=mentor_user, goal=goal, checkin=checkin, text=text.strip()[:1000]
    )
    audit_record(action=Action.CREATE, actor=mentor_user, subject=mentee, record=encouragement)
    encouragement_notify(encouragement=encouragement)
    return encouragement


@transaction.atomic
def checkin_outreach_handled(*, checkin: CheckIn, mentor_user: User) -> CheckIn:
    """The mentor reached out: the "asked you to reach out" flag goes away."""
    checkin = CheckIn.objects.select_for_update().get(pk=checkin.pk)
    _require_current_mentor(mentor_user=mentor_user, mentee=checkin.membership)
    if checkin.visibility != Visibility.SHARED or not checkin.wants_outreach:
        raise ValidationError(_("There is no request to handle."))
    checkin.outreach_handled_at = timezone.now()
    checkin.save(update_fields=["outreach_handled_at", "updated_at"])
    audit_record(
        action=Action.CHANGE, actor=mentor_user, subject=checkin.membership, record=checkin
    )
    return checkin
