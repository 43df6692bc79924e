"""Erase my account: the person's data is deleted or irreversibly anonymised everywhere.

What stays, without anything that says who the person was, is what program statistics count:
the membership rows (role, dates, now "left"), pairing and meeting rows (dates, status,
setting; no narrative, reflection, agenda or reasons), check-in rows (date, mood and craving
numbers; no words), goal rows (category, status; no title or words), survey responses (scored
values; free-text answers emptied) and event answers. The message rows the person wrote stay
so the other person's conversation keeps its shape, with the body replaced by REMOVED_TEXT.
Everything else they wrote or set is deleted. Audit rows are never touched: the audit trail
records the erasure itself through `accounts.signals.person_erased`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Replace
from django.utils import timezone

from accounts.models import Invitation, Membership, Profile, User
from accounts.models.submissions import FormSubmission
from accounts.services import membership_leave
from accounts.signals import person_erased
from audit.fieldlog import forget, paused
from audit.models import Action
from audit.services import audit_record
from matching.models import DoNotPair, Intake, Pairing, PairingFeedback
from mentoring.models import (
    ActionItem,
    AttentionFollowUp,
    CalendarFeed,
    CheckIn,
    Encouragement,
    Goal,
    Habit,
    JournalEntry,
    Meeting,
    Milestone,
    PersonalStrategy,
    RecoveryPeriod,
    RecoverySettings,
    Strategy,
    Visibility,
)
from messaging.models import Conversation, Message, MessageReport
from notifications.models import (
    CheckinReminder,
    Notification,
    NotificationPreference,
    NotificationSettings,
)
from privacy.models import Consent
from surveys.models import Answer

from .exports import exports_delete_for_user

ERASED_DOMAIN = "erased.invalid"
REMOVED_TEXT = "[removed]"
FORMER_MEMBER = "a former member"
# A name shorter than this is not searched for in other people's notification titles: "Al"
# would rewrite every "Almost there".
SHORTEST_NAME_TO_SCRUB = 3


def erased_email(user_id: int) -> str:
    return f"former-member-{user_id}@{ERASED_DOMAIN}"


def is_erased(user: User) -> bool:
    return user.email == erased_email(user.pk)


def _sessions_end(user_id: int) -> None:
    """Signed out everywhere. (A changed password and an inactive account already refuse the
    old sessions; deleting them leaves nothing behind.)"""
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return
    stale = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            stale.append(session.pk)
    Session.objects.filter(pk__in=stale).delete()


def _allauth_rows_delete(user: User) -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    EmailAddress.objects.filter(user=user).delete()  # confirmations go with them
    Authenticator.objects.filter(user=user).delete()


def _names(user: User) -> list[str]:
    names = {user.email, user.email.split("@")[0]}
    profile = Profile.objects.filter(user=user).first()
    if profile and profile.display_name:
        names.add(profile.display_name)
    return sorted((n for n in names if len(n) >= SHORTEST_NAME_TO_SCRUB), key=len, reverse=True)


def _scrub_names_elsewhere(
    *, names: list[str], program_ids: list[int], user: User, memberships: list[Membership]
) -> None:
    """Other people's notifications that name the person ("Jordan sent you a message") and
    the Django admin's history of edits to the person's account, profile and memberships."""
    for name in names:
        (
            Notification.objects.filter(program_id__in=program_ids, title__contains=name)
            .exclude(recipient=user)
            .update(title=Replace("title", Value(name), Value(FORMER_MEMBER)))
        )
    content_types = ContentType.objects.get_for_models(User, Profile, Membership)
    about_them = (
        Q(content_type=content_types[User], object_id=str(user.pk))
        | Q(content_type=content_types[Membership], object_id__in=[str(m.pk) for m in memberships])
        | Q(object_repr__contains=user.email)
    )
    profile_id = Profile.objects.filter(user=user).values_list("pk", flat=True).first()
    if profile_id is not None:
        about_them |= Q(content_type=content_types[Profile], object_id=str(profile_id))
    LogEntry.objects.filter(about_them).update(object_repr=REMOVED_TEXT, change_message="")


def _records_erase(user: User, memberships: list[Membership]) -> None:
    mine = Q(membership__in=memberships)
    # What only the person had: deleted.
    JournalEntry.objects.filter(mine).delete()
    RecoveryPeriod.objects.filter(mine).delete()
    RecoverySettings.objects.filter(mine).delete()
    Habit.objects.filter(mine).delete()  # and their logs
    Milestone.objects.filter(goal__membership__in=memberships).delete()
    Encouragement.objects.filter(Q(mentee__in=memberships) | Q(author=user)).delete()
    ActionItem.objects.filter(assignee__in=memberships).delete()
    Strategy.objects.filter(author=user).delete()  # and their shares
    PersonalStrategy.objects.filter(mine).delete()
    AttentionFollowUp.objects.filter(member__in=memberships).delete()
    Intake.objects.filter(mine).delete()
    DoNotPair.objects.filter(Q(mentee__in=memberships) | Q(mentor__in=memberships)).delete()
    # What program statistics count: the row stays, the words go.
    CheckIn.objects.filter(mine).update(
        helped="", hard="", wants_outreach=False, visibility=Visibility.PRIVATE
    )
    Goal.objects.filter(mine).update(
        title=REMOVED_TEXT, why="", measure="", visibility=Visibility.PRIVATE
    )
    pairings = Pairing.objects.filter(Q(mentee__in=memberships) | Q(mentor__in=memberships))
    pairings.update(reasons=[], close_reason="")
    Meeting.objects.filter(pairing__in=pairings).update(
        narrative="",
        mentee_reflection="",
        agenda="",
        location="",
        cancel_reason="",
        topics=[],
    )
    PairingFeedback.objects.filter(Q(pairing__in=pairings) | Q(author=user)).update(comment="")
    Answer.objects.filter(response__membership__in=memberships).update(text="")
    # Messages: what they wrote, and everything in their own "Ask the coordinators".
    Message.objects.filter(
        Q(author__in=memberships)
        | Q(conversation__kind=Conversation.Kind.COORDINATORS, conversation__member__in=memberships)
    ).update(body=REMOVED_TEXT)
    MessageReport.objects.filter(
        Q(reporter__in=memberships) | Q(message__author__in=memberships)
    ).update(reason=REMOVED_TEXT, handled_note="")


def _settings_erase(user: User, memberships: list[Membership]) -> None:
    Notification.objects.filter(recipient=user).delete()  # and their pending deliveries
    NotificationPreference.objects.filter(user=user).delete()
    NotificationSettings.objects.filter(user=user).delete()  # phone number, quiet hours
    CheckinReminder.objects.filter(membership__in=memberships).delete()
    CalendarFeed.objects.filter(user=user).delete()
    FormSubmission.objects.filter(user=user).delete()
    exports_delete_for_user(user=user)
    for invitation in Invitation.objects.filter(Q(accepted_by=user) | Q(email__iexact=user.email)):
        Invitation.objects.filter(pk=invitation.pk).update(
            email=f"former-member-{user.pk}-{invitation.pk}@{ERASED_DOMAIN}",
            revoked_at=invitation.revoked_at
            or (None if invitation.accepted_at else timezone.now()),
        )


def _account_erase(user: User) -> None:
    Profile.objects.filter(user=user).update(
        display_name="",
        pronouns="",
        time_zone=Profile._meta.get_field("time_zone").default,
        preferred_language=Profile._meta.get_field("preferred_language").default,
        email_reminders=False,
        email_updates=False,
    )
    user.email = erased_email(user.pk)
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.save(
        update_fields=["email", "password", "is_active", "is_staff", "is_superuser", "last_login"]
    )
    user.groups.clear()
    user.user_permissions.clear()
    _allauth_rows_delete(user)


def _consents_erase(user: User, memberships: list[Membership]) -> None:
    # What they consented to (with their typed signature) goes; consents naming them as
    # the reader end now.
    Consent.objects.filter(mentee__in=memberships).delete()
    Consent.objects.filter(recipient__in=memberships, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def _field_history_forget(user: User, memberships: list[Membership]) -> None:
    """auditlog's field history of the person's records and account (figures such as moods,
    never words), before they are deleted; and the address they changed things from."""
    from auditlog.models import LogEntry

    mine = Q(membership__in=memberships)
    pairings = Pairing.objects.filter(Q(mentee__in=memberships) | Q(mentor__in=memberships))
    forget(
        querysets=[
            JournalEntry.objects.filter(mine),
            RecoveryPeriod.objects.filter(mine),
            RecoverySettings.objects.filter(mine),
            Habit.objects.filter(mine),
            Milestone.objects.filter(goal__membership__in=memberships),
            Encouragement.objects.filter(Q(mentee__in=memberships) | Q(author=user)),
            ActionItem.objects.filter(assignee__in=memberships),
            Strategy.objects.filter(author=user),
            PersonalStrategy.objects.filter(mine),
            CheckIn.objects.filter(mine),
            Goal.objects.filter(mine),
            Meeting.objects.filter(pairing__in=pairings),
            Membership.objects.filter(pk__in=[m.pk for m in memberships]),
            Profile.objects.filter(user=user),
        ]
    )
    LogEntry.objects.filter(actor=user).update(
        remote_addr=None, remote_port=None, additional_data=None, actor_email=None
    )


@transaction.atomic
def person_erase(*, user: User) -> User:
    """Erases the person's account and data (see the module's docstring). Idempotent; the
    user row lock makes two erasures at once (a double submit) run one after the other, the
    second finding nothing left to do."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if is_erased(user):
        return user
    memberships = list(
        Membership.objects.select_for_update().filter(user=user).select_related("program")
    )
    program_ids = sorted({m.program_id for m in memberships})
    names = _names(user)
    _field_history_forget(user, memberships)
    # Nothing of what is erased below is copied into the field history on its way out.
    with paused():
        for membership in memberships:
            # Through the accounts service: pairings end, proposals close, feeds are revoked.
            membership_leave(membership=membership, reason="Left the program")
        _records_erase(user, memberships)
        _consents_erase(user, memberships)
        _settings_erase(user, memberships)
        _scrub_names_elsewhere(
            names=names, program_ids=program_ids, user=user, memberships=memberships
        )
        _account_erase(user)
        _sessions_end(user.pk)
    # The audit trail keeps the fact of the erasure, one row per program, without content.
    for membership in memberships:
        audit_record(
            action=Action.ERASE,
            actor=user,
            subject=membership.pk,
            record=("membership", membership.pk),
            program=membership.program_id,
        )
    if not memberships:
        audit_record(action=Action.ERASE, actor=user, record=("user", user.pk))
    person_erased.send(sender=User, user_id=user.pk, program_ids=program_ids)
    return user
