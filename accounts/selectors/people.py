"""People: what the access rules need to know about a person."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from ..models import User


class MfaStep:
    """What a coordinator must do before a coordinator page opens."""

    ACTIVATE = "activate"  # no authenticator app yet: turn two-factor on
    AUTHENTICATE = "authenticate"  # turned on, but this session signed in without it


def user_has_mfa(*, user: User) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_completed_mfa(*, request: HttpRequest, user: User) -> bool:
    """Whether this session signed in (or re-authenticated) with a second factor: allauth
    records each step of a sign-in in the session, for the user it was done for."""
    from allauth.account.authentication import get_authentication_records

    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


def coordinator_mfa_step(*, request: HttpRequest, user: User) -> str | None:
    """None when the coordinator may go on, else the `MfaStep` still to do. Having an
    authenticator is not enough: the session must have used it (a password-only sign-in,
    e.g. through a login form that skips allauth's second step, does not pass)."""
    if not settings.COORDINATOR_MFA_REQUIRED:
        return None
    if not user_has_mfa(user=user):
        return MfaStep.ACTIVATE
    if not session_completed_mfa(request=request, user=user):
        return MfaStep.AUTHENTICATE
    return None


def coordinator_needs_mfa(*, request: HttpRequest, user: User) -> bool:
    return coordinator_mfa_step(request=request, user=user) is not None


def coordinator_idle_minutes(*, user: User) -> int | None:
    """The shortest "sign out coordinators after" of the programs this person actively
    coordinates, or None for someone who coordinates none (the site's session length holds)."""
    from django.db.models import Min

    from ..models import Membership, Role

    # Any membership not ended counts: when in doubt, the shorter limit.
    return (
        Membership.objects.filter(user=user, role=Role.COORDINATOR)
        .exclude(status=Membership.Status.LEFT)
        .aggregate(minutes=Min("program__coordinator_idle_minutes"))["minutes"]
    )
