"""mentor pages. Views: mentoring/views/mentor.py (or as noted)."""

app_name = "mentor"
urlpatterns: list = []
