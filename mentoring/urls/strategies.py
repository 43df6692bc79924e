"""Strategies library and "My toolkit", under /p/<program_slug>/strategies/.
Views: mentoring/views/strategies.py."""

from django.urls import path

from ..views import personal_strategies as mine
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
    # A mentee's own strategies.
    path("mine/new/", mine.new, name="mine_new"),
    path("mine/<int:strategy_id>/", mine.detail, name="mine_detail"),
    path("mine/<int:strategy_id>/edit/", mine.edit, name="mine_edit"),
    path("mine/<int:strategy_id>/delete/", mine.delete, name="mine_delete"),
]
