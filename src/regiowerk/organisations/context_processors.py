"""Template context: the organisation the logged-in user is acting for."""

from django.http import HttpRequest

from regiowerk.organisations.queries import NoOrganisationError, get_actor


def current_organisation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    try:
        actor = get_actor(
            user=user, organisation_id=request.session.get("organisation_id")
        )
    except NoOrganisationError:
        return {"actor": None}
    return {"actor": actor}
