"""Mentee recovery pages, under /p/<program_slug>/. Views: mentoring/views/recovery.py (or as noted)."""

app_name = "recovery"
urlpatterns: list = []
