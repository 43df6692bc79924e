"""A mentee's own strategies in "My toolkit", under /p/<program_slug>/strategies/mine/: the
mentee adds, changes and deletes them; their current mentor reads the ones marked shared.
Every strategy is opened through mentoring.access (someone else's is 404, the mentor's
read-only view of a shared one is 403 for writing)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import program_view
from accounts.models import Membership, Role
from accounts.services import DUPLICATE_SUBMISSION, new_submission_key
from audit.models import Action
from audit.services import audit_record

from .. import access, services
from ..forms.strategies import NewPersonalStrategyForm, PersonalStrategyForm
from .common import NOTHING_SAVED, add_service_errors, member_context


def _toolkit_url(membership: Membership) -> str:
    return reverse("strategies:index", kwargs={"program_slug": membership.program.slug})


def _form_page(request, membership: Membership, form, strategy=None):
    if form.errors and not form.non_field_errors():
        form.add_error(None, NOTHING_SAVED)
    return render(
        request,
        "mentoring/strategies/personal_form.html",
        member_context(membership, form=form, strategy=strategy),
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@program_view(Role.MENTEE)
def new(request, membership: Membership):
    if request.method == "POST":
        form = NewPersonalStrategyForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.personal_strategy_create(
                    membership=membership, submission_key=data.pop("form_token"), **data
                )
            except ValidationError as exc:
                if getattr(exc, "code", None) != DUPLICATE_SUBMISSION:
                    add_service_errors(form, exc)
                else:
                    messages.info(request, _("This strategy was already saved."))
                    return redirect(_toolkit_url(membership))
            else:
                messages.success(request, _("Your strategy is in your toolkit."))
                return redirect(_toolkit_url(membership))
    else:
        form = NewPersonalStrategyForm(
            initial={
                "form_token": new_submission_key(),
                "category": request.GET.get("category", ""),
            }
        )
    return _form_page(request, membership, form)


@require_GET
@program_view(Role.MENTEE, Role.MENTOR)
def detail(request, membership: Membership, strategy_id: int):
    strategy = access.personal_strategy_get_for_member(
        membership=membership, strategy_id=strategy_id
    )
    if strategy.membership_id != membership.pk:
        # The mentor reads what their mentee shared: the mentee sees it under Access history.
        audit_record(
            action=Action.VIEW,
            actor=membership,
            subject=strategy.membership,
            record=strategy,
            request=request,
        )
    return render(
        request,
        "mentoring/strategies/personal_detail.html",
        member_context(membership, strategy=strategy),
    )


@require_http_methods(["GET", "POST"])
@program_view(Role.MENTEE)
def edit(request, membership: Membership, strategy_id: int):
    strategy = access.personal_strategy_get_for_member(
        membership=membership, strategy_id=strategy_id, for_write=True
    )
    if request.method == "POST":
        form = PersonalStrategyForm(request.POST)
        if form.is_valid():
            try:
                services.personal_strategy_update(strategy=strategy, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(_toolkit_url(membership))
    else:
        form = PersonalStrategyForm(initial=PersonalStrategyForm.initial_from(strategy))
    return _form_page(request, membership, form, strategy)


@require_http_methods(["GET", "POST"])
@program_view(Role.MENTEE)
def delete(request, membership: Membership, strategy_id: int):
    strategy = access.personal_strategy_get_for_member(
        membership=membership, strategy_id=strategy_id, for_write=True
    )
    if request.method == "POST":
        services.personal_strategy_delete(strategy=strategy)
        messages.success(request, _("The strategy is deleted."))
        return redirect(_toolkit_url(membership))
    return render(
        request,
        "mentoring/confirm_delete.html",
        member_context(
            membership,
            heading=_("Delete this strategy?"),
            what=_("“%(title)s” will be deleted from your toolkit for good.")
            % {"title": strategy.title},
            cancel_url=reverse(
                "strategies:mine_detail", args=[membership.program.slug, strategy.pk]
            ),
        ),
    )
