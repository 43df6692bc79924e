"""Memberships: acknowledging the privacy notice; coordinators list members and change
their status."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..decorators import program_view
from ..forms import (
    MemberFilterForm,
    MembershipRoleForm,
    MembershipStatusForm,
    PrivacyAcknowledgeForm,
)
from ..models import Membership, Role
from ..pagination import paginate


@program_view(before_privacy=True)
def privacy_notice(request, membership: Membership):
    if request.method == "POST":
        form = PrivacyAcknowledgeForm(request.POST)
        if form.is_valid():
            services.membership_acknowledge_privacy(membership=membership)
            welcome = _("Thank you. Welcome to %(program)s.") % {"program": membership.program.name}
            if not membership.is_coordinator:
                welcome += " " + _(
                    "Your next step is the intake: a few questions so your coordinator can "
                    "find a good match."
                )
            messages.success(request, welcome)
            return redirect("program_home", program_slug=membership.program.slug)
    else:
        form = PrivacyAcknowledgeForm()
    return render(
        request,
        "accounts/privacy_notice.html",
        {"membership": membership, "program": membership.program, "form": form},
    )


# COORDINATORS


@program_view(Role.COORDINATOR)
def members(request, membership: Membership):
    program = membership.program
    filter_form = MemberFilterForm(request.GET)
    listing = paginate(request, selectors.members_search(program=program, **filter_form.values()))
    return render(
        request,
        "accounts/members.html",
        {
            "membership": membership,
            "program": program,
            "filter_form": filter_form,
            "listing": listing,
            "members": listing.page.object_list,
            "status_form": MembershipStatusForm(),
        },
    )


@require_POST
@program_view(Role.COORDINATOR)
def member_status(request, membership: Membership, member_id: int):
    target = selectors.member_get_for_coordinator(program=membership.program, member_id=member_id)
    form = MembershipStatusForm(request.POST)
    if form.is_valid():
        try:
            services.membership_set_status(
                membership=target,
                status=form.cleaned_data["status"],
                by=membership,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Membership updated."))
    else:
        messages.error(request, _("Choose active, paused or left."))
    return _back(request, membership)


def _back(request, membership: Membership):
    """Back to the member's page when the form came from there (a path on this site only)."""
    back = request.POST.get("next", "")
    if back.startswith(f"/p/{membership.program.slug}/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("accounts:members", program_slug=membership.program.slug)


@require_POST
@program_view(Role.COORDINATOR)
def member_role(request, membership: Membership, member_id: int):
    target = selectors.member_get_for_coordinator(program=membership.program, member_id=member_id)
    form = MembershipRoleForm(request.POST)
    if form.is_valid():
        try:
            services.membership_change_role(
                membership=target,
                role=form.cleaned_data["role"],
                by=membership,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Role changed."))
    else:
        messages.error(request, _("Choose mentee, mentor or coordinator."))
    return _back(request, membership)
