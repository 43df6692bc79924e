"""The bell's pages: the list, mark read, preferences, and the email unsubscribe link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from .forms import ChannelsForm, CheckinReminderForm, SettingsForm
from .kinds import KINDS, Channel
from .rendering import unsubscribe_token_read
from .selectors import (
    checkin_reminders_for_user,
    notification_get_for_user,
    notifications_for_user,
    preference_channels,
    settings_for_user,
    user_exists,
)
from .services import (
    checkin_reminder_set,
    notification_mark_read,
    notifications_mark_all_read,
    preference_set,
    settings_set,
    unsubscribe,
)

PAGE_SIZE = 50


@login_required
def notification_list(request):
    page = Paginator(notifications_for_user(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/list.html", {"page": page})


@login_required
def notification_open(request, notification_id: int):
    """Where emails and texts link to: marks it read and goes to what it is about."""
    notification = notification_get_for_user(user=request.user, notification_id=notification_id)
    notification_mark_read(notification=notification)
    if url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}):
        return redirect(notification.url)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read(request, notification_id: int):
    notification = notification_get_for_user(user=request.user, notification_id=notification_id)
    notification_mark_read(notification=notification)
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.url)
    return redirect("notifications:list")


@login_required
@require_POST
def notifications_read_all(request):
    notifications_mark_all_read(user=request.user)
    messages.success(request, _("All notifications are marked read."))
    return redirect("notifications:list")


def _reminder_forms(request, data=None):
    return [
        (
            reminder,
            CheckinReminderForm(
                data,
                prefix=f"reminder-{reminder.membership_id}",
                initial={
                    "enabled": reminder.enabled,
                    "local_time": reminder.local_time,
                    "days": reminder.days,
                },
            ),
        )
        for reminder in checkin_reminders_for_user(user=request.user)
    ]


@login_required
def notification_settings(request):
    user = request.user
    current = settings_for_user(user=user)
    channels = preference_channels(user=user)
    sms_ready = bool(current.phone_number and current.sms_opt_in)
    data = request.POST if request.method == "POST" else None
    settings_form = SettingsForm(
        data,
        prefix="settings",
        initial={
            "quiet_start": current.quiet_start,
            "quiet_end": current.quiet_end,
            "phone_number": current.phone_number,
            "sms_opt_in": current.sms_opt_in,
        },
    )
    channels_form = ChannelsForm(data, prefix="kind", channels=channels, sms_ready=sms_ready)
    reminder_forms = _reminder_forms(request, data)
    if request.method == "POST":
        forms_valid = [settings_form.is_valid(), channels_form.is_valid()] + [
            form.is_valid() for _reminder, form in reminder_forms
        ]
        sms_now = bool(
            settings_form.is_valid()
            and settings_form.cleaned_data["phone_number"]
            and settings_form.cleaned_data["sms_opt_in"]
        )
        if channels_form.is_valid() and not sms_now:
            for code, channel in channels_form.cleaned_data.items():
                if channel == Channel.SMS:
                    channels_form.add_error(
                        code, _("Add a phone number and turn on text messages first.")
                    )
                    forms_valid.append(False)
        if all(forms_valid):
            _save_settings(user, settings_form, channels_form, reminder_forms, channels)
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:settings")
    return render(
        request,
        "notifications/settings.html",
        {
            "settings_form": settings_form,
            "channels_form": channels_form,
            "reminder_forms": reminder_forms,
        },
    )


@transaction.atomic
def _save_settings(user, settings_form, channels_form, reminder_forms, channels):
    settings_set(user=user, **settings_form.cleaned_data)
    for code, channel in channels_form.cleaned_data.items():
        if channel != channels.get(code) or code not in channels:
            preference_set(user=user, kind=code, channel=channel)
    for reminder, form in reminder_forms:
        checkin_reminder_set(membership=reminder.membership, **form.cleaned_data)


@csrf_exempt  # mail clients post the one-click unsubscribe without a session or token
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token: str):
    try:
        user_id, kind = unsubscribe_token_read(token)
        if kind not in KINDS or not user_exists(user_id=user_id):
            raise signing.BadSignature("unknown")
    except signing.BadSignature:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    context = {"kind": KINDS[kind], "token": token}
    if request.method == "POST":
        unsubscribe(token)
        return render(request, "notifications/unsubscribe_done.html", context)
    return render(request, "notifications/unsubscribe.html", context)
