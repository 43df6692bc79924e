from django.contrib import admin
from django.urls import include, path

from accounts.admin.site import secure_admin_site
from accounts.views import public as account_views
from mentoring.views import home as member_home

handler403 = "config.errors.forbidden"
handler404 = "config.errors.not_found"
handler500 = "config.errors.server_error"

# The admin's own password form would skip allauth's second step and rate limits: its login
# page sends to allauth's instead (a signed-in non-staff person gets 403), and staff with an
# authenticator app must have used it in this session.
secure_admin_site(admin.site)

urlpatterns = [
    path("", account_views.home, name="home"),
    path("help/", account_views.help_page, name="help"),
    path("healthz", account_views.healthz, name="healthz"),
    path("language/", account_views.language_set, name="language_set"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("p/<slug:program_slug>/", member_home.program_home, name="program_home"),
    path("", include("accounts.urls")),
    path("notifications/", include("notifications.urls")),
    path("p/<slug:program_slug>/matching/", include("matching.urls.coordinator")),
    path("p/<slug:program_slug>/", include("matching.urls.member")),
    path("p/<slug:program_slug>/goals/", include("mentoring.urls.goals")),
    path("p/<slug:program_slug>/habits/", include("mentoring.urls.habits")),
    path("p/<slug:program_slug>/check-in/", include("mentoring.urls.checkins")),
    path("p/<slug:program_slug>/journal/", include("mentoring.urls.journal")),
    path("p/<slug:program_slug>/recovery/", include("mentoring.urls.recovery")),
    path("p/<slug:program_slug>/meetings/", include("mentoring.urls.meetings")),
    path("p/<slug:program_slug>/mentor/", include("mentoring.urls.mentor")),
    path("p/<slug:program_slug>/strategies/", include("mentoring.urls.strategies")),
    path("p/<slug:program_slug>/encouragement/", include("mentoring.urls.encouragements")),
    path("p/<slug:program_slug>/events/", include("mentoring.urls.events")),
    path("p/<slug:program_slug>/summary/", include("mentoring.urls.summary")),
    path("p/<slug:program_slug>/", include("mentoring.urls.attention")),
    path("p/<slug:program_slug>/members/", include("mentoring.urls.members")),
    path("p/<slug:program_slug>/sharing/", include("privacy.urls")),
    path("p/<slug:program_slug>/messages/", include("messaging.urls.messages")),
    path("p/<slug:program_slug>/announcements/", include("messaging.urls.announcements")),
    path("p/<slug:program_slug>/reports/", include("reports.urls")),
    path("p/<slug:program_slug>/surveys/", include("surveys.urls")),
    path("p/<slug:program_slug>/", include("audit.urls")),
    path("calendar/", include("mentoring.urls.feeds")),
    path("me/", include("mydata.urls")),
]
