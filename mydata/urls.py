"""My data pages, under /me/. Views: mydata/views.py."""

from django.urls import path

from . import views

app_name = "mydata"
urlpatterns = [
    path("data/", views.index, name="index"),
    path("data/request/", views.export_request, name="request"),
    path("data/download/<str:token>/", views.download, name="download"),
    path("delete-account/", views.erase, name="erase"),
]
