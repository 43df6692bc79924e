"""Messages, under /p/<program>/messages/ (included from config/urls.py)."""

from django.urls import path

from ..views import conversations, reports, thread

app_name = "messaging"

urlpatterns = [
    path("", conversations.index, name="index"),
    path("coordinators/", conversations.coordinators, name="coordinators"),
    path("pairing/<int:pairing_id>/", conversations.pairing, name="pairing"),
    path("member/<int:member_id>/", conversations.with_member, name="with_member"),
    path("<int:conversation_id>/", thread.conversation, name="conversation"),
    path("<int:conversation_id>/new/", thread.poll, name="poll"),
    path("m/<int:message_id>/delete/", thread.delete, name="delete"),
    path("m/<int:message_id>/report/", reports.report, name="report"),
    path("reports/", reports.index, name="reports"),
    path("reports/<int:report_id>/", reports.detail, name="report_detail"),
]
