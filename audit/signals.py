"""Sign-ins, sign-outs and failed sign-ins go into the audit trail. Django sends these
signals for allauth's forms too (allauth signs in through django.contrib.auth)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from .models import Action
from .services import audit_record


def _signed_in(sender, request, user, **kwargs) -> None:
    audit_record(action=Action.SIGN_IN, actor=user, request=request)


def _signed_out(sender, request, user, **kwargs) -> None:
    if user is not None and user.is_authenticated:
        audit_record(action=Action.SIGN_OUT, actor=user, request=request)


def _sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    # The account the attempt named, when there is one, so its owner can be shown the
    # attempt; the address typed is not stored.
    email = credentials.get("email") or credentials.get("username") or ""
    user = None
    if email:
        user = get_user_model().objects.filter(email__iexact=email).only("pk").first()
    audit_record(action=Action.SIGN_IN_FAILED, actor=user, request=request)


def connect() -> None:
    user_logged_in.connect(_signed_in, dispatch_uid="audit-signed-in")
    user_logged_out.connect(_signed_out, dispatch_uid="audit-signed-out")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="audit-sign-in-failed")
