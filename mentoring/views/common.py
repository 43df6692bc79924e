"""Helpers that several mentoring views share: where to go back to,
a service's errors on a form, the viewer's time zone and the context every page starts from."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership

NOTHING_SAVED = _("Nothing was saved. Please check the answers marked below.")


def safe_next(request, default: str) -> str:
    """The `next` field when it is a relative URL on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(target, allowed_hosts=None)
    ):
        return target
    return default


def add_service_errors(form, exc: ValidationError, field_map: dict[str, str] | None = None):
    """A service's errors on the form field they name (through `field_map` when the names
    differ), the rest above the form."""
    if hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            name = (field_map or {}).get(key, key)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def viewer_time_zone(request, membership: Membership) -> str:
    """The viewer's own time zone, else the program's."""
    profile = getattr(request.user, "profile", None)
    return profile.time_zone if profile else membership.program.time_zone


def member_context(membership: Membership, **extra) -> dict:
    return {"membership": membership, "program": membership.program, **extra}
