"""The cast every test can use: a program with a coordinator, two mentors and two
mentees, and an outsider who coordinates another program; `pairing` pairs the mentee with the
mentor and `other_pairing` the other mentee with the other mentor (both active, built by
PairingFactory; a test about the pairing lifecycle goes through matching.services instead)."""

import os
import uuid

import pytest

from accounts.models import Membership, Role
from matching.models import Pairing

from .factories import MembershipFactory, PairingFactory, ProgramFactory, UserFactory, enable_mfa


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def pytest_sessionfinish(session, exitstatus):
    # On CI every test must run: a skip there is a failure (PostgreSQL and Redis are up).
    if os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped:
        reporter.write_line(f"CI=true: {skipped} test(s) skipped; every test must run on CI.")
        session.exitstatus = 1


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file of this run, not memory: the fault test's
    worker processes (tests/integration) must open the same database."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.mktemp("database") / "test.sqlite3"
        )


@pytest.fixture(autouse=True)
def _celery_eager():
    """Tasks run in-process in ordinary tests; tests/integration starts a real worker."""
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Password hashing dominated the suite's time; tests don't need its cost."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    """Redis keeps keys between tests (rate limits, cooldowns): each test gets its own prefix."""
    caches = {name: dict(config) for name, config in settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    settings.CACHES = caches


@pytest.fixture(autouse=True)
def _force_login_signs_in_fully(monkeypatch):
    """`client.force_login(user)` stands for a complete sign-in: for someone with an
    authenticator app that includes the second step, which allauth records in the session and
    the coordinator pages check. A test of a password-only session signs in through the form
    or uses `tests.factories.forget_mfa_step`."""
    from django.test import Client

    from .factories import session_record_mfa

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        session_record_mfa(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def program(db):
    return ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")


@pytest.fixture
def other_program(db):
    return ProgramFactory(name="Lighthouse Careers", slug="lighthouse")


def _member(program, role, email, name, **kwargs):
    return MembershipFactory(
        program=program,
        role=role,
        user=UserFactory(email=email, display_name=name),
        **kwargs,
    )


@pytest.fixture
def coordinator(program) -> Membership:
    membership = _member(program, Role.COORDINATOR, "coord@example.org", "Dana")
    enable_mfa(membership.user)
    return membership


@pytest.fixture
def mentor(program) -> Membership:
    return _member(program, Role.MENTOR, "mentor@example.org", "Marcus")


@pytest.fixture
def other_mentor(program) -> Membership:
    return _member(program, Role.MENTOR, "mentor2@example.org", "Teresa")


@pytest.fixture
def mentee(program) -> Membership:
    return _member(program, Role.MENTEE, "mentee@example.org", "Jordan")


@pytest.fixture
def other_mentee(program) -> Membership:
    return _member(program, Role.MENTEE, "mentee2@example.org", "Priya")


@pytest.fixture
def outsider(other_program) -> Membership:
    """Coordinates another program: must see nothing of ours."""
    membership = _member(other_program, Role.COORDINATOR, "outsider@example.org", "Olive")
    enable_mfa(membership.user)
    return membership


@pytest.fixture
def pairing(mentee, mentor) -> Pairing:
    return PairingFactory(mentee=mentee, mentor=mentor)


@pytest.fixture
def other_pairing(other_mentee, other_mentor) -> Pairing:
    return PairingFactory(mentee=other_mentee, mentor=other_mentor)


@pytest.fixture
def login(client):
    def _login(membership_or_user):
        user = getattr(membership_or_user, "user", membership_or_user)
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def operator(client, db):
    """The test client signed in as a Django-admin superuser (an operator, in no program)."""
    client.force_login(UserFactory(email="ops@example.org", is_staff=True, is_superuser=True))
    return client


@pytest.fixture(params=["alone", "in_a_chunk"])
def send_delivery(request):
    """Sends one queued delivery as `delivery_send` does, or as a sweep's chunk
    (`deliveries_send`, whose send-time checks run once per chunk); returns the outcome."""
    from notifications.models import Delivery
    from notifications.tasks import deliveries_send, delivery_send

    def send(delivery_id: int) -> str:
        if request.param == "alone":
            return delivery_send(delivery_id)
        deliveries_send([delivery_id])
        return Delivery.objects.get(pk=delivery_id).status

    return send
