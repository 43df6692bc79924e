from django.urls import path

from .views import exports, funder, overview

app_name = "reports"

urlpatterns = [
    path("", overview.index, name="index"),
    path("overview/", overview.overview, name="overview"),
    path("funder/", funder.funder, name="funder"),
    path("funder/csv/", funder.funder_csv, name="funder_csv"),
    path("exports/<slug:kind>/", exports.export, name="export"),
]
