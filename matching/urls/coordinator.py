"""Coordinator matching pages, under /p/<program_slug>/matching/."""

from django.urls import path

from ..views import board, intake, rounds, settings, suggestions

app_name = "matching_coord"
urlpatterns = [
    path("", board.board, name="board"),
    path(
        "mentees/<int:mentee_id>/suggestions/",
        suggestions.mentee_suggestions,
        name="suggestions",
    ),
    path("mentees/<int:mentee_id>/propose/", suggestions.propose, name="propose"),
    path("mentees/<int:mentee_id>/do-not-pair/", suggestions.do_not_pair, name="do_not_pair"),
    path("pairings/<int:pairing_id>/withdraw/", board.withdraw, name="withdraw"),
    path("settings/", settings.settings, name="settings"),
    path("intakes/", intake.intakes, name="intakes"),
    path("intakes/<int:member_id>/", intake.intake_edit, name="intake_edit"),
    path("rounds/new/", rounds.round_new, name="round_new"),
    path("rounds/<int:round_id>/", rounds.round_detail, name="round_detail"),
    path("rounds/<int:round_id>/remove/", rounds.round_remove, name="round_remove"),
    path("rounds/<int:round_id>/confirm/", rounds.round_confirm, name="round_confirm"),
    path("rounds/<int:round_id>/discard/", rounds.round_discard, name="round_discard"),
]
