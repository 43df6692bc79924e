"""Invitations: create, resend, revoke, email and accept them."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..mail import header_line, render_plain, render_subject
from ..models import Invitation, Membership, Role, User, new_token
from .memberships import membership_add

INVITATION_SALT = "peerpath.invitation"


class InvitationInvalid(Exception):
    """An invitation link that cannot be used; the message says why, for the person."""


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps([invitation.pk, invitation.nonce], salt=INVITATION_SALT, compress=True)


def invitation_accept_url(invitation: Invitation, *, base_url: str) -> str:
    path = reverse("accounts:invitation_accept", kwargs={"token": invitation_token(invitation)})
    return base_url.rstrip("/") + path


def invitation_from_token(token: str, *, for_update: bool = False) -> Invitation:
    try:
        invitation_id, nonce = signing.loads(token, salt=INVITATION_SALT)
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise InvitationInvalid(
            _("This invitation link is not valid. Check that you copied the whole link.")
        ) from exc
    queryset = Invitation.objects.select_related("program", "invited_by__profile")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    invitation = queryset.filter(pk=invitation_id).first()
    if invitation is None or invitation.nonce != nonce:
        raise InvitationInvalid(
            _("This invitation link is no longer valid. Ask your coordinator for a new one.")
        )
    if invitation.accepted_at is not None:
        raise InvitationInvalid(
            _("This invitation has already been used. Log in to reach your program.")
        )
    if invitation.revoked_at is not None:
        raise InvitationInvalid(
            _("This invitation was withdrawn. Ask your coordinator for a new one.")
        )
    if invitation.is_expired():
        raise InvitationInvalid(
            _("This invitation has expired. Ask your coordinator to send a new one.")
        )
    return invitation


@transaction.atomic
def invitation_language(language: str | None) -> str:
    """A language the site is translated into; anything else falls back to the default."""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def invitation_create(
    *, inviter: Membership, email: str, role: str, base_url: str, language: str | None = None
) -> Invitation:
    """Invite `email` to the inviter's program; the email is written in `language`."""
    if not inviter.is_coordinator or inviter.status != Membership.Status.ACTIVE:
        raise ValidationError(_("Only an active coordinator of this program can invite people."))
    if role not in Role.values:
        raise ValidationError(_("Choose a role: mentee, mentor or coordinator."))
    program = inviter.program
    email = User.objects.normalize_email(email).strip()
    already_member = Membership.objects.filter(
        program=program, user__email__iexact=email, status__in=("invited", "active", "paused")
    ).exists()
    if already_member:
        raise ValidationError(
            _("%(email)s is already a member of this program.") % {"email": email},
            code="already_member",
        )
    now = timezone.now()
    # An expired invitation no longer blocks a new one.
    Invitation.objects.filter(
        program=program,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__lte=now,
    ).update(revoked_at=now)
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                program=program,
                email=email,
                role=role,
                language=invitation_language(language),
                invited_by=inviter.user,
                created_at=now,
                expires_at=now + timedelta(days=program.invitation_valid_days),
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("%(email)s already has an open invitation. Resend it from the list below instead.")
            % {"email": email},
            code="open_invitation",
        ) from exc
    _queue_invitation_email(invitation, base_url=base_url)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by: Membership, base_url: str) -> Invitation:
    """Send a fresh link (the old one stops working) valid for the full period again."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not by.is_coordinator or invitation.program_id != by.program_id:
        raise ValidationError(_("Only this program's coordinators can resend its invitations."))
    if not invitation.is_open:
        raise ValidationError(_("This invitation was already used or withdrawn."))
    now = timezone.now()
    invitation.nonce = new_token()
    invitation.expires_at = now + timedelta(days=invitation.program.invitation_valid_days)
    invitation.save(update_fields=["nonce", "expires_at"])
    _queue_invitation_email(invitation, base_url=base_url)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: Membership) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not by.is_coordinator or invitation.program_id != by.program_id:
        raise ValidationError(_("Only this program's coordinators can withdraw its invitations."))
    if not invitation.is_open:
        raise ValidationError(_("This invitation was already used or withdrawn."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


def _queue_invitation_email(invitation: Invitation, *, base_url: str) -> None:
    from ..tasks import invitation_send_email_task

    invitation_id = invitation.pk
    transaction.on_commit(lambda: invitation_send_email_task.delay(invitation_id, base_url))


def invitation_send_email(*, invitation_id: int, base_url: str) -> bool:
    """Send the invitation email. The text never names the program or mentions recovery."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("program", "invited_by__profile")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None or not invitation.is_open or invitation.is_expired():
            return False
        invitation.last_sent_at = timezone.now()
        invitation.save(update_fields=["last_sent_at"])
    context = {
        "invitation": invitation,
        "accept_url": invitation_accept_url(invitation, base_url=base_url),
        "inviter_name": header_line(invitation.invited_by.display_name, 80)
        if invitation.invited_by
        else "",
    }
    with translation.override(invitation.language):
        subject = render_subject("accounts/email/invitation_subject.txt", context)
        body = render_plain("accounts/email/invitation_message.txt", context)
    send_mail(subject, body, None, [invitation.email])
    return True


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    """Join the program an invitation is for. Works once: the row is locked while used."""
    invitation = invitation_from_token(token, for_update=True)
    if invitation.email.lower() != user.email.lower():
        raise InvitationInvalid(
            _(
                "This invitation was sent to a different email address. Log in with the "
                "address the invitation was sent to."
            )
        )
    try:
        membership = membership_add(user=user, program=invitation.program, role=invitation.role)
    except ValidationError as exc:
        raise InvitationInvalid(exc.messages[0]) from exc
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership
