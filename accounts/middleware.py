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
