from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from accounts.lazy import LazyCount


def unread_messages(request):
    """The header's messages link: unread messages across the person's programs (one query:
    the memberships are the ones the request already loaded) and the conversations page of
    the current program, else of their first program. Nothing for anonymous people."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def memberships():
        from accounts.selectors import memberships_for_user

        return memberships_for_user(user=user)

    def count():
        from .selectors import unread_count

        return unread_count(user, memberships=memberships())

    def url():
        membership = getattr(request, "membership", None)
        if membership is None:
            membership = next(iter(memberships()), None)
        if membership is None:
            return ""
        return reverse("messaging:index", kwargs={"program_slug": membership.program.slug})

    return {
        "messages_unread": LazyCount(count),
        "messages_index_url": SimpleLazyObject(url),
    }
