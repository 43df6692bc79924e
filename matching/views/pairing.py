"""A mentee's or mentor's pairings: the list, answering a proposal, a pairing's page with
pause, resume and end."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role

from .. import selectors, services
from ..forms import EndPairingForm, ReasonForm
from ..models import Pairing
from .common import (
    add_service_errors,
    error_text,
    member_context,
)


def _side(pairing: Pairing, membership: Membership) -> str:
    if pairing.mentee_id == membership.pk:
        return "mentee"
    if pairing.mentor_id == membership.pk:
        return "mentor"
    return "coordinator"


def _awaits_my_answer(pairing: Pairing, side: str) -> bool:
    if side == "mentee":
        return pairing.mentee_accepted_at is None
    if side == "mentor":
        return pairing.mentor_accepted_at is None
    return False


# Recovery pathway and gender are shared with the program for matching, not with the other
# person: explanations shown to members leave them out.
PRIVATE_CRITERIA = frozenset({"pathway", "gender"})


def _shareable_reasons(reasons: list[dict]) -> list[dict]:
    return [r for r in reasons or [] if r.get("criterion") not in PRIVATE_CRITERIA]


@program_view(Role.MENTEE, Role.MENTOR)
def pairings(request, membership: Membership):
    now = timezone.now()
    side = "mentee" if membership.is_mentee else "mentor"
    current, proposals, history = [], [], []
    for pairing in selectors.pairings_for_member(membership=membership):
        pairing.other = pairing.mentor if side == "mentee" else pairing.mentee
        if pairing.status in Pairing.CURRENT:
            current.append(pairing)
        elif pairing.status == Pairing.Status.PROPOSED and pairing.expires_at > now:
            pairing.awaits_me = _awaits_my_answer(pairing, side)
            pairing.shareable_reasons = _shareable_reasons(pairing.reasons)
            pairing.decline_form = ReasonForm(auto_id=f"id_decline_{pairing.pk}_%s")
            proposals.append(pairing)
        else:
            # A proposal past its expiry that the beat has not marked yet reads as expired.
            pairing.status_label = (
                Pairing.Status.EXPIRED.label
                if pairing.status == Pairing.Status.PROPOSED
                else pairing.get_status_display()
            )
            history.append(pairing)
    return render(
        request,
        "matching/member/pairings.html",
        member_context(
            membership,
            side=side,
            current=current,
            proposals=proposals,
            history=history,
            self_match=side == "mentee"
            and not current
            and not proposals
            and services.matching_settings_for(program=membership.program).self_match_enabled,
        ),
    )


@require_POST
@program_view(Role.MENTEE, Role.MENTOR)
def pairing_accept(request, membership: Membership, pairing_id: int):
    pairing = selectors.pairing_get_for_user(
        user=request.user, pairing_id=pairing_id, program=membership.program
    )
    try:
        pairing = services.pairing_accept(pairing=pairing, by=membership)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        if pairing.status == Pairing.Status.ACTIVE:
            messages.success(request, _("You accepted. Your pairing has started."))
        else:
            messages.success(
                request, _("You accepted. The pairing starts when the other person accepts too.")
            )
    return redirect("matching:pairings", program_slug=membership.program.slug)


@require_POST
@program_view(Role.MENTEE, Role.MENTOR)
def pairing_decline(request, membership: Membership, pairing_id: int):
    pairing = selectors.pairing_get_for_user(
        user=request.user, pairing_id=pairing_id, program=membership.program
    )
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The reason is too long (500 characters at most)."))
        return redirect("matching:pairings", program_slug=membership.program.slug)
    try:
        services.pairing_decline(pairing=pairing, by=membership, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("You declined the proposal. Your coordinator will follow up."))
    return redirect("matching:pairings", program_slug=membership.program.slug)


@require_POST
@program_view(Role.MENTEE)
def pairing_withdraw(request, membership: Membership, pairing_id: int):
    """A mentee takes back their own request for a mentor while it waits for an answer."""
    _pairing_action(
        request,
        membership,
        pairing_id,
        services.pairing_withdraw,
        _("You took back your request. You can ask another mentor."),
    )
    return redirect("matching:pairings", program_slug=membership.program.slug)


def _pairing_action(request, membership, pairing_id: int, action, success: str) -> Pairing:
    """Run a pairing service that needs no form: its refusal or `success` as a message."""
    pairing = selectors.pairing_get_for_user(
        user=request.user, pairing_id=pairing_id, program=membership.program
    )
    try:
        action(pairing=pairing, by=membership)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, success)
    return pairing


PAUSE_FORM_IDS = "id_pause_%s"


def _render_detail(request, membership, pairing, *, end_form=None, pause_form=None, status=200):
    side = _side(pairing, membership)
    is_open_proposal = (
        pairing.status == Pairing.Status.PROPOSED and pairing.expires_at > timezone.now()
    )
    return render(
        request,
        "matching/member/pairing_detail.html",
        member_context(
            membership,
            pairing=pairing,
            side=side,
            other={"mentee": pairing.mentor, "mentor": pairing.mentee}.get(side),
            is_open_proposal=is_open_proposal,
            is_expired=pairing.status == Pairing.Status.PROPOSED and not is_open_proposal,
            awaits_me=is_open_proposal and _awaits_my_answer(pairing, side),
            # The coordinator sees the whole explanation; the two people what they may share.
            reasons=pairing.reasons
            if side == "coordinator"
            else _shareable_reasons(pairing.reasons),
            # A reason for declining or ending is for the coordinator, not the other person.
            show_close_reason=side == "coordinator" or pairing.closed_by_id == request.user.pk,
            end_form=end_form or EndPairingForm(),
            pause_form=pause_form or ReasonForm(auto_id=PAUSE_FORM_IDS),
            decline_form=ReasonForm(auto_id="id_decline_%s"),
        ),
        status=status,
    )


@program_view()
def pairing_detail(request, membership: Membership, pairing_id: int):
    pairing = selectors.pairing_get_for_user(
        user=request.user, pairing_id=pairing_id, program=membership.program
    )
    return _render_detail(request, membership, pairing)


@require_POST
@program_view()
def pairing_pause(request, membership: Membership, pairing_id: int):
    pairing = selectors.pairing_get_for_user(
        user=request.user, pairing_id=pairing_id, program=membership.program
    )
    form = ReasonForm(request.POST, auto_id=PAUSE_FORM_IDS)
    if not form.is_valid():
        return _render_detail(request, membership, pairing, pause_form=form, status=400)
    try:
        services.pairing_pause(pairing=pairing, by=membership, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The pairing is paused. Either of you can resume it."))
    return redirect(
        "matching:pairing_detail", program_slug=membership.program.slug, pairing_id=pairing.pk
    )


@require_POST
@program_view()
def pairing_resume(request, membership: Membership, pairing_id: int):
    pairing = _pairing_action(
        request, membership, pairing_id, services.pairing_resume, _("The pairing is active again.")
    )
    return redirect(
        "matching:pairing_detail", program_slug=membership.program.slug, pairing_id=pairing.pk
    )


@require_POST
@program_view()
def pairing_end(request, membership: Membership, pairing_id: int):
    pairing = selectors.pairing_get_for_user(
        user=request.user, pairing_id=pairing_id, program=membership.program
    )
    form = EndPairingForm(request.POST)
    if form.is_valid():
        try:
            services.pairing_end(pairing=pairing, by=membership, **form.cleaned_data)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                # Not about the form's answers (e.g. the pairing has already ended).
                messages.error(request, error_text(exc))
                return redirect(
                    "matching:pairing_detail",
                    program_slug=membership.program.slug,
                    pairing_id=pairing.pk,
                )
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The pairing has ended. Thank you for your feedback."))
            return redirect(
                "matching:pairing_detail",
                program_slug=membership.program.slug,
                pairing_id=pairing.pk,
            )
    return _render_detail(request, membership, pairing, end_form=form, status=400)
