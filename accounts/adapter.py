from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from .mail import header_line

PENDING_INVITATION_KEY = "peerpath_pending_invitation"


class AccountAdapter(DefaultAccountAdapter):
    """Sends a person who arrived through an invitation back to it after sign-up,
    email verification or log-in, so the invitation is accepted in one flow."""

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

    def save_user(self, request, user, form, commit=True):
        from .models import Profile

        user = super().save_user(request, user, form, commit=commit)
        if commit:
            Profile.objects.get_or_create(user=user)
        return user
