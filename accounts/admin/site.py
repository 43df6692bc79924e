"""The admin's sign-in: through allauth, and with the second step for staff who have one.

`secure_admin_site(admin.site)` (called from config/urls.py) sends the admin's login page to
allauth's (so two-factor and the rate limits apply), and refuses the admin to a staff session
that has an authenticator app but did not use it, sending it to enter a code instead.
"""

from urllib.parse import urlencode

from allauth.account.decorators import secure_admin_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from ..selectors import session_completed_mfa, user_has_mfa


def staff_mfa_pending(request) -> bool:
    user = request.user
    return (
        user.is_authenticated
        and user_has_mfa(user=user)
        and not session_completed_mfa(request=request, user=user)
    )


def secure_admin_site(site) -> None:
    has_permission = site.has_permission
    login = site.login

    def has_permission_after_mfa(request) -> bool:
        return has_permission(request) and not staff_mfa_pending(request)

    def login_or_code(request, extra_context=None):
        if request.user.is_authenticated and request.user.is_staff and staff_mfa_pending(request):
            next_url = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
                next_url = reverse("admin:index")
            return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_url})}")
        return login(request, extra_context)

    site.has_permission = has_permission_after_mfa
    site.login = secure_admin_login(login_or_code)
