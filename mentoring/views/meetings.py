"""Meetings between a mentee and their mentor: propose, answer (confirm, another time,
cancel), the .ics file, the mentor's log with next steps, the mentee's reflection, checking off
action items and the private calendar feed link. Every time is entered and shown in the
viewer's own time zone."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role
from matching.models import Pairing

from .. import access, selectors_mentor, services
from ..calendar import meeting_ics
from ..forms_meetings import (
    DURATION_CHOICES,
    CancelForm,
    LogForm,
    NextStepFormSet,
    OtherTimeForm,
    ProposeForm,
    ReflectionForm,
)
from ..models import Meeting
from .habits import safe_next

PLANNED = (Meeting.Status.PROPOSED, Meeting.Status.CONFIRMED)
PAST_LIMIT = 50
NOTHING_SAVED = _("Nothing was saved. Please check the answers marked below.")


# HELPERS


def _zone_name(request, membership: Membership) -> str:
    profile = getattr(request.user, "profile", None)
    return profile.time_zone if profile else membership.program.time_zone


def _when(value, zone_name: str) -> str:
    return date_format(timezone.localtime(value, ZoneInfo(zone_name)), "D j M Y, H:i")


def _index_url(membership: Membership) -> str:
    return reverse("meetings:index", kwargs={"program_slug": membership.program.slug})


def _detail_url(membership: Membership, meeting: Meeting) -> str:
    slug = membership.program.slug
    return reverse("meetings:detail", kwargs={"program_slug": slug, "meeting_id": meeting.pk})


def _current_pairings(membership: Membership):
    """The viewer's current pairings in this program (the only ones meetings are planned in)."""
    side = "mentee" if membership.is_mentee else "mentor"
    return (
        Pairing.objects.filter(**{side: membership}, status__in=Pairing.CURRENT)
        .select_related("mentee__user__profile", "mentor__user__profile")
        .order_by("activated_at", "pk")
    )


def _other(pairing: Pairing, membership: Membership) -> Membership:
    return pairing.mentor if pairing.mentee_id == membership.pk else pairing.mentee


def _meeting(request, membership: Membership, meeting_id: int) -> Meeting:
    """A meeting of the viewer's in this program; anything else is 404."""
    meeting = access.meeting_get_for_user(user=request.user, meeting_id=meeting_id)
    if membership.pk not in (meeting.pairing.mentee_id, meeting.pairing.mentor_id):
        raise Http404
    return meeting


def _decorate(meetings, membership: Membership, user) -> list[Meeting]:
    """Display helpers on each meeting: the other person and who must answer."""
    for meeting in meetings:
        other = _other(meeting.pairing, membership)
        meeting.other_name = other.user.display_name
        meeting.awaiting_me = meeting.awaiting_id == user.pk
        meeting.ends_at = meeting.starts_at + timedelta(minutes=meeting.duration_minutes)
        meeting.viewer_is_mentor = meeting.pairing.mentor_id == membership.pk
    return list(meetings)


def _add_service_errors(form, exc: ValidationError, field_map: dict[str, str]) -> None:
    if hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            field = field_map.get(key, key)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _warn_overlaps(request, membership: Membership, overlaps: list[Meeting], zone: str) -> None:
    """A warning, not a refusal. The mentee is told the mentor is busy, never with whom."""
    if not overlaps:
        return
    overlaps = list(
        Meeting.objects.filter(pk__in=[m.pk for m in overlaps])
        .select_related("pairing__mentee__user__profile")
        .order_by("starts_at")
    )
    if membership.is_mentor:
        names = "; ".join(
            _("%(name)s on %(when)s")
            % {"name": m.pairing.mentee.user.display_name, "when": _when(m.starts_at, zone)}
            for m in overlaps
        )
        messages.warning(
            request,
            _("This overlaps with your meeting with %(overlaps)s. It was saved anyway.")
            % {"overlaps": names},
        )
    else:
        times = "; ".join(_when(m.starts_at, zone) for m in overlaps)
        messages.warning(
            request,
            _(
                "Your mentor already has another meeting at that time (%(times)s). It was saved; "
                "they may propose another time."
            )
            % {"times": times},
        )


# PAGES


