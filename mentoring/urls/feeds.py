"""The private calendar feed, under /calendar/ (no program, no login: the token is the secret).
Views: mentoring/views/feeds.py."""

from django.urls import path

from ..views import feeds

app_name = "feed"
urlpatterns = [
    path("<str:token>.ics", feeds.ics, name="ics"),
]
