"""Coordinator matching pages: the board, suggestions, proposals, settings, intakes and bulk
matching rounds. Every page opens through `program_view(Role.COORDINATOR)` and reaches people,
pairings and rounds only through lookups scoped to the coordinator's program."""

from __future__ import annotations

from collections import OrderedDict

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from accounts.decorators import program_view
from accounts.models import Membership, Role

from .. import selectors, services
from ..forms import (
    BoardFilterForm,
    DoNotPairForm,
    IntakeForm,
    MatchingSettingsForm,
    ProposeForm,
    ReasonForm,
    RoundForm,
    RoundRemoveForm,
)
from ..models import MatchingRound, Pairing
from ..services.rounds import UNMATCHED_BELOW_MIN, UNMATCHED_NO_ELIGIBLE, UNMATCHED_NO_ROOM

UNMATCHED_REMOVED = "removed"
UNMATCHED_EXPLAINED = OrderedDict(
    [
        (
            UNMATCHED_NO_ELIGIBLE,
            gettext_lazy(
                "No mentor meets the program's required criteria for them (shared language, "
                "meeting format or gender preference), or the only ones are marked “do not "
                "pair” or were their mentor before."
            ),
        ),
        (
            UNMATCHED_NO_ROOM,
            gettext_lazy("The mentors who would fit have no room left (or are paused)."),
        ),
        (
            UNMATCHED_BELOW_MIN,
            gettext_lazy(
                "Every mentor with room scores below the program's lowest score to propose."
            ),
        ),
        (UNMATCHED_REMOVED, gettext_lazy("You removed their pair from this round.")),
    ]
)
ROUND_IN_PROGRESS = (MatchingRound.Status.QUEUED, MatchingRound.Status.RUNNING)


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _add_errors(form: forms.Form, exc: ValidationError) -> None:
    """Service errors go next to the field they concern when the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _page(request, template: str, membership: Membership, **context):
    context.update(membership=membership, program=membership.program)
    return render(request, f"matching/coordinator/{template}", context)


# BOARD


@program_view(Role.COORDINATOR)
def board(request, membership: Membership):
    program = membership.program
    filter_form = BoardFilterForm(request.GET or None)
    focus = language = ""
    if filter_form.is_bound and filter_form.is_valid():
        focus = filter_form.cleaned_data["focus"]
        language = filter_form.cleaned_data["language"]
    data = selectors.board(program=program, focus=focus, language=language)
    return _page(
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


# ONE MENTEE: SUGGESTIONS, PROPOSE, DO NOT PAIR


@program_view(Role.COORDINATOR)
def suggestions(request, membership: Membership, mentee_id: int):
    mentee = selectors.member_get_for_coordinator(
        coordinator=membership, member_id=mentee_id, role=Role.MENTEE
    )
    settings_row = services.matching_settings_for(program=membership.program)
    pairings = list(selectors.pairings_for_member(membership=mentee))
    open_pairing = next((p for p in pairings if p.status in Pairing.OPEN), None)
    previous = [p for p in pairings if p.status == Pairing.Status.ENDED]
    intake = mentee.intake if _has_intake(mentee) else None
    return _page(
        request,
        "suggestions.html",
        membership,
        mentee=mentee,
        intake=intake,
        open_pairing=open_pairing,
        previous=previous,
        suggestions=selectors.suggestions_for_mentee(mentee=mentee, settings_row=settings_row),
    )


def _has_intake(member: Membership) -> bool:
    try:
        member.intake  # noqa: B018 - one query; absent intakes raise
    except Membership.intake.RelatedObjectDoesNotExist:
        return False
    return True


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
            _("The pair was not proposed: %(reasons)s") % {"reasons": _error_text(exc)},
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
        messages.error(request, _error_text(exc))
    else:
        messages.success(
            request,
            _("%(mentee)s and %(mentor)s will not be suggested or matched together.")
            % {"mentee": mentee.user.display_name, "mentor": mentor.user.display_name},
        )
    return back


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
        messages.error(request, _error_text(exc))
    else:
        messages.success(
            request,
            _("Proposal withdrawn. %(mentee)s is back on the waiting list.")
            % {"mentee": pairing.mentee.user.display_name},
        )
    return redirect("matching_coord:board", membership.program.slug)


# SETTINGS AND INTAKES


@program_view(Role.COORDINATOR)
def settings(request, membership: Membership):
    program = membership.program
    settings_row = services.matching_settings_for(program=program)
    if request.method == "POST":
        form = MatchingSettingsForm(request.POST)
        if form.is_valid():
            try:
                services.matching_settings_update(program=program, **form.service_kwargs())
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Matching settings saved."))
                return redirect("matching_coord:settings", program.slug)
        messages.error(request, _("Nothing was saved: please correct the fields marked below."))
    else:
        form = MatchingSettingsForm(initial=MatchingSettingsForm.initial_from(settings_row))
    weight_fields = [form[name] for name in form.fields if name.startswith("weight_")]
    other_fields = [form[name] for name in form.fields if not name.startswith("weight_")]
    return _page(
        request,
        "settings.html",
        membership,
        form=form,
        weight_fields=weight_fields,
        other_fields=other_fields,
    )


@program_view(Role.COORDINATOR)
def intakes(request, membership: Membership):
    rows = selectors.intake_completeness(program=membership.program)
    return _page(
        request,
        "intakes.html",
        membership,
        mentee_rows=[r for r in rows if r["membership"].role == Role.MENTEE],
        mentor_rows=[r for r in rows if r["membership"].role == Role.MENTOR],
    )


@program_view(Role.COORDINATOR)
def intake_edit(request, membership: Membership, member_id: int):
    member = selectors.member_get_for_coordinator(coordinator=membership, member_id=member_id)
    if member.role not in (Role.MENTEE, Role.MENTOR):
        raise Http404
    for_mentor = member.role == Role.MENTOR
    if request.method == "POST":
        form = IntakeForm(request.POST, for_mentor=for_mentor)
        if form.is_valid():
            try:
                services.intake_save(membership=member, by=request.user, data=form.cleaned_data)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Intake for %(name)s saved.") % {"name": member.user.display_name},
                )
                return redirect("matching_coord:intakes", membership.program.slug)
        messages.error(request, _("Nothing was saved: please correct the fields marked below."))
    else:
        intake = services.intake_for(membership=member)
        form = IntakeForm(for_mentor=for_mentor, initial=IntakeForm.initial_from(intake))
    return _page(request, "intake_edit.html", membership, member=member, form=form)


# BULK MATCHING ROUNDS


def _mentee_choices(waiting) -> list[tuple[str, str]]:
    choices = []
    for mentee in waiting:
        name = mentee.user.display_name
        if not _has_intake(mentee):
            name = _("%(name)s (no intake yet: will be left out)") % {"name": name}
        choices.append((str(mentee.pk), name))
    return choices


@program_view(Role.COORDINATOR)
def round_new(request, membership: Membership):
    program = membership.program
    settings_row = services.matching_settings_for(program=program)
    choices = _mentee_choices(selectors.waiting_mentees(program=program))
    if request.method == "POST":
        form = RoundForm(request.POST, mentee_choices=choices)
        if form.is_valid():
            try:
                matching_round = services.round_start(
                    program=program,
                    by=membership,
                    mentee_ids=[int(pk) for pk in form.cleaned_data["mentees"]],
                    objective=form.cleaned_data["objective"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("matching_coord:round_detail", program.slug, matching_round.pk)
    else:
        form = RoundForm(
            mentee_choices=choices,
            initial={
                "objective": settings_row.objective,
                "mentees": [pk for pk, _label in choices],
            },
        )
    return _page(request, "round_new.html", membership, form=form, waiting_count=len(choices))


@program_view(Role.COORDINATOR)
def round_detail(request, membership: Membership, round_id: int):
    matching_round = selectors.round_get_for_coordinator(coordinator=membership, round_id=round_id)
    in_progress = matching_round.status in ROUND_IN_PROGRESS
    if request.htmx:
        if in_progress:
            return render(
                request,
                "matching/coordinator/_round_progress.html",
                {"round": matching_round, "program": membership.program},
            )
        # Finished while the page polled: load the whole page with the results.
        return HttpResponseClientRefresh()
    people = selectors.members_by_id(
        program=membership.program,
        ids=[p["mentee"] for p in matching_round.proposals]
        + [p["mentor"] for p in matching_round.proposals]
        + [u["mentee"] for u in matching_round.unmatched],
    )
    proposals = [
        {
            "mentee": people.get(p["mentee"]),
            "mentee_id": p["mentee"],
            "mentor": people.get(p["mentor"]),
            "score": p["score"],
            "reasons": p["reasons"],
        }
        for p in matching_round.proposals
    ]
    grouped: dict[str, list] = {}
    for row in matching_round.unmatched:
        grouped.setdefault(row["reason"], []).append(people.get(row["mentee"]))
    unmatched = [
        {
            "code": code,
            "text": UNMATCHED_EXPLAINED.get(code, code),
            "people": [person for person in grouped[code] if person is not None],
            "count": len(grouped[code]),
        }
        for code in list(UNMATCHED_EXPLAINED) + sorted(set(grouped) - set(UNMATCHED_EXPLAINED))
        if code in grouped
    ]
    return _page(
        request,
        "round_detail.html",
        membership,
        round=matching_round,
        in_progress=in_progress,
        is_ready=matching_round.status == MatchingRound.Status.READY,
        proposals=proposals,
        unmatched=unmatched,
        unmatched_total=len(matching_round.unmatched),
        stats=matching_round.stats,
    )


@require_POST
@program_view(Role.COORDINATOR)
def round_remove(request, membership: Membership, round_id: int):
    matching_round = selectors.round_get_for_coordinator(coordinator=membership, round_id=round_id)
    form = RoundRemoveForm(request.POST)
    if form.is_valid():
        try:
            services.round_remove_pair(
                matching_round=matching_round,
                by=membership,
                mentee_id=form.cleaned_data["mentee"],
            )
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("Pair removed from this round."))
    else:
        messages.error(request, _("Choose a pair to remove."))
    return redirect("matching_coord:round_detail", membership.program.slug, matching_round.pk)


@require_POST
@program_view(Role.COORDINATOR)
def round_confirm(request, membership: Membership, round_id: int):
    matching_round = selectors.round_get_for_coordinator(coordinator=membership, round_id=round_id)
    try:
        created, skipped = services.round_confirm(matching_round=matching_round, by=membership)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("matching_coord:round_detail", membership.program.slug, matching_round.pk)
    text = ngettext("%(created)s proposal sent.", "%(created)s proposals sent.", created) % {
        "created": created
    }
    if skipped:
        text += " " + ngettext(
            "%(skipped)s pair was skipped because a mentor's room or a mentee's situation "
            "changed since the round was computed.",
            "%(skipped)s pairs were skipped because a mentor's room or a mentee's situation "
            "changed since the round was computed.",
            skipped,
        ) % {"skipped": skipped}
    else:
        text += " " + _("None were skipped.")
    messages.success(request, text)
    return redirect("matching_coord:board", membership.program.slug)


@require_POST
@program_view(Role.COORDINATOR)
def round_discard(request, membership: Membership, round_id: int):
    matching_round = selectors.round_get_for_coordinator(coordinator=membership, round_id=round_id)
    try:
        services.round_discard(matching_round=matching_round, by=membership)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("matching_coord:round_detail", membership.program.slug, matching_round.pk)
    messages.success(request, _("Round discarded. No proposals were sent."))
    return redirect("matching_coord:board", membership.program.slug)
