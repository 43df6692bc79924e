"""Mentee habits pages, under /p/<program_slug>/. Views: mentoring/views/habits.py (or as noted)."""

app_name = "habits"
urlpatterns: list = []
