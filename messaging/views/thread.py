"""One conversation: its latest messages (or an earlier page), the send form, the live
update that htmx polls for, and deleting one's own message."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import program_view
from accounts.models import Membership
from accounts.params import id_param
from accounts.services import DUPLICATE_SUBMISSION, new_submission_key

from .. import access, services
from ..forms import MessageForm
from ..selectors import messages_after, messages_page
from .common import conversation_title, mark_actions, viewer_time_zone

CRISIS_SESSION_KEY = "messaging_crisis_conversation"


def _send(request, membership: Membership, conversation, form: MessageForm):
    """The send form's POST: a redirect (PRG) when done or refused, else None with the
    errors on the form (nothing written)."""
    url = services.conversation_url(conversation, membership.program.slug)
    refusal = access.write_refusal(conversation=conversation, membership=membership)
    if refusal:
        messages.error(request, refusal)
        return redirect(url)
    if not form.is_valid():
        return None
    try:
        sent = services.message_send(
            conversation=conversation,
            author=membership,
            body=form.cleaned_data["body"],
            submission_key=form.cleaned_data["form_token"],
        )
    except ValidationError as exc:
        code = getattr(exc, "code", None)
        if code == DUPLICATE_SUBMISSION:
            messages.info(request, _("This message was already sent."))
            return redirect(url)
        if code == "closed":
            messages.error(request, " ".join(exc.messages))
            return redirect(url)
        form.add_error("body" if code in ("empty", "too_long") else None, exc)
        return None
    if sent.mentions_crisis:
        # Shown once, to the sender only, on the page after the redirect.
        request.session[CRISIS_SESSION_KEY] = conversation.pk
    return redirect(f"{url}#message-{sent.message.pk}")


@require_http_methods(["GET", "POST"])
@program_view()
def conversation(request, membership: Membership, conversation_id: int):
    found = access.conversation_get_for_member(
        membership=membership, conversation_id=conversation_id
    )
    if request.method == "POST":
        form = MessageForm(request.POST)
        done = _send(request, membership, found, form)
        if done is not None:
            return done
    else:
        form = MessageForm(initial={"form_token": new_submission_key()})
    before_id = id_param(request.GET.get("before"))
    page = messages_page(conversation=found, before_id=before_id)
    if page.last_id:
        services.conversation_mark_read(
            conversation=found, membership=membership, up_to_id=page.last_id
        )
    show_crisis = False
    if request.method == "GET" and CRISIS_SESSION_KEY in request.session:
        show_crisis = request.session.pop(CRISIS_SESSION_KEY) == found.pk
    zone = viewer_time_zone(request, membership)
    return render(
        request,
        "messaging/conversation.html",
        {
            "membership": membership,
            "program": membership.program,
            "conversation": found,
            "title": conversation_title(found, membership),
            "page": page,
            "messages_shown": mark_actions(page.messages, membership, zone=zone),
            "latest": before_id is None,
            "form": form,
            "refusal": access.write_refusal(conversation=found, membership=membership),
            "show_crisis": show_crisis,
            "viewer_zone": zone,
            "poll_seconds": settings.MESSAGE_POLL_SECONDS,
        },
    )


@require_GET
@program_view()
def poll(request, membership: Membership, conversation_id: int):
    """New messages after `?after=<id>` for the open page (htmx appends them): 204 when there
    are none. They count as read: the person has them on screen."""
    found = access.conversation_get_for_member(
        membership=membership, conversation_id=conversation_id
    )
    after_id = id_param(request.GET.get("after")) or 0
    new = messages_after(conversation=found, after_id=after_id)
    if not new:
        return HttpResponse(status=204)
    services.conversation_mark_read(conversation=found, membership=membership, up_to_id=new[-1].pk)
    zone = viewer_time_zone(request, membership)
    response = render(
        request,
        "messaging/_poll.html",
        {
            "program": membership.program,
            "conversation": found,
            "messages_shown": mark_actions(new, membership, zone=zone),
            "last_id": new[-1].pk,
            "viewer_zone": zone,
            "poll_seconds": settings.MESSAGE_POLL_SECONDS,
        },
    )
    # static/js/app.js appends only answers that carry this header (not a login page).
    response["X-Message-Poll"] = "1"
    return response


@require_http_methods(["GET", "POST"])
@program_view()
def delete(request, membership: Membership, message_id: int):
    """The author deletes their own message in its first 15 minutes (a confirm page without
    JavaScript)."""
    message = access.message_get_for_member(
        membership=membership, message_id=message_id, for_action="delete"
    )
    url = services.conversation_url(message.conversation, membership.program.slug)
    if request.method == "POST":
        try:
            services.message_delete(message=message, by=membership)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your message is deleted."))
        return redirect(url)
    return render(
        request,
        "messaging/delete.html",
        {
            "membership": membership,
            "program": membership.program,
            "message": mark_actions([message], membership)[0],
            "back_url": url,
            "viewer_zone": viewer_time_zone(request, membership),
        },
    )
