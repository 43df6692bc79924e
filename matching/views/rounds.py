"""Bulk matching rounds: start one, watch it compute, review, trim, confirm or discard."""

from __future__ import annotations

from collections import OrderedDict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from accounts.decorators import program_view
from accounts.models import Membership, Role

from .. import selectors, services
from ..forms import RoundForm, RoundRemoveForm
from ..models import MatchingRound
from ..services.rounds import UNMATCHED_BELOW_MIN, UNMATCHED_NO_ELIGIBLE, UNMATCHED_NO_ROOM
from .common import coordinator_page, error_text

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


def _mentee_choices(waiting) -> list[tuple[str, str]]:
    choices = []
    for mentee in waiting:
        name = mentee.user.display_name
        if selectors.intake_or_none(membership=mentee) is None:
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
    return coordinator_page(
        request, "round_new.html", membership, form=form, waiting_count=len(choices)
    )


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
    return coordinator_page(
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
            messages.error(request, error_text(exc))
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
        messages.error(request, error_text(exc))
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
        messages.error(request, error_text(exc))
        return redirect("matching_coord:round_detail", membership.program.slug, matching_round.pk)
    messages.success(request, _("Round discarded. No proposals were sent."))
    return redirect("matching_coord:board", membership.program.slug)
