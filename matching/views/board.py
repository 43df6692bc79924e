"""The coordinator's matching board and withdrawing a proposal from it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role

from .. import selectors, services
from ..forms import BoardFilterForm, ReasonForm
from .common import coordinator_page, error_text


@program_view(Role.COORDINATOR)
def board(request, membership: Membership):
    program = membership.program
    filter_form = BoardFilterForm(request.GET or None)
    focus = language = ""
    if filter_form.is_bound and filter_form.is_valid():
        focus = filter_form.cleaned_data["focus"]
        language = filter_form.cleaned_data["language"]
    data = selectors.board(program=program, focus=focus, language=language)
    return coordinator_page(
        request,
        "board.html",
        membership,
        filter_form=filter_form,
        filtered=bool(focus or language),
        mentees=data["mentees"],
        mentors=data["mentors"],
        proposals=data["proposals"],
        rounds=selectors.rounds_recent(program=program),
        now=timezone.now(),
        withdraw_form=ReasonForm(),
    )


@require_POST
@program_view(Role.COORDINATOR)
def withdraw(request, membership: Membership, pairing_id: int):
    pairing = selectors.pairing_get_for_user(
        user=request.user, pairing_id=pairing_id, program=membership.program
    )
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.pairing_withdraw(pairing=pairing, by=membership, reason=reason)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            _("Proposal withdrawn. %(mentee)s is back on the waiting list.")
            % {"mentee": pairing.mentee.user.display_name},
        )
    return redirect("matching_coord:board", membership.program.slug)
