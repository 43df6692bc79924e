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
from accounts.pagination import paginate

from .. import selectors, services
from ..forms import BoardFilterForm, ReasonForm
from .common import coordinator_page, error_text

# Three lists on one page: fewer rows each keeps the page light.
BOARD_PER_PAGE = 25


@program_view(Role.COORDINATOR)
def board(request, membership: Membership):
    """Three lists, each with its own page number: who waits, mentors' load, proposals."""
    program = membership.program
    filter_form = BoardFilterForm(request.GET)
    filters = filter_form.values()
    now = timezone.now()
    mentees = paginate(
        request,
        selectors.board_mentees(
            program=program, **{k: filters[k] for k in BoardFilterForm.MENTEE_FILTERS}
        ),
        per_page=BOARD_PER_PAGE,
    )
    mentors = paginate(
        request,
        selectors.board_mentors(
            program=program, **{k: filters[k] for k in BoardFilterForm.MENTOR_FILTERS}
        ),
        param="mentors_page",
        per_page=BOARD_PER_PAGE,
    )
    proposals = paginate(
        request,
        selectors.board_proposals(program=program),
        param="proposals_page",
        per_page=BOARD_PER_PAGE,
    )
    return coordinator_page(
        request,
        "board.html",
        membership,
        filter_form=filter_form,
        filtered=filter_form.filtered,
        mentee_listing=mentees,
        mentees=selectors.with_days_waiting(mentees.page.object_list, now=now),
        mentor_listing=mentors,
        mentors=mentors.page.object_list,
        proposal_listing=proposals,
        proposals=proposals.page.object_list,
        rounds=selectors.rounds_recent(program=program),
        now=now,
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
