"""feed pages. Views: mentoring/views/feed.py (or as noted)."""

app_name = "feed"
urlpatterns: list = []