@program_view(Role.MENTEE, Role.MENTOR)
def index(request, membership: Membership):
    user = request.user
    now = timezone.now()
    side, other_side = ("mentee", "mentor") if membership.is_mentee else ("mentor", "mentee")
    mine = (
        access.meetings_visible_to(user)
        .filter(pairing__program_id=membership.program_id)
        .filter(**{f"pairing__{side}": membership})
        # Only the other person: the list shows their name, and a page of 50 past meetings
        # built three more objects per row for the viewer's own membership, user and profile.
        .select_related(f"pairing__{other_side}__user__profile")
        # The list never shows these long texts; the meeting's own page does.
        .defer("narrative", "agenda", "pairing__reasons")
    )
    upcoming = _decorate(
        mine.filter(status__in=PLANNED, starts_at__gte=now).order_by("starts_at"), membership, user
    )
    upcoming.sort(key=lambda m: (not (m.awaiting_me and m.status == Meeting.Status.PROPOSED),))
    past = _decorate(
        mine.exclude(status__in=PLANNED, starts_at__gte=now).order_by("-starts_at")[:PAST_LIMIT],
        membership,
        user,
    )
    pairings = list(_current_pairings(membership))
    late = []
    if membership.is_mentor:
        late = _late_documentation(membership, now)
    return render(
        request,
        "mentoring/meetings/index.html",
        {
            "membership": membership,
            "program": membership.program,
            "viewer_zone": _zone_name(request, membership),
            "upcoming": upcoming,
            "past": past,
            "past_limit": PAST_LIMIT,
            "pairings": [(p, _other(p, membership)) for p in pairings],
            "late": late,
            "action_items": selectors_mentor.open_action_items(membership=membership),
            "cancel_form": CancelForm(),
        },
    )


def _late_documentation(membership: Membership, now) -> list[dict]:
    """Pairings that ended recently: their mentor may still document contacts for a while."""
    days = membership.program.setting("late_log_days")
    pairings = list(
        Pairing.objects.filter(
            mentor=membership,
            status=Pairing.Status.ENDED,
            closed_at__gte=now - timedelta(days=days),
        ).select_related("mentee__user__profile")
    )
    if not pairings:
        return []
    unlogged: dict[int, list[Meeting]] = {}
    for meeting in Meeting.objects.filter(
        pairing__in=pairings, logged_at__isnull=True, status__in=PLANNED, starts_at__lt=now
    ).order_by("starts_at"):
        unlogged.setdefault(meeting.pairing_id, []).append(meeting)
    return [
        {
            "pairing": p,
            "name": p.mentee.user.display_name,
            "until": p.closed_at + timedelta(days=days),
            "meetings": unlogged.get(p.pk, []),
        }
        for p in pairings
    ]


@program_view(Role.MENTEE, Role.MENTOR)
def new(request, membership: Membership):
    zone = _zone_name(request, membership)
    pairings = list(_current_pairings(membership))
    choices = [(p.pk, _other(p, membership).user.display_name) for p in pairings]
    form = None
    if request.method == "POST":
        posted = request.POST.get("pairing") or (pairings[0].pk if len(pairings) == 1 else None)
        pairing = _pairing_posted(membership, posted)
        data = request.POST.copy()
        data["pairing"] = str(pairing.pk)
        form = ProposeForm(data, zone_name=zone, pairing_choices=choices)
        if form.is_valid():
            try:
                meeting, overlaps = services.meeting_propose(
                    pairing=pairing,
                    by=request.user,
                    agenda=form.cleaned_data["agenda"],
                    **form.slot_kwargs(),
                )
            except ValidationError as exc:
                _add_service_errors(form, exc, ProposeForm.SERVICE_FIELDS)
            else:
                messages.success(
                    request,
                    _("Meeting proposed. %(name)s can confirm it or propose another time.")
                    % {"name": _other(pairing, membership).user.display_name},
                )
                _warn_overlaps(request, membership, overlaps, zone)
                return redirect(_detail_url(membership, meeting))
        messages.error(request, NOTHING_SAVED)
    elif pairings:
        initial = {}
        wanted = request.GET.get("pairing", "")
        if wanted.isdigit() and int(wanted) in {p.pk for p in pairings}:
            initial["pairing"] = int(wanted)
        form = ProposeForm(initial=initial, zone_name=zone, pairing_choices=choices)
    return render(
        request,
        "mentoring/meetings/new.html",
        {
            "membership": membership,
            "program": membership.program,
            "form": form,
            "duration_choices": DURATION_CHOICES,
            "single_pairing_name": choices[0][1] if len(choices) == 1 else "",
        },
        status=400 if form is not None and form.errors else 200,
    )


def _pairing_posted(membership: Membership, value) -> Pairing:
    """The chosen pairing, only from the viewer's current pairings; anything else is 404."""
    if not str(value or "").isdigit():
        raise Http404
    pairing = _current_pairings(membership).filter(pk=int(value)).first()
    if pairing is None:
        raise Http404
    return pairing


@program_view(Role.MENTEE, Role.MENTOR)
def detail(request, membership: Membership, meeting_id: int):
    meeting = _meeting(request, membership, meeting_id)
    return _detail_page(request, membership, meeting)


