"""A member's page for coordinators, under /p/<program_slug>/members/<member_id>/ (the list
itself is accounts' `accounts:members`), and the records a mentee shared by consent."""

from django.urls import path

from ..views import member_page, shared

app_name = "members"
urlpatterns = [
    path("<int:member_id>/", member_page.member, name="member"),
    path("<int:member_id>/shared/", shared.shared_records, name="shared"),
]
