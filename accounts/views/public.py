"""Pages outside any program: the landing or home page, general help and the health check."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .. import selectors, services


@require_GET
@never_cache
def healthz(request):
    if not selectors.database_responds():
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def help_page(request):
    help_ = selectors.crisis_help_for(None)
    return render(request, "accounts/help.html", {"crisis_help": help_, "program": None})


def home(request):
    if not request.user.is_authenticated:
        return render(request, "accounts/landing.html")
    overview = selectors.home_overview(user=request.user)
    if len(overview) == 1 and overview[0]["membership"].has_acknowledged_privacy:
        # One program: its role home is the home page.
        return redirect("program_home", program_slug=overview[0]["program"].slug)
    # Invitations to the person's verified address, wherever their link was opened.
    invitations = [
        {
            "invitation": invitation,
            "url": reverse(
                "accounts:invitation_accept", args=[services.invitation_token(invitation)]
            ),
        }
        for invitation in selectors.invitations_open_for_user(user=request.user)
    ]
    return render(request, "accounts/home.html", {"overview": overview, "invitations": invitations})


@require_POST
def language_set(request):
    """The footer's language switcher. A signed-in person's choice is saved on their profile
    (pages and emails follow it); anyone's is kept in the language cookie, which a browser
    without a profile uses before its own Accept-Language."""
    code = request.POST.get("language", "")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("home")
    response = redirect(next_url)
    if code not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated:
        services.profile_update(user=request.user, preferred_language=code)
    remember_language(response, code)
    return response


def remember_language(response, code: str) -> None:
    """Keep `code` in the language cookie (LocaleMiddleware reads it on the next request)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
