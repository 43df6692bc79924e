"""The request being served, for audit rows written deep inside a service: the service knows
who and what, the request knows from where (address, browser) and through which membership.
Set by `audit.fieldlog.AuditMiddleware` for the length of each request; None in a task."""

from __future__ import annotations

from contextvars import ContextVar

_current_request: ContextVar = ContextVar("audit_current_request", default=None)


def current_request():
    return _current_request.get()


def serving(request):
    """Use as `token = serving(request)` … `_current_request.reset(token)`."""
    return _current_request.set(request)


def done(token) -> None:
    _current_request.reset(token)
