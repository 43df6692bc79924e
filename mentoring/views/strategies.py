"""The strategies library (lived experience): mentors write and share coping strategies,
coordinators curate the program library, mentees keep what was shared in "My toolkit"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role
from accounts.params import id_param
from audit.models import Action
from audit.services import audit_record_many
from matching import selectors as matching_selectors

from .. import access, services
from ..forms.strategies import CategoryFilterForm, StrategyForm
from ..models import StrategyCategory
from ..selectors.mentor import current_mentees
from ..selectors.strategies import (
    attach_share_targets,
    personal_strategies_for_mentee,
    personal_strategies_shared_with_mentor,
    strategies_for_member,
    toolkit_for_mentee,
    toolkit_share,
)
from .common import member_context, safe_next


def _index_url(membership: Membership) -> str:
    return reverse("strategies:index", kwargs={"program_slug": membership.program.slug})


# PAGES


@program_view()
def index(request, membership: Membership):
    filter_form = CategoryFilterForm(request.GET or None)
    category = filter_form.category_value() if request.GET else ""
    context = member_context(
        membership,
        filter_form=filter_form,
        category=category,
        category_label=dict(StrategyCategory.choices).get(category, ""),
        next_url=request.get_full_path(),
    )
    if membership.is_mentee:
        context["toolkit"] = toolkit_for_mentee(membership=membership, category=category)
        context["mine"] = personal_strategies_for_mentee(membership=membership, category=category)
        return render(request, "mentoring/strategies/toolkit.html", context)
    mentees = current_mentees(mentor=membership) if membership.is_mentor else []
    strategies = strategies_for_member(membership=membership, category=category, mentees=mentees)
    if membership.is_coordinator:
        context["library"] = [s for s in strategies if s.in_library]
        context["not_in_library"] = [s for s in strategies if not s.in_library]
    else:
        context["library"] = [s for s in strategies if s.in_library]
        context["mine"] = [
            s for s in strategies if s.author_id == request.user.pk and not s.in_library
        ]
    context["mentees"] = mentees
    if membership.is_mentor:
        shared = personal_strategies_shared_with_mentor(membership=membership, category=category)
        context["from_mentees"] = shared
        # The mentees' own words, read by their mentor: one audit row each, in one INSERT.
        audit_record_many(
            action=Action.VIEW,
            actor=membership,
            records=[(strategy.membership, strategy) for strategy in shared],
            request=request,
        )
    return render(request, "mentoring/strategies/index.html", context)


@program_view()
def detail(request, membership: Membership, strategy_id: int):
    strategy = access.strategy_get_for_member(membership=membership, strategy_id=strategy_id)
    share = None
    if membership.is_mentee:
        share = toolkit_share(membership=membership, strategy=strategy)
    mentees = current_mentees(mentor=membership) if membership.is_mentor else []
    attach_share_targets([strategy], mentees=mentees)
    return render(
        request,
        "mentoring/strategies/detail.html",
        member_context(
            membership,
            strategy=strategy,
            share=share,
            next_url=request.get_full_path(),
        ),
    )


@program_view(Role.MENTOR, Role.COORDINATOR)
def new(request, membership: Membership):
    if request.method == "POST":
        form = StrategyForm(request.POST)
        if form.is_valid():
            try:
                strategy = services.strategy_create(author=membership, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("“%(title)s” is saved.") % {"title": strategy.title})
                return redirect(_index_url(membership))
    else:
        form = StrategyForm(initial={"category": request.GET.get("category", "")})
    return render(
        request,
        "mentoring/strategies/form.html",
        member_context(membership, form=form, strategy=None),
        status=400 if form.errors else 200,
    )


@program_view(Role.MENTOR, Role.COORDINATOR)
def edit(request, membership: Membership, strategy_id: int):
    strategy = access.strategy_get_for_member(
        membership=membership, strategy_id=strategy_id, for_write=True
    )
    if request.method == "POST":
        form = StrategyForm(request.POST)
        if form.is_valid():
            try:
                services.strategy_update(strategy=strategy, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(_index_url(membership))
    else:
        form = StrategyForm(initial=StrategyForm.initial_from(strategy))
    return render(
        request,
        "mentoring/strategies/form.html",
        member_context(membership, form=form, strategy=strategy),
        status=400 if form.errors else 200,
    )


@require_POST
@program_view(Role.MENTOR, Role.COORDINATOR)
def archive(request, membership: Membership, strategy_id: int):
    strategy = access.strategy_get_for_member(
        membership=membership, strategy_id=strategy_id, for_write=True
    )
    services.strategy_archive(strategy=strategy)
    messages.success(
        request,
        _("“%(title)s” is archived. Toolkits that had it no longer show it.")
        % {"title": strategy.title},
    )
    return redirect(_index_url(membership))


@require_POST
@program_view(Role.MENTOR)
def share(request, membership: Membership, strategy_id: int):
    strategy = access.strategy_get_for_member(membership=membership, strategy_id=strategy_id)
    back = safe_next(request, _index_url(membership))
    try:
        mentee_id = id_param(request.POST.get("mentee"))
        if mentee_id is None:
            raise Http404
        mentee = matching_selectors.mentee_get_for_mentor(mentor=membership, mentee_id=mentee_id)
    except Http404:
        messages.error(request, _("You can share strategies with your current mentees only."))
        return redirect(back)
    try:
        services.strategy_share(strategy=strategy, mentee=mentee, by=membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("“%(title)s” is in %(name)s's toolkit.")
            % {"title": strategy.title, "name": mentee.user.display_name},
        )
    return redirect(back)


@require_POST
@program_view(Role.COORDINATOR)
def library(request, membership: Membership, strategy_id: int):
    strategy = access.strategy_get_for_member(
        membership=membership, strategy_id=strategy_id, for_write=True
    )
    in_library = request.POST.get("in_library") == "1"
    try:
        services.strategy_set_in_library(strategy=strategy, by=membership, in_library=in_library)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if in_library:
            message = _("“%(title)s” is in the program library.")
        else:
            message = _("“%(title)s” is no longer in the program library.")
        messages.success(request, message % {"title": strategy.title})
    return redirect(safe_next(request, _index_url(membership)))
