from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils import translation

from .mail import header_line

PENDING_INVITATION_KEY = "peerpath_pending_invitation"


class AccountAdapter(DefaultAccountAdapter):
    """Sends a person who arrived through an invitation back to it after sign-up,
    email verification or log-in, so the invitation is accepted in one flow. Without the
    session that opened the link (the confirmation link opened in another browser), an open
    invitation to the person's verified address is found by the address instead.

    Opening an invitation link proves the address it was sent to: the invitation page
    stashes it (allauth's `stash_verified_email`), the sign-up form is filled in with it, and
    signing up with that address needs no second verification email. Signing up with
    another address drops the stash, so only that address needs verifying.

    Failed log-ins are counted per client and address together: allauth's "key" limit
    (ACCOUNT_RATE_LIMITS["login_failed"]) would otherwise let anyone who knows an email
    address lock its owner out by failing five times. A looser per-address ceiling
    ("login_failed_account") still bounds guessing spread over many clients.
    """

    def _pending_invitation_url(self, request) -> str | None:
        if request is None:
            return None
        pending = request.session.get(PENDING_INVITATION_KEY)
        if pending:
            return reverse(pending["view"], kwargs=pending["kwargs"])
        from .selectors import invitations_open_for_user
        from .services import invitation_token

        user = getattr(request, "user", None)
        open_invitations = invitations_open_for_user(user=user) if user is not None else []
        if not open_invitations:
            return None
        token = invitation_token(open_invitations[0])
        return reverse("accounts:invitation_accept", kwargs={"token": token})

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
        stashed = request.session.get("account_verified_email") if request else None
        if stashed and stashed.lower() != (user.email or "").lower():
            # The invitation proved its own address, not the one typed instead.
            self.unstash_verified_email(request)
        if commit:
            Profile.objects.get_or_create(user=user)
            # A new account starts in the language its browser asked for (or the footer's
            # choice); the profile decides from then on, pages and emails alike.
            language = translation.get_language()
            if language in dict(settings.LANGUAGES):
                Profile.objects.filter(user=user).update(preferred_language=language)
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
