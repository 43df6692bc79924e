"""Mentee goals pages, under /p/<program_slug>/. Views: mentoring/views/goals.py (or as noted)."""

app_name = "goals"
urlpatterns: list = []
