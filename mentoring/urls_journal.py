"""Mentee journal pages, under /p/<program_slug>/. Views: mentoring/views/journal.py (or as noted)."""

app_name = "journal"
urlpatterns: list = []
