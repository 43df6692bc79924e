from django.urls import path

from .views import (
    enrollment,
    invitations,
    invitations_bulk,
    memberships,
    people,
    program_settings,
    programs,
)

app_name = "accounts"

urlpatterns = [
    path("profile/", people.profile_edit, name="profile"),
    path("invite/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
    path(
        "join/<slug:program_slug>/<str:token>/",
        enrollment.enrollment_join,
        name="enrollment_join",
    ),
    path("p/<slug:program_slug>/privacy/", memberships.privacy_notice, name="privacy_notice"),
    path("p/<slug:program_slug>/help/", programs.program_help, name="program_help"),
    path("p/<slug:program_slug>/members/", memberships.members, name="members"),
    path("p/<slug:program_slug>/settings/", program_settings.general, name="settings"),
    path("p/<slug:program_slug>/settings/crisis/", program_settings.crisis, name="settings_crisis"),
    path(
        "p/<slug:program_slug>/settings/privacy/",
        program_settings.privacy,
        name="settings_privacy",
    ),
    path(
        "p/<slug:program_slug>/settings/changes/",
        program_settings.changes,
        name="settings_changes",
    ),
    path(
        "p/<slug:program_slug>/members/<int:member_id>/status/",
        memberships.member_status,
        name="member_status",
    ),
    path(
        "p/<slug:program_slug>/members/<int:member_id>/role/",
        memberships.member_role,
        name="member_role",
    ),
    path("p/<slug:program_slug>/invitations/", invitations.invitations, name="invitations"),
    path(
        "p/<slug:program_slug>/invitations/bulk/",
        invitations_bulk.bulk_invite,
        name="invitations_bulk",
    ),
    path(
        "p/<slug:program_slug>/invitations/<int:invitation_id>/<str:action>/",
        invitations.invitation_action,
        name="invitation_action",
    ),
    path(
        "p/<slug:program_slug>/enrollment/",
        enrollment.enrollment_settings,
        name="enrollment_settings",
    ),
]
