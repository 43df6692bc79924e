"""The coordinators' safety and supervision pages: the "needs attention" queue, marking an
item handled, and supervision per mentor. Figures and facts only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.decorators import program_view
from accounts.models import Membership, Role
from audit.models import Action
from audit.services import audit_record_many

from ..forms.attention import FollowUpForm
from ..models import AttentionKind
from ..selectors.attention import (
    attention_already_handled,
    attention_item_get,
    attention_page,
    attention_recently_handled,
)
from ..selectors.supervision import supervision_page
from ..services.attention import attention_mark_handled
from .common import add_service_errors, member_context


@program_view(Role.COORDINATOR)
def attention_queue(request, membership: Membership):
    program = membership.program
    kind = request.GET.get("kind", "")
    kind = kind if kind in AttentionKind.values else ""
    page, counts = attention_page(program=program, page_number=request.GET.get("page"), kind=kind)
    audit_record_many(
        action=Action.VIEW,
        actor=membership,
        records=[(item.member, ("attention", None)) for item in page.object_list if item.member],
        request=request,
    )
    return render(
        request,
        "mentoring/coordinator/attention.html",
        member_context(
            membership,
            page=page,
            kind=kind,
            kinds=[(value, label, counts[value]) for value, label in AttentionKind.choices],
            total=sum(counts.values()),
            recent=attention_recently_handled(program=program),
            no_meeting_days=program.setting("flag_no_meeting_days"),
        ),
    )


@program_view(Role.COORDINATOR)
def attention_handled(request, membership: Membership, kind: str, subject_id: int):
    program = membership.program
    try:
        item = attention_item_get(program=program, kind=kind, subject_id=subject_id)
    except Http404:
        if request.method == "POST" and attention_already_handled(
            program=program, kind=kind, subject_id=subject_id
        ):
            # A double post, or another coordinator was quicker: no error page.
            messages.info(request, _("This has already been handled."))
            return redirect("attention:queue", program_slug=program.slug)
        raise
    form = FollowUpForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                attention_mark_handled(
                    coordinator=membership, item=item, note=form.cleaned_data["note"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Marked handled: %(what)s (%(name)s).")
                    % {"what": item.label, "name": item.member.user.display_name},
                )
                return redirect("attention:queue", program_slug=program.slug)
        status = 400
    return render(
        request,
        "mentoring/coordinator/attention_handled.html",
        member_context(membership, item=item, form=form),
        status=status,
    )


@program_view(Role.COORDINATOR)
def supervision(request, membership: Membership):
    page, months = supervision_page(program=membership.program, page_number=request.GET.get("page"))
    return render(
        request,
        "mentoring/coordinator/supervision.html",
        member_context(
            membership,
            page=page,
            months=months,
            late_days=membership.program.setting("late_log_days"),
        ),
    )
