"""The conversations page and the links that open a conversation (made on first use)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from accounts.decorators import program_view
from accounts.models import Membership, Role
from accounts.selectors import member_get_for_coordinator

from .. import access, services
from ..selectors import conversation_list, current_pairings
from .common import conversation_title, viewer_time_zone

CONVERSATIONS_PER_PAGE = 25


def _to(conversation, membership: Membership):
    return redirect(services.conversation_url(conversation, membership.program.slug))


@require_GET
@program_view()
def index(request, membership: Membership):
    page = Paginator(conversation_list(membership), CONVERSATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    for conversation in page.object_list:
        conversation.title = conversation_title(conversation, membership)
    pairings = current_pairings(membership)
    for pairing in pairings:
        other = pairing.mentor if pairing.mentee_id == membership.pk else pairing.mentee
        pairing.other_name = other.user.display_name
    return render(
        request,
        "messaging/index.html",
        {
            "membership": membership,
            "program": membership.program,
            "page": page,
            "pairings": pairings,
            "can_ask_coordinators": membership.role != Role.COORDINATOR,
            "viewer_zone": viewer_time_zone(request, membership),
        },
    )


@require_GET
@program_view(Role.MENTEE, Role.MENTOR)
def coordinators(request, membership: Membership):
    """The member's own "Ask the coordinators" conversation."""
    conversation = services.coordinator_conversation_get_or_create(member=membership)
    return _to(conversation, membership)


@require_GET
@program_view()
def pairing(request, membership: Membership, pairing_id: int):
    """The conversation of a pairing, for its mentee or current mentor (404 for anyone else,
    coordinators included)."""
    found = access.pairing_get_for_participant(membership=membership, pairing_id=pairing_id)
    try:
        conversation = services.pair_conversation_get_or_create(pairing=found)
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
        return redirect("messaging:index", program_slug=membership.program.slug)
    return _to(conversation, membership)


@require_GET
@program_view(Role.COORDINATOR)
def with_member(request, membership: Membership, member_id: int):
    """A coordinator opens a member's coordinators conversation (mentees and mentors only)."""
    member = member_get_for_coordinator(program=membership.program, member_id=member_id)
    if member.role == Role.COORDINATOR:
        raise Http404
    conversation = services.coordinator_conversation_get_or_create(member=member)
    return _to(conversation, membership)
