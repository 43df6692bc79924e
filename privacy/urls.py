"""The mentee's Sharing page, under /p/<program_slug>/sharing/."""

from django.urls import path

from .views import sharing

app_name = "privacy"
urlpatterns = [
    path("", sharing.sharing, name="sharing"),
    path("<int:consent_id>/revoke/", sharing.revoke, name="revoke"),
    path("with-me/", sharing.shared_with_me, name="shared_with_me"),
]
