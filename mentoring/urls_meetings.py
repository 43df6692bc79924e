"""meetings pages. Views: mentoring/views/meetings.py (or as noted)."""

app_name = "meetings"
urlpatterns: list = []
