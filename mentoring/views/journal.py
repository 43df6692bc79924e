"""The private journal. Only its author ever reads an entry: every lookup goes through
mentoring.access with the author's membership, which returns nothing of anybody else's (not
even the author's entries in another program)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import program_view
from accounts.models import Membership, Role
from accounts.services import DUPLICATE_SUBMISSION, new_submission_key

from .. import access, services
from ..forms.journal import JournalEntryForm, NewJournalEntryForm
from ..selectors.journal import journal_entries
from .common import member_context

ENTRIES_PER_PAGE = 20


@require_http_methods(["GET", "POST"])
@program_view(Role.MENTEE)
def index(request, membership: Membership):
    if request.method == "POST":
        form = NewJournalEntryForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.journal_create(
                    membership=membership, submission_key=data.pop("form_token"), **data
                )
            except ValidationError as exc:
                if getattr(exc, "code", None) != DUPLICATE_SUBMISSION:
                    form.add_error(None, exc)
                else:
                    messages.info(request, _("This entry was already saved."))
                    return redirect("journal:index", program_slug=membership.program.slug)
            else:
                messages.success(request, _("Saved to your journal."))
                return redirect("journal:index", program_slug=membership.program.slug)
    else:
        form = NewJournalEntryForm(initial={"form_token": new_submission_key()})
    page = Paginator(journal_entries(membership=membership), ENTRIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "mentoring/journal/index.html", member_context(membership, form=form, page=page)
    )


@require_http_methods(["GET"])
@program_view(Role.MENTEE)
def detail(request, membership: Membership, entry_id: int):
    entry = access.journal_entry_get_for_member(membership=membership, entry_id=entry_id)
    return render(request, "mentoring/journal/detail.html", member_context(membership, entry=entry))


@require_http_methods(["GET", "POST"])
@program_view(Role.MENTEE)
def edit(request, membership: Membership, entry_id: int):
    entry = access.journal_entry_get_for_member(membership=membership, entry_id=entry_id)
    if request.method == "POST":
        form = JournalEntryForm(request.POST)
        if form.is_valid():
            try:
                services.journal_update(entry=entry, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Your entry is saved."))
                return redirect(
                    "journal:detail", program_slug=membership.program.slug, entry_id=entry.pk
                )
    else:
        form = JournalEntryForm(initial=JournalEntryForm.initial_from(entry))
    return render(
        request, "mentoring/journal/edit.html", member_context(membership, entry=entry, form=form)
    )


@require_http_methods(["GET", "POST"])
@program_view(Role.MENTEE)
def delete(request, membership: Membership, entry_id: int):
    entry = access.journal_entry_get_for_member(membership=membership, entry_id=entry_id)
    if request.method == "POST":
        services.journal_delete(entry=entry)
        messages.success(request, _("The entry is deleted."))
        return redirect("journal:index", program_slug=membership.program.slug)
    return render(request, "mentoring/journal/delete.html", member_context(membership, entry=entry))
