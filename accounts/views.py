from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .adapter import PENDING_INVITATION_KEY
from .decorators import program_view
from .forms import (
    EnrollmentForm,
    InvitationForm,
    MembershipStatusForm,
    PrivacyAcknowledgeForm,
    ProfileForm,
)
from .models import DEFAULT_CRISIS_RESOURCES, Membership, Program, Role


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


# PUBLIC


@require_GET
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def help_page(request):
    lines = [line for line in DEFAULT_CRISIS_RESOURCES.splitlines() if line.strip()]
    return render(request, "accounts/help.html", {"resource_lines": lines, "program": None})


def home(request):
    if not request.user.is_authenticated:
        return render(request, "accounts/landing.html")
    overview = selectors.home_overview(user=request.user)
    if len(overview) == 1 and overview[0]["membership"].has_acknowledged_privacy:
        # One program: its role home is the home page.
        return redirect("program_home", program_slug=overview[0]["program"].slug)
    return render(request, "accounts/home.html", {"overview": overview})


# PROFILE


@login_required
def profile_edit(request):
    profile = request.user.profile
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=profile)
        if form.is_valid():
            try:
                services.profile_update(user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Your profile is saved."))
                return redirect("accounts:profile")
    else:
        form = ProfileForm(instance=profile)
    return render(request, "accounts/profile.html", {"form": form})


# PROGRAM PAGES


@program_view(before_privacy=True)
def privacy_notice(request, membership: Membership):
    if request.method == "POST":
        form = PrivacyAcknowledgeForm(request.POST)
        if form.is_valid():
            services.membership_acknowledge_privacy(membership=membership)
            messages.success(
                request,
                _("Thank you. Welcome to %(program)s.") % {"program": membership.program.name},
            )
            return redirect("program_home", program_slug=membership.program.slug)
    else:
        form = PrivacyAcknowledgeForm()
    return render(
        request,
        "accounts/privacy_notice.html",
        {"membership": membership, "program": membership.program, "form": form},
    )


@program_view(before_privacy=True)
def program_help(request, membership: Membership):
    return render(
        request,
        "accounts/help.html",
        {"resource_lines": membership.program.crisis_resource_lines, "program": membership.program},
    )


# COORDINATOR PAGES


@program_view(Role.COORDINATOR)
def members(request, membership: Membership):
    program = membership.program
    return render(
        request,
        "accounts/members.html",
        {
            "membership": membership,
            "program": program,
            "members": selectors.program_members(program=program),
            "status_form": MembershipStatusForm(),
        },
    )


@require_POST
@program_view(Role.COORDINATOR)
def member_status(request, membership: Membership, member_id: int):
    target = selectors.program_members(program=membership.program).filter(pk=member_id).first()
    if target is None:
        from django.http import Http404

        raise Http404
    form = MembershipStatusForm(request.POST)
    if form.is_valid():
        try:
            services.membership_set_status(
                membership=target, status=form.cleaned_data["status"], by=membership
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Membership updated."))
    else:
        messages.error(request, _("Choose active, paused or left."))
    return redirect("accounts:members", program_slug=membership.program.slug)


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
    return render(
        request,
        "accounts/invitations.html",
        {
            "membership": membership,
            "program": program,
            "form": form,
            "invitations": selectors.invitations_pending(program=program),
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


@require_POST
@program_view(Role.COORDINATOR)
def enrollment_settings(request, membership: Membership):
    form = EnrollmentForm(request.POST)
    if form.is_valid():
        services.program_update_enrollment(
            program=membership.program,
            open_enrollment=form.cleaned_data["open_enrollment"],
            regenerate_link=form.cleaned_data["regenerate_link"],
        )
        messages.success(request, _("Enrollment settings saved."))
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
        return render(request, "accounts/invitation.html", {"invitation": invitation})
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


def enrollment_join(request, program_slug: str, token: str):
    program = Program.objects.filter(
        slug=program_slug, open_enrollment=True, enrollment_token=token
    ).first()
    if program is None:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"reason": _("This enrollment link is not open. Ask the program for an invitation.")},
            status=404,
        )
    if not request.user.is_authenticated:
        request.session[PENDING_INVITATION_KEY] = {
            "view": "accounts:enrollment_join",
            "kwargs": {"program_slug": program_slug, "token": token},
        }
        return render(request, "accounts/enrollment.html", {"program": program})
    if request.method == "POST":
        try:
            membership = services.enrollment_join(program=program, token=token, user=request.user)
        except services.InvitationInvalid as exc:
            request.session.pop(PENDING_INVITATION_KEY, None)
            return render(
                request, "accounts/invitation_invalid.html", {"reason": str(exc)}, status=400
            )
        request.session.pop(PENDING_INVITATION_KEY, None)
        return redirect("accounts:privacy_notice", program_slug=membership.program.slug)
    return render(request, "accounts/enrollment.html", {"program": program})
