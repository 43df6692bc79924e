"""Mentee and mentor matching pages, under /p/<program_slug>/."""

from django.urls import path

from ..views import intake, mentees, pairing, suggestions

app_name = "matching"
urlpatterns = [
    path("intake/", intake.intake, name="intake"),
    path("pairings/", pairing.pairings, name="pairings"),
    path("pairings/<int:pairing_id>/", pairing.pairing_detail, name="pairing_detail"),
    path("pairings/<int:pairing_id>/accept/", pairing.pairing_accept, name="pairing_accept"),
    path("pairings/<int:pairing_id>/decline/", pairing.pairing_decline, name="pairing_decline"),
    path("pairings/<int:pairing_id>/withdraw/", pairing.pairing_withdraw, name="pairing_withdraw"),
    path("pairings/<int:pairing_id>/pause/", pairing.pairing_pause, name="pairing_pause"),
    path("pairings/<int:pairing_id>/resume/", pairing.pairing_resume, name="pairing_resume"),
    path("pairings/<int:pairing_id>/end/", pairing.pairing_end, name="pairing_end"),
    path("mentees/<int:mentee_id>/", mentees.my_mentee, name="my_mentee"),
    path("suggestions/", suggestions.self_match_suggestions, name="suggestions"),
    path(
        "suggestions/<int:mentor_id>/request/",
        suggestions.self_match_request,
        name="suggestion_request",
    ),
]
