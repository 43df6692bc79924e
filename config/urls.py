from django.contrib import admin
from django.urls import include, path

from accounts.views import public as account_views
from mentoring.views import home as member_home

handler403 = "config.errors.forbidden"
handler404 = "config.errors.not_found"
handler500 = "config.errors.server_error"

urlpatterns = [
    path("", account_views.home, name="home"),
    path("help/", account_views.help_page, name="help"),
    path("healthz", account_views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("p/<slug:program_slug>/", member_home.program_home, name="program_home"),
    path("", include("accounts.urls")),
    path("p/<slug:program_slug>/matching/", include("matching.urls.coordinator")),
    path("p/<slug:program_slug>/", include("matching.urls.member")),
    path("p/<slug:program_slug>/goals/", include("mentoring.urls_goals")),
    path("p/<slug:program_slug>/habits/", include("mentoring.urls_habits")),
    path("p/<slug:program_slug>/check-in/", include("mentoring.urls_checkins")),
    path("p/<slug:program_slug>/journal/", include("mentoring.urls_journal")),
    path("p/<slug:program_slug>/recovery/", include("mentoring.urls_recovery")),
    path("p/<slug:program_slug>/meetings/", include("mentoring.urls_meetings")),
    path("p/<slug:program_slug>/mentor/", include("mentoring.urls_mentor")),
    path("p/<slug:program_slug>/strategies/", include("mentoring.urls_strategies")),
    path("p/<slug:program_slug>/events/", include("mentoring.urls_events")),
    path("calendar/", include("mentoring.urls_feed")),
]
