"""Open enrollment: joining a program through its enrollment link."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Membership, Program, Role, User
from .invitations import InvitationInvalid
from .memberships import membership_add


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
