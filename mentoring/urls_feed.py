"""The private calendar feed, under /calendar/ (no program, no login: the token is the secret).
Views: mentoring/views/feed.py."""

from django.urls import path

from .views import feed

app_name = "feed"
urlpatterns = [
    path("<str:token>.ics", feed.ics, name="ics"),
]
