"""Strategies library and "My toolkit", under /p/<program_slug>/strategies/.
Views: mentoring/views/strategies.py."""

from django.urls import path

from ..views import strategies

app_name = "strategies"
urlpatterns = [
    path("", strategies.index, name="index"),
    path("new/", strategies.new, name="new"),
    path("<int:strategy_id>/", strategies.detail, name="detail"),
    path("<int:strategy_id>/edit/", strategies.edit, name="edit"),
    path("<int:strategy_id>/archive/", strategies.archive, name="archive"),
    path("<int:strategy_id>/share/", strategies.share, name="share"),
    path("<int:strategy_id>/library/", strategies.library, name="library"),
]
