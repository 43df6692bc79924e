from django.shortcuts import render
from django.utils import translation


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


def _has_nul(values) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values.getlist(key)) for key in values
    )


class RejectNulCharactersMiddleware:
    """A NUL character in the path, the query string or a posted field gets a 400 page:
    PostgreSQL refuses it in any string ("A string literal cannot contain NUL"), so a view that
    reads a raw parameter (`request.GET.get(...)`) would otherwise fail with a 500. Form fields
    already refuse it (Django's ProhibitNullCharactersValidator); this covers everything else
    in one place. Nobody types a NUL: it only comes from a tampered request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _has_nul(request.GET) or _has_nul(request.POST):
            return render(request, "400.html", status=400)
        return self.get_response(request)
