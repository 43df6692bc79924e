"""The rules every PeerPath model admin follows: `RecordAdmin`, `RecordRef`, `ReadOnlyInline`.

The admin goes through services and never shows what members wrote. Wherever Django would
print `str(obj)` (change and history titles, delete confirmations and their lists of
related records, row checkboxes, messages, autocomplete, the log of recent actions), a
record is named by its kind and number ("Goal #12") unless its admin says its `str()` holds
no member's words. Filters on free text are refused: which rows remain would tell."""

from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.admin.utils import NestedObjects, quote, unquote
from django.contrib.auth import get_permission_codename
from django.core.exceptions import FieldDoesNotExist
from django.db import models, router
from django.db.models.constants import LOOKUP_SEP
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


def str_is_safe(obj) -> bool:
    model_admin = admin.site._registry.get(type(obj))
    return bool(getattr(model_admin, "str_is_safe", False))


def record_label(obj) -> str:
    """How the admin names a record: its kind and number, or its `str()` when that is safe."""
    if str_is_safe(obj):
        return str(obj)
    return f"{capfirst(obj._meta.verbose_name)} #{obj.pk}"


class RecordRef:
    """Stands in for a record in admin templates and logs: everything but its text."""

    def __init__(self, obj):
        self._obj = obj

    def __str__(self) -> str:
        return record_label(self._obj)

    def __getattr__(self, name):
        return getattr(self._obj, name)


FREE_TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def reaches_free_text(model, lookup: str) -> bool:
    """Whether a changelist filter (`?goal__title__icontains=...`) ends on words someone
    wrote: which rows remain would tell an operator what they say."""
    for part in lookup.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False  # a lookup or transform (icontains, year...): the path has ended
        if field.is_relation:
            if field.related_model is None:
                return False
            model = field.related_model
            continue
        return isinstance(field, FREE_TEXT_FIELDS) and not field.choices
    return False


def deleted_records(objs, request, admin_site):
    """Django's `get_deleted_objects`, naming each record with `record_label`.

    A record that goes with a person (their goals, pairings, habit logs...) needs the model
    permission to delete it, not the admin's own delete button: a pairing cannot be deleted
    on its own, but erasing the person takes it with them."""
    objs = list(objs)
    if not objs:
        return [], {}, set(), []
    collector = NestedObjects(using=router.db_for_write(objs[0]._meta.model), origin=objs)
    collector.collect(objs)
    perms_needed = set()

    def format_callback(obj):
        opts = obj._meta
        name = str(obj) if str_is_safe(obj) else f"#{obj.pk}"
        if not admin_site.is_registered(type(obj)):
            return f"{capfirst(opts.verbose_name)}: {name}"
        codename = get_permission_codename("delete", opts)
        if not request.user.has_perm(f"{opts.app_label}.{codename}"):
            perms_needed.add(opts.verbose_name)
        try:
            url = reverse(
                f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                args=(quote(obj.pk),),
            )
        except NoReverseMatch:
            return f"{capfirst(opts.verbose_name)}: {name}"
        return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, name)

    to_delete = collector.nested(format_callback)
    protected = [format_callback(obj) for obj in collector.protected]
    model_count = {
        model._meta.verbose_name_plural: len(found) for model, found in collector.model_objs.items()
    }
    return to_delete, model_count, perms_needed, protected


class RecordAdmin(admin.ModelAdmin):
    """The base of every PeerPath model admin.

    `read_only`: no add or change form; what changes a record is an admin action calling
    its service. `can_delete`: whether the record may be deleted on its own (nothing stored
    depends on it). `str_is_safe`: whether `str(obj)` may be shown (it holds no member's
    words)."""

    read_only = False
    can_delete = True
    str_is_safe = False

    def has_add_permission(self, request):
        return not self.read_only and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return not self.read_only and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.can_delete and super().has_delete_permission(request, obj)

    def lookup_allowed(self, lookup, value, request=None):
        if reaches_free_text(self.model, lookup):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_search_results(self, request, queryset, search_term):
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "autocomplete" and not self.str_is_safe:
            # The autocomplete endpoint answers with str(obj), for any foreign key of any
            # model: it finds nothing among records whose str() may hold a member's words.
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description=_("record"))
    def record(self, obj) -> str:
        return record_label(obj)

    def action_checkbox(self, obj):
        # Django labels each row's checkbox with str(obj).
        return super().action_checkbox(RecordRef(obj))

    def get_deleted_objects(self, objs, request):
        return deleted_records(objs, request, self.admin_site)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["subtitle"] = record_label(obj)
            context["original"] = RecordRef(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def render_delete_form(self, request, context):
        context["object"] = RecordRef(context["object"])
        return super().render_delete_form(request, context)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            extra_context = {
                "title": _("Change history: %s") % record_label(obj),
                "object": RecordRef(obj),
                **(extra_context or {}),
            }
        return super().history_view(request, object_id, extra_context)

    def response_delete(self, request, obj_display, obj_id):
        if not self.str_is_safe:
            obj_display = f"#{obj_id}"
        return super().response_delete(request, obj_display, obj_id)

    def log_record(self, request, objs, action_flag, message=""):
        return LogEntry.objects.log_actions(
            user_id=request.user.pk,
            queryset=[RecordRef(obj) for obj in objs],
            action_flag=action_flag,
            change_message=message,
        )

    def log_addition(self, request, obj, message):
        return self.log_record(request, [obj], ADDITION, message)[0]

    def log_change(self, request, obj, message):
        return self.log_record(request, [obj], CHANGE, message)[0]

    def log_deletions(self, request, queryset):
        return self.log_record(request, queryset, DELETION)


class ReadOnlyInline:
    """An inline that shows rows without offering to add, change or delete them."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
