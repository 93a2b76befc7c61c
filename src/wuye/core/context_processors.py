from . import policy
from .inbox.services import Bell
from .navigation import resident_links, staff_links


def inbox(request) -> dict:
    """The bell of the header: the person's unread messages, counted only if shown."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"bell": Bell(user)}


def navigation(request) -> dict:
    """The navigation of the current user and community, for the base layout."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    match = getattr(request, "resolver_match", None)
    community_id = match.kwargs.get("community_id") if match else None
    staff_communities = policy.roles_by_community(user)
    if staff_communities:
        if community_id is None or community_id not in staff_communities:
            community_id = request.session.get("community_id")
            if community_id not in staff_communities:
                community_id = min(staff_communities)
        return {
            "nav_links": staff_links(user, community_id),
            "nav_community_id": community_id,
            "nav_community_count": len(staff_communities),
            "nav_is_admin": user.is_staff,
        }
    if policy.is_resident(user):
        return {"nav_links": resident_links(), "nav_is_resident": True}
    return {}
