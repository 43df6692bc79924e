"""Creating programs and opening or closing their enrollment."""

from __future__ import annotations

from django.db import transaction

from ..models import Program, Role, User, new_token
from .memberships import membership_add


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
