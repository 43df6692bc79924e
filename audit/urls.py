from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("access-history/", views.access_history, name="access_history"),
    path("audit/", views.trail, name="trail"),
]
