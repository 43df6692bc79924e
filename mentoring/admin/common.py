"""What the mentoring admins share."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from accounts.admin import RecordAdmin

MEMBER_SEARCH = ["membership__user__email", "membership__user__profile__display_name"]
PAIRING_SEARCH = ["pairing__mentee__user__email", "pairing__mentor__user__email"]


def record_link(obj):
    """A related record by kind and number (never its text), linked to its admin page."""
    if obj is None:
        return "-"
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{} #{}</a>', url, capfirst(opts.verbose_name), obj.pk)


class MentoringAdmin(RecordAdmin):
    read_only = True
    can_delete = False
