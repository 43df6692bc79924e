"""A member's page for coordinators, under /p/<program_slug>/members/<member_id>/ (the list
itself is accounts' `accounts:members`)."""

from django.urls import path

from ..views import member_page

app_name = "members"
urlpatterns = [
    path("<int:member_id>/", member_page.member, name="member"),
]
