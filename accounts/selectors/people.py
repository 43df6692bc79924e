"""People: what the access rules need to know about a person."""

from __future__ import annotations

from django.conf import settings

from ..models import User


def user_has_mfa(*, user: User) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def coordinator_needs_mfa(*, user: User) -> bool:
    return settings.COORDINATOR_MFA_REQUIRED and not user_has_mfa(user=user)
