"""Mentee and mentor matching pages, under /p/<program_slug>/. Views: matching/views/member.py."""

from django.urls import path

from .views import member

app_name = "matching"
urlpatterns = [
    path("intake/", member.intake, name="intake"),
    path("pairings/", member.pairings, name="pairings"),
    path("pairings/<int:pairing_id>/", member.pairing_detail, name="pairing_detail"),
    path("pairings/<int:pairing_id>/accept/", member.pairing_accept, name="pairing_accept"),
    path("pairings/<int:pairing_id>/decline/", member.pairing_decline, name="pairing_decline"),
    path("pairings/<int:pairing_id>/withdraw/", member.pairing_withdraw, name="pairing_withdraw"),
    path("pairings/<int:pairing_id>/pause/", member.pairing_pause, name="pairing_pause"),
    path("pairings/<int:pairing_id>/resume/", member.pairing_resume, name="pairing_resume"),
    path("pairings/<int:pairing_id>/end/", member.pairing_end, name="pairing_end"),
    path("mentees/<int:mentee_id>/", member.my_mentee, name="my_mentee"),
    path("suggestions/", member.suggestions, name="suggestions"),
    path(
        "suggestions/<int:mentor_id>/request/",
        member.suggestion_request,
        name="suggestion_request",
    ),
]
