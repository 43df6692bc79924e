"""Invitations: coordinators send, resend and withdraw them; a person accepts one."""

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..adapter import PENDING_INVITATION_KEY
from ..decorators import program_view
from ..forms import EnrollmentForm, InvitationFilterForm, InvitationForm
from ..models import Membership, Role
from ..pagination import paginate
from .public import remember_language


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


@program_view(Role.COORDINATOR)
def invitations(request, membership: Membership):
    program = membership.program
    if request.method == "POST":
        form = InvitationForm(request.POST)
        if form.is_valid():
            try:
                invitation = services.invitation_create(
                    inviter=membership,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    base_url=_base_url(request),
                    language=form.cleaned_data["language"],
                )
            except ValidationError as exc:
                form.add_error("email", exc)
            else:
                messages.success(
                    request,
                    _("Invitation sent to %(email)s. The link works for %(days)s days.")
                    % {"email": invitation.email, "days": program.invitation_valid_days},
                )
                return redirect("accounts:invitations", program_slug=program.slug)
    else:
        form = InvitationForm()
    enrollment_url = None
    if program.open_enrollment:
        enrollment_url = request.build_absolute_uri(
            reverse(
                "accounts:enrollment_join",
                kwargs={"program_slug": program.slug, "token": program.enrollment_token},
            )
        )
    now = timezone.now()
    filter_form = InvitationFilterForm(request.GET)
    filters = filter_form.values()
    # 25 a page: each row carries two small forms (resend, withdraw).
    listing = paginate(
        request, selectors.invitations_search(program=program, now=now, **filters), per_page=25
    )
    return render(
        request,
        "accounts/invitations.html",
        {
            "membership": membership,
            "program": program,
            "form": form,
            "filter_form": filter_form,
            "state": filters["state"],
            "state_counts": selectors.invitation_state_counts(program=program, now=now),
            "listing": listing,
            "invitations": listing.page.object_list,
            "enrollment_form": EnrollmentForm(initial={"open_enrollment": program.open_enrollment}),
            "enrollment_url": enrollment_url,
        },
    )


@require_POST
@program_view(Role.COORDINATOR)
def invitation_action(request, membership: Membership, invitation_id: int, action: str):
    invitation = selectors.invitation_get_for_coordinator(
        program=membership.program, invitation_id=invitation_id
    )
    try:
        if action == "resend":
            services.invitation_resend(
                invitation=invitation, by=membership, base_url=_base_url(request)
            )
            messages.success(
                request, _("A new link was sent to %(email)s.") % {"email": invitation.email}
            )
        else:
            services.invitation_revoke(invitation=invitation, by=membership)
            messages.success(
                request,
                _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email},
            )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("accounts:invitations", program_slug=membership.program.slug)


# JOINING


def invitation_accept(request, token: str):
    try:
        invitation = services.invitation_from_token(token)
    except services.InvitationInvalid as exc:
        request.session.pop(PENDING_INVITATION_KEY, None)
        return render(request, "accounts/invitation_invalid.html", {"reason": str(exc)}, status=400)
    if not request.user.is_authenticated:
        # Remembered across sign-up, email verification and log-in (see AccountAdapter).
        request.session[PENDING_INVITATION_KEY] = {
            "view": "accounts:invitation_accept",
            "kwargs": {"token": token},
        }
        # The link proves the address it was sent to: the sign-up form is filled in with it
        # and it needs no second verification email (see AccountAdapter).
        get_adapter(request).stash_verified_email(request, invitation.email)
        # The page (and the sign-up after it) is in the language the invitation was written
        # in, unless this browser already chose one with the footer's switcher.
        chose_language = settings.LANGUAGE_COOKIE_NAME in request.COOKIES
        if not chose_language:
            translation.activate(invitation.language)
            request.LANGUAGE_CODE = invitation.language
        response = render(request, "accounts/invitation.html", {"invitation": invitation})
        if not chose_language:
            remember_language(response, invitation.language)
        return response
    if request.method == "POST":
        try:
            membership = services.invitation_accept(token=token, user=request.user)
        except services.InvitationInvalid as exc:
            request.session.pop(PENDING_INVITATION_KEY, None)
            return render(
                request, "accounts/invitation_invalid.html", {"reason": str(exc)}, status=400
            )
        request.session.pop(PENDING_INVITATION_KEY, None)
        return redirect("accounts:privacy_notice", program_slug=membership.program.slug)
    return render(request, "accounts/invitation.html", {"invitation": invitation})
