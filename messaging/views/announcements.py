"""Announcements: coordinators post them and see how many people received and dismissed
each; every recipient sees them on their home until they dismiss them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role
from accounts.services import DUPLICATE_SUBMISSION, new_submission_key

from .. import services
from ..forms.announcements import AnnouncementForm
from ..selectors.announcements import announcement_get_for_recipient, announcements_posted


def _context(membership: Membership, **extra) -> dict:
    return {"membership": membership, "program": membership.program, **extra}


@require_GET
@program_view(Role.COORDINATOR)
def index(request, membership: Membership):
    page = announcements_posted(program=membership.program, page=request.GET.get("page"))
    return render(request, "messaging/announcements/index.html", _context(membership, page=page))


@require_http_methods(["GET", "POST"])
@program_view(Role.COORDINATOR)
def new(request, membership: Membership):
    if request.method == "POST":
        form = AnnouncementForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                announcement = services.announcement_post(
                    by=membership, submission_key=data.pop("form_token"), **data
                )
            except ValidationError as exc:
                if getattr(exc, "code", None) != DUPLICATE_SUBMISSION:
                    form.add_error(None, exc)
                else:
                    messages.info(request, _("This announcement was already posted."))
                    return redirect("announcements:index", program_slug=membership.program.slug)
            else:
                count = announcement.recipient_count
                messages.success(
                    request,
                    ngettext(
                        "“%(title)s” is posted for %(count)s person.",
                        "“%(title)s” is posted for %(count)s people.",
                        count,
                    )
                    % {"title": announcement.title, "count": count},
                )
                return redirect("announcements:index", program_slug=membership.program.slug)
    else:
        form = AnnouncementForm(initial={"form_token": new_submission_key()})
    return render(
        request,
        "messaging/announcements/new.html",
        _context(membership, form=form),
        status=400 if form.errors else 200,
    )


@require_POST
@program_view()
def dismiss(request, membership: Membership, announcement_id: int):
    announcement = announcement_get_for_recipient(
        membership=membership, announcement_id=announcement_id
    )
    services.announcement_dismiss(recipient_membership=membership, announcement=announcement)
    return redirect("program_home", program_slug=membership.program.slug)
