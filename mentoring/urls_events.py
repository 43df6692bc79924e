"""events pages. Views: mentoring/views/events.py (or as noted)."""

app_name = "events"
urlpatterns: list = []
