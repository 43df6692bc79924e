"""The mentee's Sharing page: in plain words who sees what, their consents (in force and
past), the form to give one and a button to revoke each."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role

from .. import selectors, services
from ..forms import ConsentForm
from ..models import Consent
from ..relations import current_mentors


@require_http_methods(["GET", "POST"])
@program_view(Role.MENTEE)
def sharing(request, membership: Membership):
    recipients = selectors.consent_recipients_offerable(mentee=membership)
    form = ConsentForm(request.POST or None, recipients=recipients)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.consent_grant(
                mentee=membership,
                categories=data["categories"],
                recipient_kind=data["recipient_kind"],
                recipient=data["recipient"],
                purpose=data["purpose"],
                purpose_detail=data["purpose_detail"],
                expires_on=data["expires_on"],
                signature_name=data["signature_name"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your consent is recorded. You can revoke it here."))
            return redirect("privacy:sharing", program_slug=membership.program.slug)
    return render(
        request,
        "privacy/sharing.html",
        {
            "membership": membership,
            "program": membership.program,
            "mentors": list(current_mentors(membership)),
            "form": form,
            **selectors.consents_for_mentee(mentee=membership),
        },
    )


@require_POST
@program_view(Role.MENTEE)
def revoke(request, membership: Membership, consent_id: int):
    try:
        services.consent_revoke(mentee=membership, consent_id=consent_id)
    except Consent.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("Consent revoked: from now on nobody reads your records by it."))
    return redirect("privacy:sharing", program_slug=membership.program.slug)


@require_GET
@program_view()
def shared_with_me(request, membership: Membership):
    """The mentees whose consent lets this person read some of their records now (for
    coordinators, those to the program's coordinators too)."""
    return render(
        request,
        "privacy/shared_with_me.html",
        {
            "membership": membership,
            "program": membership.program,
            "consents": selectors.consents_valid_for(recipient=membership)
            .select_related("mentee__user__profile")
            .order_by("mentee__user__profile__display_name", "mentee_id", "-granted_at"),
        },
    )
