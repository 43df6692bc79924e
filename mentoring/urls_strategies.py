"""strategies pages. Views: mentoring/views/strategies.py (or as noted)."""

app_name = "strategies"
urlpatterns: list = []
