"""Open enrollment: coordinators open or close it; a person joins with the program's link."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..adapter import PENDING_INVITATION_KEY
from ..decorators import program_view
from ..forms import EnrollmentForm
from ..models import Membership, Role


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


def enrollment_join(request, program_slug: str, token: str):
    program = selectors.program_get_for_enrollment(program_slug=program_slug, token=token)
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
