import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _


class UserLanguageMiddleware:
    """A signed-in person sees pages in the language on their profile."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            profile = getattr(user, "profile", None)
            if profile is not None and profile.preferred_language:
                translation.activate(profile.preferred_language)
                request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class NoStoreForSignedInMiddleware:
    """Pages for a signed-in person hold private records: no browser or proxy cache keeps
    them (the back button on a shared computer after signing out, a caching proxy). Static
    files are the same for everyone and keep their caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        response = self.get_response(request)
        if not signed_in:
            user = getattr(request, "user", None)
            signed_in = user is not None and user.is_authenticated
        if signed_in and not request.path.startswith(settings.STATIC_URL):
            response["Cache-Control"] = "no-store, private"
        return response


# Last time this session did something a person did, in seconds since the epoch. Written at
# most once a minute, so a page view does not always save the session.
LAST_ACTIVITY_KEY = "peerpath_last_activity"
ACTIVITY_RESOLUTION_SECONDS = 60
# htmx elements that ask the server on a timer while a page is merely open: they are not
# activity (an open conversation would otherwise keep a coordinator signed in forever).
BACKGROUND_TRIGGERS = frozenset({"message-poller", "round-progress"})


class CoordinatorIdleSignOutMiddleware:
    """Signs a coordinator out after their program's "sign out coordinators after N minutes
    without activity" (the shortest, if they coordinate several programs). Mentees and mentors
    keep the site's session length (SESSION_COOKIE_AGE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            signed_out = self._sign_out_if_idle(request, user)
            if signed_out is not None:
                return signed_out
        return self.get_response(request)

    def _sign_out_if_idle(self, request, user):
        from .selectors import coordinator_idle_minutes

        now = int(time.time())
        last = request.session.get(LAST_ACTIVITY_KEY)
        minutes = coordinator_idle_minutes(user=user)
        if minutes is not None and isinstance(last, int) and now - last > minutes * 60:
            logout(request)
            messages.info(
                request,
                _("You were signed out after %(minutes)s minutes without activity.")
                % {"minutes": minutes},
            )
            login_url = (
                f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}"
            )
            if request.headers.get("HX-Request") == "true":
                response = HttpResponse(status=204)
                response["HX-Redirect"] = login_url
                return response
            return HttpResponseRedirect(login_url)
        background = request.headers.get("HX-Trigger") in BACKGROUND_TRIGGERS
        if not isinstance(last, int) or (
            not background and now - last >= ACTIVITY_RESOLUTION_SECONDS
        ):
            request.session[LAST_ACTIVITY_KEY] = now
        return None
