from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import MfaStep, coordinator_mfa_step, membership_get_for_user


def program_view(*roles: str, before_privacy: bool = False) -> Callable:
    """Open a program page through the one access door.

    The wrapped view gets the requesting person's membership. Non-members get 404,
    members in another role 403; until the privacy notice is acknowledged every program
    page leads to it; coordinators must have two-factor authentication on and have used it
    in this session.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, program_slug: str, *args, **kwargs):
            membership = membership_get_for_user(
                user=request.user, program_slug=program_slug, roles=roles or None
            )
            request.membership = membership
            if not before_privacy and not membership.has_acknowledged_privacy:
                return redirect("accounts:privacy_notice", program_slug=program_slug)
            step = (
                coordinator_mfa_step(request=request, user=request.user)
                if membership.is_coordinator
                else None
            )
            if step is not None:
                query = urlencode({"next": request.get_full_path()})
                if step == MfaStep.AUTHENTICATE:
                    # Signed in without the second step: ask for a code from the app now.
                    messages.warning(
                        request,
                        _("Coordinators see a whole program: enter a code from your app."),
                    )
                    return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
                messages.warning(
                    request,
                    _("Coordinators see a whole program: turn on two-factor authentication first."),
                )
                return redirect(f"{reverse('mfa_activate_totp')}?{query}")
            return view(request, membership, *args, **kwargs)

        return wrapper

    return decorator
