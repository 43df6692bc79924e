"""Mentee checkins pages, under /p/<program_slug>/. Views: mentoring/views/checkins.py (or as noted)."""

app_name = "checkins"
urlpatterns: list = []
