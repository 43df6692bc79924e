"""Suggested mentors: a coordinator's page for one mentee (propose a pair, mark a pair "do
not pair") and, when the program allows it, a mentee's own suggestions (self-match)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role
from audit.models import Action
from audit.services import audit_record

from .. import selectors, services
from ..forms import DoNotPairForm, ProposeForm
from ..models import FocusArea, Pairing
from .common import choice_labels, coordinator_page, error_text, member_context

# A COORDINATOR: ONE MENTEE'S SUGGESTIONS, PROPOSE, DO NOT PAIR


@program_view(Role.COORDINATOR)
def mentee_suggestions(request, membership: Membership, mentee_id: int):
    mentee = selectors.member_get_for_coordinator(
        coordinator=membership, member_id=mentee_id, role=Role.MENTEE
    )
    settings_row = services.matching_settings_for(program=membership.program)
    pairings = list(selectors.pairings_for_member(membership=mentee))
    open_pairing = next((p for p in pairings if p.status in Pairing.OPEN), None)
    previous = [p for p in pairings if p.status == Pairing.Status.ENDED]
    intake = selectors.intake_or_none(membership=mentee)
    audit_record(
        action=Action.VIEW,
        actor=membership,
        subject=mentee,
        record=("intake", None),
        request=request,
    )
    return coordinator_page(
        request,
        "suggestions.html",
        membership,
        mentee=mentee,
        intake=intake,
        open_pairing=open_pairing,
        previous=previous,
        suggestions=selectors.suggestions_for_mentee(mentee=mentee, settings_row=settings_row),
    )


@require_POST
@program_view(Role.COORDINATOR)
def propose(request, membership: Membership, mentee_id: int):
    mentee = selectors.member_get_for_coordinator(
        coordinator=membership, member_id=mentee_id, role=Role.MENTEE
    )
    back = redirect("matching_coord:suggestions", membership.program.slug, mentee.pk)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a mentor to propose."))
        return back
    mentor = selectors.member_get_for_coordinator(
        coordinator=membership, member_id=form.cleaned_data["mentor"], role=Role.MENTOR
    )
    try:
        pairing = services.pairing_propose(
            mentee=mentee,
            mentor=mentor,
            by=membership,
            override_previous=form.cleaned_data["override_previous"],
        )
    except ValidationError as exc:
        messages.error(
            request,
            _("The pair was not proposed: %(reasons)s") % {"reasons": error_text(exc)},
        )
        return back
    messages.success(
        request,
        _("Proposed %(mentee)s with %(mentor)s. Both are asked to accept by %(date)s.")
        % {
            "mentee": mentee.user.display_name,
            "mentor": mentor.user.display_name,
            "date": date_format(timezone.localtime(pairing.expires_at), "DATE_FORMAT"),
        },
    )
    return redirect("matching_coord:board", membership.program.slug)


@require_POST
@program_view(Role.COORDINATOR)
def do_not_pair(request, membership: Membership, mentee_id: int):
    mentee = selectors.member_get_for_coordinator(
        coordinator=membership, member_id=mentee_id, role=Role.MENTEE
    )
    back = redirect("matching_coord:suggestions", membership.program.slug, mentee.pk)
    form = DoNotPairForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a mentor; a reason has at most 500 characters."))
        return back
    mentor = selectors.member_get_for_coordinator(
        coordinator=membership, member_id=form.cleaned_data["mentor"], role=Role.MENTOR
    )
    try:
        services.do_not_pair_add(
            mentee=mentee,
            mentor=mentor,
            by=membership,
            reason=form.cleaned_data["reason"][:200],
        )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            _("%(mentee)s and %(mentor)s will not be suggested or matched together.")
            % {"mentee": mentee.user.display_name, "mentor": mentor.user.display_name},
        )
    return back


# A MENTEE: SELF-MATCH


def _self_match_settings(membership: Membership):
    settings_row = services.matching_settings_for(program=membership.program)
    if not settings_row.self_match_enabled:
        raise Http404
    return settings_row


@program_view(Role.MENTEE)
def self_match_suggestions(request, membership: Membership):
    settings_row = _self_match_settings(membership)
    state = selectors.home_pairing_state(membership=membership)
    rows = []
    if not state["current"] and not state["proposed"]:
        for suggestion in selectors.suggestions_for_mentee(
            mentee=membership, settings_row=settings_row, k=5
        ):
            shared_focus = next(
                (r.shared for r in suggestion.reasons if r.criterion == "focus"), ()
            )
            mentor_intake = getattr(suggestion.mentor, "intake", None)
            rows.append(
                {
                    "mentor": suggestion.mentor,
                    "bio": getattr(mentor_intake, "bio", ""),
                    "shared_focus": choice_labels(shared_focus, FocusArea.choices),
                }
            )
    return render(
        request,
        "matching/member/suggestions.html",
        member_context(membership, suggestions=rows, state=state),
    )


@require_POST
@program_view(Role.MENTEE)
def self_match_request(request, membership: Membership, mentor_id: int):
    _self_match_settings(membership)
    mentor = selectors.mentor_get_for_request(program=membership.program, mentor_id=mentor_id)
    try:
        services.pairing_request(mentee=membership, mentor=mentor)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect("matching:suggestions", program_slug=membership.program.slug)
    messages.success(
        request,
        _("Your request was sent to %(name)s. You'll see their answer here.")
        % {"name": mentor.user.display_name},
    )
    return redirect("matching:pairings", program_slug=membership.program.slug)
