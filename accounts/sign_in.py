"""How a session's sign-in is recorded for the coordinator two-factor rule.

`accounts.selectors.session_completed_mfa` reads allauth's record of the steps this session
went through. Turning on an authenticator app proves the person holds it (they typed a code
from it, after re-entering their password), so that counts as this session's second step too;
without it a coordinator who just turned two-factor on would at once be asked for a code again.
"""

import time

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator


def on_authenticator_added(sender, request, user, authenticator, **kwargs) -> None:
    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
        # allauth sends this signal on commit, which may come after the response has saved
        # the session: save it here so the record is not lost.
        request.session.save()


def on_user_logged_in(sender, request, user, **kwargs) -> None:
    """A sign-in is activity: the inactivity clock starts with it (and the first page after
    it does not have to save the session again)."""
    from .middleware import LAST_ACTIVITY_KEY

    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY_KEY] = int(time.time())
