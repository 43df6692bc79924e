from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse

from .mail import header_line

PENDING_INVITATION_KEY = "peerpath_pending_invitation"


class AccountAdapter(DefaultAccountAdapter):
    """Sends a person who arrived through an invitation back to it after sign-up,
    email verification or log-in, so the invitation is accepted in one flow.

    Failed log-ins are counted per client and address together: allauth's "key" limit
    (ACCOUNT_RATE_LIMITS["login_failed"]) would otherwise let anyone who knows an email
    address lock its owner out by failing five times. A looser per-address ceiling
    ("login_failed_account") still bounds guessing spread over many clients.
    """

    def _pending_invitation_url(self, request) -> str | None:
        pending = request.session.get(PENDING_INVITATION_KEY) if request else None
        if not pending:
            return None
        return reverse(pending["view"], kwargs=pending["kwargs"])

    def format_email_subject(self, subject):
        # allauth joins the subject's lines; a display name may still carry \r or \u2028.
        return header_line(super().format_email_subject(subject))

    def get_login_redirect_url(self, request):
        return self._pending_invitation_url(request) or super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        return self._pending_invitation_url(request) or super().get_signup_redirect_url(request)

    def get_email_verification_redirect_url(self, email_address):
        url = self._pending_invitation_url(self.request)
        return url or super().get_email_verification_redirect_url(email_address)

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        # "Successfully signed in as …" would linger on the next page (often the home): the
        # home itself says who is signed in. Other allauth messages stay.
        if message_template == "account/messages/logged_in.txt":
            return
        super().add_message(request, level, message_template, *args, **kwargs)

    def save_user(self, request, user, form, commit=True):
        from .models import Profile

        user = super().save_user(request, user, form, commit=commit)
        if commit:
            Profile.objects.get_or_create(user=user)
        return user

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        return f"{ratelimit.get_ip(request)}|{self._account_key(request, **credentials)}"

    def _account_key(self, request, **credentials) -> str:
        login = credentials.get("email", credentials.get("username", "")).lower()
        return f"{get_current_site(request).domain}:{login}"

    def pre_authenticate(self, request, **credentials) -> None:
        super().pre_authenticate(request, **credentials)
        self._account_rl_usage = ratelimit.consume(
            request,
            app="allauth.account",
            action="login_failed_account",
            key=self._account_key(request, **credentials),
        )
        if not self._account_rl_usage:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts")

    def _rollback_login_failed_rl_usage(self) -> None:
        # A successful log-in takes back what its attempt counted (allauth's own rule).
        super()._rollback_login_failed_rl_usage()
        usage = getattr(self, "_account_rl_usage", None)
        if usage:
            usage.rollback()
