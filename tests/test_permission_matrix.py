"""Every URL of the product, opened by every role, with parameters of their own program, of
another program, of an ended pairing and of private items (the table: tests/matrix.py).

For each response: never a 500; no marker string the viewer may not see (the mentor sees M's
shared records only, nobody but M sees her private ones); the roles a URL is not for get
403, 404 or a redirect to sign in; the roles it is for get in.
"""

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import transaction
from django.test import Client
from django.urls import reverse

from .factories import admin_url
from .matrix import (
    ALL_MARKERS,
    ANON,
    MARK,
    MENTEE,
    ROLES,
    ROUTES,
    SEES,
    forbidden_markers,
    is_third_party,
    param_value,
    url_names,
    world_in_rollback,
)

LOGIN_PATH = reverse(settings.LOGIN_URL)
PRODUCT_APPS = {"accounts", "notifications", "matching", "messaging", "surveys", "mentoring"}
PRODUCT_APPS |= {"reports", "audit", "privacy", "mydata"}


def test_every_url_has_an_entry_in_the_matrix():
    names = url_names()
    table = {route.name for route in ROUTES}
    missing = sorted(n for n, r in names.items() if not is_third_party(n, r) and n not in table)
    stale = sorted(table - set(names))
    assert not missing, "\n".join(
        f"add an entry for {name} ({names[name]}) to ROUTES in tests/matrix.py" for name in missing
    )
    assert not stale, f"tests/matrix.py lists URLs that no longer exist: {stale}"


def url_for(world, route, case, patterns) -> str:
    kwargs = {key: param_value(world, value) for key, value in case.params.items()}
    if "<slug:program_slug>" in patterns[route.name]:
        kwargs["program_slug"] = world.program.slug
    url = reverse(route.name, kwargs=kwargs)
    return f"{url}?{route.query}" if route.query else url


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode("utf-8", errors="replace")


def is_denial(response) -> bool:
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and response["Location"].startswith(LOGIN_PATH)


def request_rolled_back(client, method: str, url: str):
    """One request whose writes are undone, so that no request changes the next one's world
    (an empty POST can end a pairing or delete an entry)."""
    with transaction.atomic():
        try:
            response = client.generic(method, url) if method == "GET" else client.post(url, {})
            return response, body_of(response), None
        except Exception as error:  # noqa: BLE001 - every uncaught error is a 500 to report
            return None, "", error
        finally:
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from world_in_rollback(django_db_blocker)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, world, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    patterns = url_names()
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    failures: list[str] = []
    requests = 0
    for route in ROUTES:
        for case in route.cases():
            url = url_for(world, route, case, patterns)
            for method in route.methods.split():
                requests += 1
                where = f"{method} {url} [{route.name}, {case.label}] as {role}"
                response, body, error = request_rolled_back(client, method, url)
                if error is not None:
                    failures.append(f"{where}: raised {error.__class__.__name__}: {error}")
                    continue
                status = response.status_code
                if status >= 500:
                    failures.append(f"{where}: {status}")
                viewer = route.acts_as or role
                leaked = [m for m in forbidden_markers(viewer) if m in body]
                if leaked:
                    failures.append(f"{where}: shows {', '.join(leaked)}")
                if role in case.maybe:
                    continue
                if role in case.allowed:
                    refused = is_denial(response) or (method == "GET" and status >= 400)
                    if refused:
                        failures.append(f"{where}: {status} for a role the page is for")
                elif not is_denial(response):
                    failures.append(f"{where}: {status}, expected 403, 404 or sign-in")
    assert requests > 100
    assert not failures, f"{len(failures)} of {requests} requests failed:\n" + "\n".join(failures)


@pytest.mark.django_db
def test_the_markers_are_on_the_pages_of_who_may_see_them(client, world, settings):
    """The matrix would pass if the world showed nothing: M sees her private markers and her
    mentor the shared ones on their pages."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    slug = world.program.slug
    client.force_login(world.users[MENTEE])
    pages = [
        reverse("journal:detail", kwargs={"program_slug": slug, "entry_id": world.journal.pk}),
        reverse("goals:index", kwargs={"program_slug": slug}),
        reverse("habits:index", kwargs={"program_slug": slug}),
        reverse("recovery:index", kwargs={"program_slug": slug}),
        reverse("checkins:index", kwargs={"program_slug": slug}),
        reverse("meetings:detail", kwargs={"program_slug": slug, "meeting_id": world.meeting.pk}),
        reverse(
            "messaging:conversation",
            kwargs={"program_slug": slug, "conversation_id": world.conversation.pk},
        ),
    ]
    seen = "".join(client.get(page).content.decode() for page in pages)
    shown = {marker for marker in SEES[MENTEE] if marker in seen}
    assert len(shown) >= 10, sorted(SEES[MENTEE] - shown)
    client.force_login(world.mentor.user)
    detail = client.get(
        reverse("mentor:detail", kwargs={"program_slug": slug, "mentee_id": world.mentee.pk})
    )
    assert any(marker in detail.content.decode() for marker in SEES["mentor"])
    assert ANON in ROLES


# Titles an operator may read in the admin; everything else of M's stays out of it.
ADMIN_MAY_SHOW = {ALL_MARKERS[key] for key in ("goal_shared", "milestone_shared", "habit_shared")}


@pytest.mark.django_db
def test_the_admin_shows_no_private_text_to_staff(world, client):
    """The Django admin (staff, no membership): every product changelist, searched for the
    markers, and the change page of each of M's records."""
    client.force_login(world.staff)
    forbidden = set(ALL_MARKERS.values()) - ADMIN_MAY_SHOW
    records = [world.journal, world.goal_private, world.habit_private, world.checkin_private]
    records += [world.meeting, world.meeting_former, world.message, world.message_former]
    pages = [admin_url(record, "change", record.pk) for record in records]
    for model in admin.site._registry:
        if model._meta.app_label in PRODUCT_APPS:
            changelist = admin_url(model, "changelist")
            pages += [changelist, f"{changelist}?q={MARK}"]
    failures = []
    for page in pages:
        response = client.get(page)
        body = response.content.decode()
        if response.status_code >= 500:
            failures.append(f"{page}: {response.status_code}")
        if leaked := sorted(marker for marker in forbidden if marker in body):
            failures.append(f"{page} shows {', '.join(leaked)}")
    assert not failures, "\n".join(failures)
