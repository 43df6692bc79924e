"""Inviting many people at once, from a pasted list (coordinators)."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from .. import services
from ..decorators import program_view
from ..forms import BulkInviteForm
from ..models import Membership, Role


@require_http_methods(["GET", "POST"])
@program_view(Role.COORDINATOR)
def bulk_invite(request, membership: Membership):
    results = None
    if request.method == "POST":
        form = BulkInviteForm(request.POST)
        if form.is_valid():
            try:
                results = services.invitations_bulk_create(
                    inviter=membership,
                    text=form.cleaned_data["lines"],
                    base_url=request.build_absolute_uri("/"),
                    language=form.cleaned_data["language"],
                )
            except ValidationError as exc:
                form.add_error("lines", exc)
            else:
                form = BulkInviteForm()
    else:
        form = BulkInviteForm()
    invited = sum(1 for r in results or [] if r.outcome == "invited")
    return render(
        request,
        "accounts/invitations_bulk.html",
        {
            "membership": membership,
            "program": membership.program,
            "form": form,
            "results": results,
            "invited": invited,
        },
    )
