from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile_edit, name="profile"),
    path("invite/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("join/<slug:program_slug>/<str:token>/", views.enrollment_join, name="enrollment_join"),
    path("p/<slug:program_slug>/privacy/", views.privacy_notice, name="privacy_notice"),
    path("p/<slug:program_slug>/help/", views.program_help, name="program_help"),
    path("p/<slug:program_slug>/members/", views.members, name="members"),
    path(
        "p/<slug:program_slug>/members/<int:member_id>/status/",
        views.member_status,
        name="member_status",
    ),
    path("p/<slug:program_slug>/invitations/", views.invitations, name="invitations"),
    path(
        "p/<slug:program_slug>/invitations/<int:invitation_id>/<str:action>/",
        views.invitation_action,
        name="invitation_action",
    ),
    path(
        "p/<slug:program_slug>/enrollment/",
        views.enrollment_settings,
        name="enrollment_settings",
    ),
]
