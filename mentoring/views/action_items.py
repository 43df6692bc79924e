"""Checking off an action item: only its assignee can (mentoring.access)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role

from .. import access, services
from ..selectors.meetings import open_action_items
from .common import safe_next


@require_POST
@program_view(Role.MENTEE, Role.MENTOR)
def action_item_done(request, membership: Membership, item_id: int):
    item = access.action_item_get_for_member(membership=membership, item_id=item_id)
    home = reverse("program_home", kwargs={"program_slug": membership.program.slug})
    error = None
    try:
        services.action_item_set_done(item=item, by=request.user, done=True)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        return render(
            request,
            "mentoring/_action_items.html",
            {
                "action_items": open_action_items(membership=membership),
                "program": membership.program,
                "done_item": None if error else item,
                "error": error,
                "next_url": safe_next(request, home),
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("“%(title)s” is done. Well done.") % {"title": item.title})
    return redirect(safe_next(request, home))
