"""A program's matching settings, for its coordinators."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.decorators import program_view
from accounts.models import Membership, Role

from .. import services
from ..forms import MatchingSettingsForm
from .common import add_service_errors, coordinator_page


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
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Matching settings saved."))
                return redirect("matching_coord:settings", program.slug)
        messages.error(request, _("Nothing was saved: please correct the fields marked below."))
    else:
        form = MatchingSettingsForm(initial=MatchingSettingsForm.initial_from(settings_row))
    weight_fields = [form[name] for name in form.fields if name.startswith("weight_")]
    other_fields = [form[name] for name in form.fields if not name.startswith("weight_")]
    return coordinator_page(
        request,
        "settings.html",
        membership,
        form=form,
        weight_fields=weight_fields,
        other_fields=other_fields,
    )
