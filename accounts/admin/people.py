"""People and programs. Who belongs to a program changes through the services (invitations,
enrollment, the coordinator's pages): memberships and invitations are read-only here."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .. import services
from ..models import FormSubmission, Invitation, Membership, Profile, Program, User
from .records import ReadOnlyInline, RecordAdmin


class ProfileInline(ReadOnlyInline, admin.StackedInline):
    """Profiles change through their own admin page, which calls `profile_update`."""

    model = Profile
    fields = ["display_name", "pronouns", "time_zone", "preferred_language"]


@admin.register(User)
class UserAdmin(RecordAdmin, BaseUserAdmin):
    str_is_safe = True
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "profile__display_name"]
    list_select_related = ["profile"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    readonly_fields = ["last_login", "date_joined"]

    def get_inlines(self, request, obj):
        return [ProfileInline] if obj is not None else []

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            # Every person has a profile from the start, as `create_user` makes sure.
            Profile.objects.get_or_create(user=obj)


@admin.register(Profile)
class ProfileAdmin(RecordAdmin):
    str_is_safe = True
    can_delete = False  # goes with its user
    list_display = ["display_name", "user", "time_zone", "preferred_language"]
    search_fields = ["display_name", "user__email"]
    list_select_related = ["user"]
    fields = [
        "user",
        "display_name",
        "pronouns",
        "time_zone",
        "preferred_language",
        "email_reminders",
        "email_updates",
    ]
    readonly_fields = ["user"]

    def has_add_permission(self, request):
        return False  # created with the user

    def save_model(self, request, obj, form, change):
        services.profile_update(
            user=obj.user, **{name: form.cleaned_data[name] for name in form.changed_data}
        )


class MembershipInline(ReadOnlyInline, admin.TabularInline):
    model = Membership
    fields = ["user", "role", "status", "joined_at"]


@admin.register(Program)
class ProgramAdmin(RecordAdmin):
    """A program's configuration is edited here; who belongs to it is not (invitations,
    enrollment and the coordinator's pages go through the services)."""

    str_is_safe = True
    list_display = ["name", "slug", "kind", "open_enrollment", "created_at"]
    search_fields = ["name", "slug", "description"]
    list_filter = ["kind", "open_enrollment"]
    prepopulated_fields = {"slug": ["name"]}
    # Coordinators open and close enrollment in the app (`program_update_enrollment`).
    readonly_fields = ["open_enrollment", "created_at"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(RecordAdmin):
    """Read-only: joining, leaving and pausing go through the services (invitations,
    enrollment, the coordinator's member pages). Deleting a membership erases the person's
    records in the program with it."""

    read_only = True
    str_is_safe = True
    list_display = ["user", "program", "role", "status", "joined_at", "privacy_acknowledged_at"]
    list_filter = ["role", "status", "program"]
    search_fields = ["user__email", "user__profile__display_name", "program__name"]
    list_select_related = ["user", "program"]
    fields = [
        "user",
        "program",
        "role",
        "status",
        "joined_at",
        "status_changed_at",
        "left_at",
        "privacy_notice_version",
        "privacy_acknowledged_at",
    ]


@admin.register(Invitation)
class InvitationAdmin(RecordAdmin):
    """Read-only: coordinators invite, resend and revoke in the app, which sends the email."""

    read_only = True
    can_delete = False
    str_is_safe = True
    list_display = ["email", "program", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role", "program"]
    search_fields = ["email", "program__name"]
    list_select_related = ["program"]
    fields = [
        "email",
        "program",
        "role",
        "invited_by",
        "created_at",
        "expires_at",
        "last_sent_at",
        "accepted_at",
        "accepted_by",
        "revoked_at",
    ]


@admin.register(FormSubmission)
class FormSubmissionAdmin(RecordAdmin):
    """One-time form keys: deleting one would let a form be sent twice."""

    read_only = True
    can_delete = False
    list_display = ["record", "user", "created_at"]
    search_fields = ["user__email", "key"]
    fields = ["user", "key", "created_at"]
