"""Business actions for people, programs, memberships and invitations."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    FormSubmission,
    Invitation,
    Membership,
    Profile,
    Program,
    Role,
    User,
    new_token,
)

INVITATION_SALT = "peerpath.invitation"


class InvitationInvalid(Exception):
    """An invitation link that cannot be used; the message says why, for the person."""


# PROFILES


@transaction.atomic
def profile_update(*, user: User, **fields) -> Profile:
    profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
    allowed = {
        "display_name",
        "pronouns",
        "time_zone",
        "preferred_language",
        "email_reminders",
        "email_updates",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown profile fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    return profile


# PROGRAMS


@transaction.atomic
def program_create(
    *,
    name: str,
    slug: str,
    kind: str = Program.Kind.RECOVERY,
    coordinator: User | None = None,
    **fields,
) -> Program:
    program = Program(name=name, slug=slug, kind=kind, **fields)
    program.full_clean()
    program.save()
    if coordinator is not None:
        membership_add(user=coordinator, program=program, role=Role.COORDINATOR)
    return program


@transaction.atomic
def program_update_enrollment(
    *, program: Program, open_enrollment: bool, regenerate_link: bool = False
) -> Program:
    program = Program.objects.select_for_update().get(pk=program.pk)
    program.open_enrollment = open_enrollment
    if regenerate_link:
        program.enrollment_token = new_token()
    program.save(update_fields=["open_enrollment", "enrollment_token"])
    return program


# MEMBERSHIPS


@transaction.atomic
def membership_add(
    *, user: User, program: Program, role: str, status: str = Membership.Status.INVITED
) -> Membership:
    """Add a person to a program, or bring back someone who left, with the given role."""
    existing = Membership.objects.select_for_update().filter(user=user, program=program).first()
    now = timezone.now()
    if existing is not None:
        if existing.status != Membership.Status.LEFT:
            raise ValidationError(
                _("%(name)s is already a member of this program.") % {"name": user.display_name}
            )
        existing.role = role
        if status == Membership.Status.INVITED and existing.has_acknowledged_privacy:
            # Coming back under the same notice: no need to acknowledge it again.
            status = Membership.Status.ACTIVE
        existing.status = status
        existing.status_changed_at = now
        existing.left_at = None
        existing.save(update_fields=["role", "status", "status_changed_at", "left_at"])
        return existing
    try:
        with transaction.atomic():
            return Membership.objects.create(
                user=user, program=program, role=role, status=status, joined_at=now
            )
    except IntegrityError as exc:
        # Two requests joined at once: the unique constraint kept one.
        raise ValidationError(_("You are already a member of this program.")) from exc


@transaction.atomic
def membership_acknowledge_privacy(*, membership: Membership) -> Membership:
    membership = (
        Membership.objects.select_for_update().select_related("program").get(pk=membership.pk)
    )
    now = timezone.now()
    membership.privacy_notice_version = membership.program.privacy_notice_version
    membership.privacy_acknowledged_at = now
    fields = ["privacy_notice_version", "privacy_acknowledged_at"]
    if membership.status == Membership.Status.INVITED:
        membership.status = Membership.Status.ACTIVE
        membership.status_changed_at = now
        fields += ["status", "status_changed_at"]
    membership.save(update_fields=fields)
    return membership


@transaction.atomic
def membership_set_status(*, membership: Membership, status: str, by: Membership) -> Membership:
    """A coordinator pauses, resumes or removes a member of their own program."""
    if not by.is_coordinator or by.program_id != membership.program_id:
        raise ValidationError(_("Only this program's coordinators can change memberships."))
    if membership.pk == by.pk:
        raise ValidationError(_("You cannot change your own membership here."))
    if status not in (
        Membership.Status.ACTIVE,
        Membership.Status.PAUSED,
        Membership.Status.LEFT,
    ):
        raise ValidationError(_("Choose active, paused or left."))
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if status == Membership.Status.ACTIVE and membership.privacy_notice_version is None:
        # They still have to acknowledge the privacy notice themselves.
        status = Membership.Status.INVITED
    now = timezone.now()
    membership.status = status
    membership.status_changed_at = now
    membership.left_at = now if status == Membership.Status.LEFT else None
    membership.save(update_fields=["status", "status_changed_at", "left_at"])
    return membership


# INVITATIONS


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
def invitation_create(*, inviter: Membership, email: str, role: str, base_url: str) -> Invitation:
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
            _("%(email)s is already a member of this program.") % {"email": email}
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
                invited_by=inviter.user,
                created_at=now,
                expires_at=now + timedelta(days=program.invitation_valid_days),
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("%(email)s already has an open invitation. Resend it from the list below instead.")
            % {"email": email}
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
    from .tasks import invitation_send_email_task

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
        "inviter_name": invitation.invited_by.display_name if invitation.invited_by else "",
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/email/invitation_message.txt", context)
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


@transaction.atomic
def enrollment_join(*, program: Program, token: str, user: User) -> Membership:
    """Open enrollment: anyone with the program's link applies as a mentee."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    if not program.open_enrollment or token != program.enrollment_token:
        raise InvitationInvalid(
            _("This enrollment link is not open. Ask the program for an invitation.")
        )
    try:
        return membership_add(user=user, program=program, role=Role.MENTEE)
    except ValidationError as exc:
        raise InvitationInvalid(exc.messages[0]) from exc


# ONE-TIME FORMS

DUPLICATE_SUBMISSION = "duplicate_submission"


def new_submission_key() -> str:
    return uuid.uuid4().hex


def form_submission_claim(*, user: User, key: str) -> None:
    """Claim a form's one-time key inside the caller's transaction.

    Raises ValidationError(code=DUPLICATE_SUBMISSION) when the key was used: the caller's
    write is then not repeated. If the caller's transaction rolls back (bad input), the
    claim goes with it and the corrected form can be sent with the same key.
    """
    if not key or len(key) > 64 or not key.isalnum():
        raise ValidationError(
            _("This form was open too long or already sent. Please check it and save again.")
        )
    try:
        with transaction.atomic():
            FormSubmission.objects.create(user=user, key=key)
    except IntegrityError as exc:
        raise ValidationError(_("This form was already sent."), code=DUPLICATE_SUBMISSION) from exc
