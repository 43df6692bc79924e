"""Coordinator matching pages, under /p/<program_slug>/matching/.

Views: matching/views/coordinator.py.
"""

from django.urls import path

from .views import coordinator as views

app_name = "matching_coord"
urlpatterns = [
    path("", views.board, name="board"),
    path("mentees/<int:mentee_id>/suggestions/", views.suggestions, name="suggestions"),
    path("mentees/<int:mentee_id>/propose/", views.propose, name="propose"),
    path("mentees/<int:mentee_id>/do-not-pair/", views.do_not_pair, name="do_not_pair"),
    path("pairings/<int:pairing_id>/withdraw/", views.withdraw, name="withdraw"),
    path("settings/", views.settings, name="settings"),
    path("intakes/", views.intakes, name="intakes"),
    path("intakes/<int:member_id>/", views.intake_edit, name="intake_edit"),
    path("rounds/new/", views.round_new, name="round_new"),
    path("rounds/<int:round_id>/", views.round_detail, name="round_detail"),
    path("rounds/<int:round_id>/remove/", views.round_remove, name="round_remove"),
    path("rounds/<int:round_id>/confirm/", views.round_confirm, name="round_confirm"),
    path("rounds/<int:round_id>/discard/", views.round_discard, name="round_discard"),
]
