"""The coordinators' safety and supervision pages, under /p/<program_slug>/ (the queue at
attention/, supervision at supervision/). Views: mentoring/views/attention.py."""

from django.urls import path

from ..views import attention as views

app_name = "attention"
urlpatterns = [
    path("attention/", views.attention_queue, name="queue"),
    path(
        "attention/<slug:kind>/<int:subject_id>/handled/",
        views.attention_handled,
        name="handled",
    ),
    path("supervision/", views.supervision, name="supervision"),
]
