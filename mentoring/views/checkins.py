"""The mentee's daily check-in (one per day; a second submission updates it) and the mood and
craving trends over the last 30 or 90 days."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.decorators import program_view
from accounts.models import Membership, Role

from .. import services
from ..forms.checkins import CheckInForm
from ..models import Visibility
from ..selectors.checkins import checkin_today, checkins_recent
from .checkin_trends import MOOD_WORDS, checkin_trends
from .common import NOTHING_SAVED, add_service_errors, safe_next

RECENT_LIMIT = 14


def _index_url(membership: Membership) -> str:
    return reverse("checkins:index", kwargs={"program_slug": membership.program.slug})


@program_view(Role.MENTEE)
def index(request, membership: Membership):
    today_checkin = checkin_today(membership=membership)
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            kwargs = form.service_kwargs()
            try:
                services.checkin_record(membership=membership, **kwargs)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if today_checkin is not None:
                    messages.success(request, _("Updated today's check-in."))
                else:
                    messages.success(request, _("Thank you for checking in today."))
                if kwargs["wants_outreach"] and kwargs["visibility"] == Visibility.PRIVATE:
                    messages.warning(
                        request,
                        _(
                            "This check-in is private, so your mentor won't see that you'd "
                            "like them to reach out. Untick “Private” to share it."
                        ),
                    )
                return redirect(safe_next(request, _index_url(membership)))
        messages.error(request, NOTHING_SAVED)
    else:
        form = CheckInForm(initial=CheckInForm.initial_from(today_checkin))
    return render(
        request,
        "mentoring/checkins/index.html",
        {
            "membership": membership,
            "program": membership.program,
            "form": form,
            "today_checkin": today_checkin,
            **checkin_trends(request, membership=membership, viewer=membership),
            "recent": checkins_recent(membership=membership, viewer=membership, limit=RECENT_LIMIT),
            "mood_words": MOOD_WORDS,
        },
    )
