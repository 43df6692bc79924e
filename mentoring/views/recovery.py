"""Recovery time: an optional start date, the days-in-recovery counter with milestones, and
logging a return to use, which keeps the whole history and tells nobody unless asked to."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role

from .. import services
from ..forms.recovery import RecoverySettingsForm, RecoveryStartForm, ReturnToUseForm
from ..selectors.recovery import RECOVERY_MILESTONE_DAYS, recovery_summary


def _milestones(recovery: dict) -> list[dict]:
    """The milestones reached so far and the next one, for the list on the page."""
    if recovery["current_days"] is None:
        return []
    days = recovery["current_days"]
    upcoming = recovery["next_milestone"]
    every = RECOVERY_MILESTONE_DAYS + [365 * years for years in range(2, 61)]
    return [
        {"days": milestone, "reached": milestone <= days}
        for milestone in every
        if milestone <= days or milestone == upcoming
    ]


def _index_page(request, membership: Membership, *, start_form=None, settings_form=None):
    recovery = recovery_summary(membership=membership)
    current = recovery["current"]
    for period in recovery["earlier"]:
        period.length_days = (period.ended_on - period.started_on).days
    if start_form is None:
        start_form = RecoveryStartForm(
            initial={"started_on": current.started_on} if current else None
        )
    if settings_form is None:
        settings_form = RecoverySettingsForm(
            initial=RecoverySettingsForm.initial_from(recovery["settings"])
        )
    context = {
        "membership": membership,
        "program": membership.program,
        "recovery": recovery,
        "milestones": _milestones(recovery),
        "start_form": start_form,
        "settings_form": settings_form,
    }
    return render(request, "mentoring/recovery/index.html", context)


@require_http_methods(["GET"])
@program_view(Role.MENTEE)
def index(request, membership: Membership):
    return _index_page(request, membership)


@require_POST
@program_view(Role.MENTEE)
def start(request, membership: Membership):
    form = RecoveryStartForm(request.POST)
    if form.is_valid():
        try:
            services.recovery_start(membership=membership, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your recovery start date is saved."))
            return redirect("recovery:index", program_slug=membership.program.slug)
    return _index_page(request, membership, start_form=form)


@require_POST
@program_view(Role.MENTEE)
def settings(request, membership: Membership):
    form = RecoverySettingsForm(request.POST)
    if form.is_valid():
        services.recovery_settings_update(membership=membership, **form.cleaned_data)
        messages.success(request, _("Your choices are saved."))
        return redirect("recovery:index", program_slug=membership.program.slug)
    return _index_page(request, membership, settings_form=form)


@require_http_methods(["GET", "POST"])
@program_view(Role.MENTEE)
def return_to_use(request, membership: Membership):
    recovery = recovery_summary(membership=membership)
    if request.method == "POST":
        form = ReturnToUseForm(request.POST)
        if form.is_valid():
            try:
                ended = services.recovery_return_to_use(membership=membership, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you for writing it down. A return to use doesn't erase your "
                        "progress. Your earlier time still counts."
                    ),
                )
                if ended.told_mentor:
                    messages.info(request, _("Your mentor has been told, as you asked."))
                elif form.cleaned_data["tell_mentor"]:
                    messages.info(
                        request,
                        _(
                            "You don't have a mentor right now, so nobody was told. A mentor "
                            "you are paired with later won't see it either."
                        ),
                    )
                return redirect("recovery:index", program_slug=membership.program.slug)
    else:
        form = ReturnToUseForm(initial={"on": services.local_today(membership)})
    context = {
        "membership": membership,
        "program": membership.program,
        "recovery": recovery,
        "form": form,
    }
    return render(request, "mentoring/recovery/return.html", context)
