from branches.permissions import access_for
from notifications.services import unread_count
from pairings.queries import approval_queue_count


def navigation(request):
    """Counts shown in the header; nothing for anonymous visitors."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    return {
        "nav_unread_count": unread_count(user),
        "nav_approval_count": approval_queue_count(user),
        "nav_may_oversee": bool(access_for(user).overseen_roots),
    }
