"""Field-level change history with django-auditlog, without anyone's words in it.

`track(model)` registers a model with auditlog, leaving out every field that holds free
text (CharField, TextField or JSONField without choices, and BinaryField): journal text,
check-in notes, recovery notes, meeting agendas, narratives and reflections, goal titles and
whatever encrypted field replaces them. A model lists in `keep` a text field that holds no
member's words (a time zone). Each app registers its own models in its `ready()` (audit sits
on floor 1 and cannot import them); audit registers accounts' Membership and Profile.

auditlog names each entry with `str(obj)`, which for a goal is its title: every entry is
renamed to its kind and number ("goal #12") before it is saved.
"""

from __future__ import annotations

from collections.abc import Iterable

from auditlog.middleware import AuditlogMiddleware
from django.db import models
from django.db.models.signals import pre_save

from .context import done, serving
from .services import client_ip

FREE_TEXT = (models.CharField, models.TextField, models.JSONField)


def private_fields(model, *, keep: Iterable[str] = ()) -> list[str]:
    """The fields of `model` that auditlog must never copy."""
    keep = set(keep)
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.name not in keep
        and (
            (isinstance(field, FREE_TEXT) and not field.choices)
            or isinstance(field, models.BinaryField)
        )
    ]


def track(model, *, keep: Iterable[str] = ()) -> None:
    from auditlog.registry import auditlog

    if not auditlog.contains(model):
        auditlog.register(model, exclude_fields=private_fields(model, keep=keep))


def paused():
    """A context manager: nothing is added to the field history inside it. Erasing a person
    runs inside it, or every record deleted in cascade would leave a "deleted" entry holding
    its figures (moods, dates)."""
    from auditlog.context import disable_auditlog

    return disable_auditlog()


def forget(*, querysets: Iterable[models.QuerySet]) -> int:
    """Erasure: remove the field history of these records (it holds figures such as moods,
    never words). The audit trail (AuditEvent) is not touched: it holds no content and stays."""
    from auditlog.models import LogEntry

    removed = 0
    for queryset in querysets:
        removed += LogEntry.objects.get_for_objects(queryset).delete()[0]
    return removed


def _neutral_name(sender, instance, **kwargs) -> None:
    instance.object_repr = f"{instance.content_type.model} #{instance.object_pk}"


class AuditMiddleware(AuditlogMiddleware):
    """auditlog's middleware (who changed a field, from where), taking the address the way
    the audit trail does (X-Forwarded-For only behind our own proxy); it also keeps the
    request at hand for `audit_record` calls made inside services."""

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request)

    def __call__(self, request):
        token = serving(request)
        try:
            return super().__call__(request)
        finally:
            done(token)


def connect() -> None:
    from auditlog.models import LogEntry

    from accounts.models import Membership, Profile

    pre_save.connect(_neutral_name, sender=LogEntry, dispatch_uid="audit-neutral-name")
    track(Membership)
    track(Profile, keep=("time_zone", "preferred_language"))
