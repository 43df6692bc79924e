from accounts.lazy import LazyCount


def unread_count(request):
    """The bell's unread count: one indexed query on a page that shows it, none for
    anonymous people."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count():
        from .selectors import unread_count as count_unread

        return count_unread(user=user)

    return {"notifications_unread": LazyCount(count)}