def _detail_page(
    request,
    membership: Membership,
    meeting: Meeting,
    *,
    other_form: OtherTimeForm | None = None,
    cancel_form: CancelForm | None = None,
    reflection_form: ReflectionForm | None = None,
    status: int = 200,
):
    zone = _zone_name(request, membership)
    _decorate([meeting], membership, request.user)
    pairing = meeting.pairing
    other = _other(pairing, membership)
    other_zone = getattr(other.user, "profile", None)
    other_zone = other_zone.time_zone if other_zone else membership.program.time_zone
    now = timezone.now()
    current = pairing.status in Pairing.CURRENT
    planned = meeting.status in PLANNED
    is_mentee = pairing.mentee_id == membership.pk
    can_change = current and planned and meeting.starts_at > now
    if other_form is None and can_change:
        other_form = OtherTimeForm(
            initial=OtherTimeForm.initial_from(meeting, zone), zone_name=zone
        )
    if reflection_form is None and is_mentee and meeting.status == Meeting.Status.HELD:
        reflection_form = ReflectionForm(initial={"text": meeting.mentee_reflection})
    return render(
        request,
        "mentoring/meetings/detail.html",
        {
            "membership": membership,
            "program": membership.program,
            "meeting": meeting,
            "viewer_zone": zone,
            "other": other,
            "other_zone": other_zone if other_zone != zone else "",
            "is_mentee": is_mentee,
            "current": current,
            "can_confirm": can_change
            and meeting.status == Meeting.Status.PROPOSED
            and meeting.awaiting_id == request.user.pk,
            "can_change": can_change,
            "can_log": not is_mentee and meeting.starts_at <= now,
            "other_form": other_form,
            "cancel_form": cancel_form or (CancelForm() if can_change else None),
            "reflection_form": reflection_form,
            "action_items": list(
                meeting.action_items.select_related("assignee__user__profile").order_by(
                    "due_date", "pk"
                )
            ),
            "duration_choices": DURATION_CHOICES,
            "detail_url": _detail_url(membership, meeting),
        },
        status=status,
    )


@require_POST
@program_view(Role.MENTEE, Role.MENTOR)
def confirm(request, membership: Membership, meeting_id: int):
    meeting = _meeting(request, membership, meeting_id)
    if meeting.pairing.status not in Pairing.CURRENT:
        messages.error(request, _("This pairing has ended: the meeting can't be confirmed."))
        return redirect(_detail_url(membership, meeting))
    try:
        services.meeting_confirm(meeting=meeting, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Meeting confirmed. You can add it to your calendar with the .ics file.")
        )
    return redirect(safe_next(request, _detail_url(membership, meeting)))


@require_POST
@program_view(Role.MENTEE, Role.MENTOR)
def other_time(request, membership: Membership, meeting_id: int):
    meeting = _meeting(request, membership, meeting_id)
    zone = _zone_name(request, membership)
    if meeting.pairing.status not in Pairing.CURRENT:
        messages.error(request, _("This pairing has ended: no new time can be proposed."))
        return redirect(_detail_url(membership, meeting))
    form = OtherTimeForm(request.POST, zone_name=zone)
    if form.is_valid():
        try:
            meeting, overlaps = services.meeting_propose_other_time(
                meeting=meeting, by=request.user, **form.slot_kwargs()
            )
        except ValidationError as exc:
            _add_service_errors(form, exc, OtherTimeForm.SERVICE_FIELDS)
        else:
            messages.success(
                request,
                _("New time proposed. %(name)s can confirm it or propose another time.")
                % {"name": _other(meeting.pairing, membership).user.display_name},
            )
            _warn_overlaps(request, membership, overlaps, zone)
            return redirect(_detail_url(membership, meeting))
    messages.error(request, NOTHING_SAVED)
    meeting = _meeting(request, membership, meeting.pk)
    return _detail_page(request, membership, meeting, other_form=form, status=400)


