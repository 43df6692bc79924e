"""The coordinators' weekly summary, under /p/<program_slug>/summary/."""

from django.urls import path

from ..views import summary

app_name = "summary"
urlpatterns = [
    path("", summary.index, name="index"),
]
