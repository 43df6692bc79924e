"""Intake pages: a mentee or mentor answers their own; coordinators see how complete every
intake is and can fill one in for a member."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.decorators import program_view
from accounts.models import Membership, Role
from accounts.pagination import paginate

from .. import selectors, services
from ..forms import IntakeFilterForm, IntakeForm
from ..models import DAY_PARTS
from .common import add_service_errors, availability_rows, coordinator_page, member_context

# A MEMBER'S OWN INTAKE


@program_view(Role.MENTEE, Role.MENTOR)
def intake(request, membership: Membership):
    current = services.intake_for(membership=membership)
    if request.method == "POST":
        form = IntakeForm(request.POST, for_mentor=membership.is_mentor)
        if form.is_valid():
            try:
                services.intake_save(membership=membership, by=request.user, data=form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your answers are saved. Thank you."))
                return redirect("program_home", program_slug=membership.program.slug)
    else:
        form = IntakeForm(for_mentor=membership.is_mentor, initial=IntakeForm.initial_from(current))
    other_fields = [
        form[name]
        for name in form.fields
        if name not in ("availability", *IntakeForm.MENTOR_FIELDS)
    ]
    mentor_fields = [form[name] for name in IntakeForm.MENTOR_FIELDS if name in form.fields]
    return render(
        request,
        "matching/member/intake.html",
        member_context(
            membership,
            form=form,
            intake=current,
            other_fields=other_fields,
            mentor_fields=mentor_fields,
            availability_rows=availability_rows(form["availability"]),
            day_parts=DAY_PARTS,
        ),
    )


# COORDINATORS


@program_view(Role.COORDINATOR)
def intakes(request, membership: Membership):
    filter_form = IntakeFilterForm(request.GET)
    listing = paginate(
        request, selectors.intake_search(program=membership.program, **filter_form.values())
    )
    return coordinator_page(
        request,
        "intakes.html",
        membership,
        filter_form=filter_form,
        listing=listing,
        rows=selectors.intake_rows(listing.page.object_list),
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
                add_service_errors(form, exc)
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
    return coordinator_page(request, "intake_edit.html", membership, member=member, form=form)