@require_POST
@program_view(Role.MENTEE, Role.MENTOR)
def cancel(request, membership: Membership, meeting_id: int):
    meeting = _meeting(request, membership, meeting_id)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_cancel(
                meeting=meeting, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            _add_service_errors(form, exc, {})
        else:
            messages.success(
                request,
                _("Meeting cancelled. %(name)s sees your reason.")
                % {"name": _other(meeting.pairing, membership).user.display_name},
            )
            return redirect(safe_next(request, _detail_url(membership, meeting)))
    messages.error(request, NOTHING_SAVED)
    return _detail_page(request, membership, meeting, cancel_form=form, status=400)


@program_view(Role.MENTEE, Role.MENTOR)
def ics(request, membership: Membership, meeting_id: int):
    meeting = _meeting(request, membership, meeting_id)
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="peerpath-meeting-{meeting.pk}.ics"'
    patch_cache_control(response, private=True, no_store=True)
    return response


# THE MENTOR'S LOG


@program_view(Role.MENTOR)
def log(request, membership: Membership, meeting_id: int):
    meeting = access.meeting_get_for_late_log(user=request.user, meeting_id=meeting_id)
    if meeting.pairing.mentor_id != membership.pk:
        raise Http404
    return _log_page(request, membership, pairing=meeting.pairing, meeting=meeting)


@program_view(Role.MENTOR)
def log_new(request, membership: Membership, pairing_id: int):
    pairing = access.pairing_get_for_late_log(user=request.user, pairing_id=pairing_id)
    if pairing.mentor_id != membership.pk:
        raise Http404
    return _log_page(request, membership, pairing=pairing, meeting=None)


def _log_page(request, membership: Membership, *, pairing: Pairing, meeting: Meeting | None):
    zone = _zone_name(request, membership)
    mentee_name = pairing.mentee.user.display_name
    step_kwargs = {"mentee_name": mentee_name}
    status = 200
    if request.method == "POST":
        form = LogForm(request.POST, zone_name=zone)
        steps = NextStepFormSet(request.POST, prefix="next", form_kwargs=step_kwargs)
        if form.is_valid() and steps.is_valid():
            items = [item for item in (f.item() for f in steps) if item]
            target = {"meeting": meeting} if meeting is not None else {"pairing": pairing}
            try:
                logged = services.meeting_log(
                    by=request.user, action_items=items, **target, **form.service_kwargs()
                )
            except ValidationError as exc:
                _add_service_errors(form, exc, LogForm.SERVICE_FIELDS)
            else:
                text = _("Meeting logged.")
                if items:
                    text += " " + ngettext(
                        "%(count)s action item added.", "%(count)s action items added.", len(items)
                    ) % {"count": len(items)}
                messages.success(request, text)
                if pairing.status in Pairing.CURRENT:
                    return redirect(_detail_url(membership, logged))
                return redirect(_index_url(membership))
        messages.error(request, NOTHING_SAVED)
        status = 400
    else:
        form = LogForm(initial=LogForm.initial_from(meeting, zone), zone_name=zone)
        steps = NextStepFormSet(prefix="next", form_kwargs=step_kwargs)
    late_until = None
    if pairing.status not in Pairing.CURRENT and pairing.closed_at:
        late_until = pairing.closed_at + timedelta(days=pairing.program.setting("late_log_days"))
    return render(
        request,
        "mentoring/meetings/log.html",
        {
            "membership": membership,
            "program": membership.program,
            "pairing": pairing,
            "meeting": meeting,
            "mentee_name": mentee_name,
            "form": form,
            "steps": steps,
            "viewer_zone": zone,
            "late_until": late_until,
            "current": pairing.status in Pairing.CURRENT,
        },
        status=status,
    )


@require_POST
@program_view(Role.MENTEE)
def reflect(request, membership: Membership, meeting_id: int):
    meeting = _meeting(request, membership, meeting_id)
    form = ReflectionForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_reflect(
                meeting=meeting, by=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            _add_service_errors(form, exc, {})
        else:
            messages.success(request, _("Your reflection is saved. Thank you for sharing it."))
            return redirect(_detail_url(membership, meeting))
    messages.error(request, NOTHING_SAVED)
    return _detail_page(request, membership, meeting, reflection_form=form, status=400)


# ACTION ITEMS


@require_POST
@program_view(Role.MENTEE, Role.MENTOR)
def action_item_done(request, membership: Membership, item_id: int):
    item = access.action_item_get_for_assignee(user=request.user, item_id=item_id)
    if item.assignee_id != membership.pk:
        raise Http404
    home = reverse("program_home", kwargs={"program_slug": membership.program.slug})
    error = None
    try:
        services.action_item_set_done(item=item, by=request.user, done=True)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        return render(
            request,
            "mentoring/_action_items.html",
            {
                "action_items": selectors_mentor.open_action_items(membership=membership),
                "program": membership.program,
                "done_item": None if error else item,
                "error": error,
                "next_url": safe_next(request, home),
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("“%(title)s” is done. Well done.") % {"title": item.title})
    return redirect(safe_next(request, home))


# PRIVATE CALENDAR FEED


@program_view(Role.MENTEE, Role.MENTOR)
def calendar(request, membership: Membership):
    if request.method == "POST":
        services.calendar_feed_regenerate(user=request.user)
        messages.success(
            request,
            _(
                "Here is your new link. The old one no longer works: update it in your "
                "calendar app."
            ),
        )
        return redirect("meetings:calendar", program_slug=membership.program.slug)
    feed = services.calendar_feed_for(user=request.user)
    feed_url = request.build_absolute_uri(reverse("feed:ics", kwargs={"token": feed.token}))
    webcal_url = "webcal://" + feed_url.split("://", 1)[1]
    response = render(
        request,
        "mentoring/meetings/calendar.html",
        {
            "membership": membership,
            "program": membership.program,
            "feed_url": feed_url,
            "webcal_url": webcal_url,
        },
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
