"""Joining, acknowledging the privacy notice, pausing and leaving a program."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Membership, Program, Role, User
from ..signals import membership_closed


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
def membership_set_status(
    *, membership: Membership, status: str, by: Membership, reason: str = ""
) -> Membership:
    """A coordinator pauses, resumes or removes a member of their own program. Removing ends
    the member's pairings with `reason` (matching listens to `membership_closed`)."""
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
    leaving = status == Membership.Status.LEFT and membership.status != Membership.Status.LEFT
    membership.status = status
    membership.status_changed_at = now
    membership.left_at = now if status == Membership.Status.LEFT else None
    membership.save(update_fields=["status", "status_changed_at", "left_at"])
    if leaving:
        membership_closed.send(
            sender=Membership,
            membership=membership,
            by=by,
            reason=(reason or "").strip() or _("Left the program"),
        )
    return membership


@transaction.atomic
def membership_change_role(
    *, membership: Membership, role: str, by: Membership, reason: str = ""
) -> Membership:
    """A coordinator changes a member's role (mentee, mentor, coordinator). Their pairings in
    the old role end with `reason` (a mentor who becomes a mentee has no mentees left)."""
    if not by.is_coordinator or by.program_id != membership.program_id:
        raise ValidationError(_("Only this program's coordinators can change memberships."))
    if membership.pk == by.pk:
        raise ValidationError(_("You cannot change your own role."))
    if role not in Role.values:
        raise ValidationError(_("Choose mentee, mentor or coordinator."))
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == role:
        return membership
    membership_closed.send(
        sender=Membership,
        membership=membership,
        by=by,
        reason=(reason or "").strip() or _("Role changed"),
    )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_leave(*, membership: Membership, reason: str) -> Membership:
    """The member leaves the program themselves (their account is being erased): their
    pairings end and proposals close as when a coordinator removes them."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status == Membership.Status.LEFT:
        return membership
    now = timezone.now()
    membership.status = Membership.Status.LEFT
    membership.status_changed_at = now
    membership.left_at = now
    membership.save(update_fields=["status", "status_changed_at", "left_at"])
    membership_closed.send(sender=Membership, membership=membership, by=membership, reason=reason)
    return membership
