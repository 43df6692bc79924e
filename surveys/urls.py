"""Surveys, under /p/<program>/surveys/ (included from config/urls.py)."""

from django.urls import path

from .views import answers, outcomes, questionnaires

app_name = "surveys"

urlpatterns = [
    path("", questionnaires.index, name="index"),
    path("new/", questionnaires.new, name="new"),
    path("example/", questionnaires.example, name="example"),
    path("export.csv", outcomes.export, name="export"),
    path("<int:questionnaire_id>/", questionnaires.edit, name="edit"),
    path("<int:questionnaire_id>/active/", questionnaires.set_active, name="set_active"),
    path("<int:questionnaire_id>/outcomes/", outcomes.outcomes, name="outcomes"),
    path("<int:questionnaire_id>/answer/", answers.answer, name="answer"),
]
