from django.urls import reverse
from django.utils.functional import SimpleLazyObject


def navigation(request):
    """The program switcher and the crisis link, on every page."""
    membership = getattr(request, "membership", None)
    current_program = membership.program if membership is not None else None

    def nav_memberships():
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return []
        from .selectors import memberships_for_user

        return list(memberships_for_user(user=user))

    if current_program is not None:
        help_url = reverse("accounts:program_help", kwargs={"program_slug": current_program.slug})
    else:
        help_url = reverse("help")
    return {
        "current_membership": membership,
        "current_program": current_program,
        "nav_memberships": SimpleLazyObject(nav_memberships),
        "crisis_help_url": help_url,
    }
