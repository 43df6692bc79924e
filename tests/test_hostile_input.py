"""Hostile input to every form of the product: the POST entries of tests/matrix.py's table,
posted by the role the form is for, with each field either left as the page fills it or
replaced by something hostile (huge, Unicode digits, control characters, markup, numbers
and dates out of range, time zones that don't exist).

Expected: never a 500; when the answer is the form again with errors (200 or 400), nothing was
written to any product table. Each example runs in a savepoint that is rolled back.

Per form: every field at once with each hostile value; each date, time and number field alone
with each value fit for it (the rest valid, from the page and the entry's `fill`); then
hypothesis (derandomized, EXAMPLES per form) on one or two fields. A class of 500s another
branch is fixing is marked `xfail(reason="date bounds: sec-input branch")` or
`xfail(reason="id parsing: sec-input branch")` on its own test, not skipped: none is left here.
"""

from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, note
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from .matrix import ROUTES, param_value, url_names, world_in_rollback

HUGE = "x" * 100_000
FAR_DATES = ["0001-01-01", "9999-12-31", "9999-12-31T23:30", "0001-01-01T00:00", "10000-01-01"]


# Tables a form-error response may still write: the audit trail of who opened what.
NOT_COUNTED_APPS = {"audit"}
PRODUCT_APPS = ("accounts", "notifications", "matching", "messaging", "surveys", "mentoring")
PRODUCT_APPS += ("reports", "privacy", "mydata")

pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

POST_ROUTES = [route for route in ROUTES if route.poster]
EXAMPLES = 15


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from world_in_rollback(django_db_blocker)


def product_tables() -> list[str]:
    tables = []
    for label in PRODUCT_APPS:
        if label in NOT_COUNTED_APPS or not apps.is_installed(label):
            continue
        for model in apps.get_app_config(label).get_models():
            if model._meta.managed and not model._meta.proxy:
                tables.append(model._meta.db_table)
    return sorted(set(tables))


def row_counts(tables: list[str]) -> dict[str, int]:
    quote = connection.ops.quote_name
    # Table names come from the models, not from input.
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


class FormFields(HTMLParser):
    """The fields of the forms on a page that post to `action` (path only), with the values
    the page fills in: {name: [values]} (several for a group of checkboxes)."""

    def __init__(self, action: str, page: str):
        super().__init__()
        self.action, self.page = action, page
        self.fields: dict[str, list[str]] = {}
        self.kinds: dict[str, str] = {}
        self.found = False
        self._in_form = False
        self._select: str | None = None
        self._select_first: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            target = urlsplit(a.get("action") or self.page).path
            self._in_form = target == self.action and (a.get("method") or "").lower() == "post"
            self.found |= self._in_form
            return
        if not self._in_form or "name" not in a and tag != "option":
            return
        if tag in ("input", "textarea", "select"):
            kind = (a.get("type") or "text").lower() if tag == "input" else tag
            self.kinds.setdefault(a["name"], kind)
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                if kind == "submit" and a.get("name"):
                    self.fields.setdefault(a["name"], []).append(a.get("value") or "")
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                self.fields.setdefault(a["name"], [])
                return
            self.fields.setdefault(a["name"], []).append(a.get("value") or "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields.setdefault(a["name"], []).append("")
        elif tag == "select":
            self._select, self._select_first = a["name"], None
            self.fields.setdefault(a["name"], [])
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self.fields[self._select].append(value)

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            if not self.fields[self._select] and self._select_first is not None:
                self.fields[self._select].append(self._select_first)
            self._select = None


def route_url(world, name: str, params: dict, patterns: dict) -> str:
    wanted = {
        key: param_value(world, value)
        for key, value in params.items()
        if f":{key}>" in patterns[name] or f"<{key}>" in patterns[name]
    }
    if "<slug:program_slug>" in patterns[name]:
        wanted["program_slug"] = world.program.slug
    return reverse(name, kwargs=wanted)


def form_of(client, world, route, patterns) -> tuple[str, dict, dict[str, str]]:
    """The URL to post to, the fields of its form as the page fills them, and their kinds."""
    url = route_url(world, route.name, route.params, patterns)
    page = route_url(world, route.form_page, route.params, patterns) if route.form_page else url
    query = f"?{route.query}" if route.query else ""
    response = client.get(page + (query if page == url else ""))
    assert response.status_code == 200, f"{page}: {response.status_code}"
    parser = FormFields(url, page)
    parser.feed(response.content.decode())
    assert parser.found, f"no form on {page} posts to {url}: set form_page in tests/matrix.py"
    fields = {k: v for k, v in parser.fields.items() if k != "csrfmiddlewaretoken"}
    # A browser drops the newline that follows <textarea>.
    fields = {k: [v.removeprefix("\n") for v in values] for k, values in fields.items()}
    fields.update({k: [v] for k, v in route.fill.items()})
    return url + query, fields, parser.kinds


EVERY_FIELD = ["\x00", "a\x00b", "", "²", "<script>alert(1)</script>", "\r\n"]
TEXT = [HUGE, "\u202e\u200b", '"><img src=x onerror=alert(1)>', "Mars/Base", "-1"]
BY_KIND = {
    "date": [*FAR_DATES, "2025-02-30", "١٢", "-1"],
    "datetime-local": [*FAR_DATES, "2025-13-01T10:00"],
    "time": ["24:00", "23:59:60", "٢٣:٠٠", "-1:00"],
    "number": ["-1", "-99999999999999999999", "99999999999999999999", "1e309", "NaN", "١٢"],
    "select": ["Mars/Base", "-1", "99999999999999999999", "١٢"],
    "radio": ["Mars/Base", "-1", "99999999999999999999"],
    "checkbox": ["Mars/Base", "-1", "99999999999999999999", "١٢"],
    "hidden": [HUGE, "-1", "99999999999999999999", "١٢", "Mars/Base"],
}


def values_for(kind: str) -> list[str]:
    return EVERY_FIELD + BY_KIND.get(kind, TEXT)


def hostile_changes(fields: dict, kinds: dict[str, str]):
    """One or two fields changed to a hostile value fit for their kind, or to random text;
    the others stay as the page fills them."""
    one = st.one_of(
        *(
            st.tuples(
                st.just(name),
                st.one_of(st.sampled_from(values_for(kinds.get(name, ""))), st.text()),
            )
            for name in fields
        )
    )
    return st.lists(one, min_size=1, max_size=2, unique_by=lambda change: change[0])


def post_and_check(client, url: str, data: dict, tables: list[str], before: dict[str, int]):
    with transaction.atomic():
        try:
            response = client.post(url, data)
            after = row_counts(tables)
        finally:
            transaction.set_rollback(True)
    assert response.status_code < 500, f"{response.status_code} for {data!r:.2000}"
    if response.status_code in (200, 400):
        written = {t: (before[t], after[t]) for t in tables if before[t] != after[t]}
        assert not written, f"a form error, yet rows were written: {written} for {data!r:.2000}"


def run_examples(client, url, fields, kinds, tables, examples: int):
    before = row_counts(tables)
    # Every field at once with each value: each field's own cleaning sees every value.
    everything = {v for name in fields for v in values_for(kinds.get(name, ""))}
    for value in sorted(everything):
        post_and_check(client, url, {name: [value] for name in fields}, tables, before)
    if not fields:
        return
    # Each date, time and number field alone with each value fit for it, the rest valid: the
    # values that pass the field's own cleaning and break a later step (overflow, time zones).
    for name, kind in kinds.items():
        if name in fields and kind in ("date", "datetime-local", "time", "number"):
            for value in values_for(kind):
                post_and_check(client, url, {**fields, name: [value]}, tables, before)

    # Then one or two fields at a time, the rest valid: form-wide checks and services run.
    @hypothesis_settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(changes=hostile_changes(fields, kinds))
    def example(changes):
        note(f"POST {url}")
        post_and_check(client, url, {**fields, **{k: [v] for k, v in changes}}, tables, before)

    example()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route", POST_ROUTES, ids=lambda r: f"{r.name}{'?' + r.query if r.query else ''}"
)
def test_hostile_input_never_500_and_form_errors_write_nothing(route, world, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    client = Client(raise_request_exception=True)
    client.force_login(world.users[route.poster])
    url, fields, kinds = form_of(client, world, route, url_names())
    run_examples(client, url, fields, kinds, product_tables(), EXAMPLES)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/calendar/%00.ics",
        "/p/matrix-a/surveys/{questionnaire}/answer/?due=%00",
        "/p/matrix-a/goals/?template=a%00b",
        "/p/matrix-a/messages/{conversation}/?before=%00",
    ],
)
def test_a_nul_character_anywhere_is_a_400_not_a_500(path, world, client):
    """PostgreSQL refuses NUL in any string; views that read a raw parameter would 500."""
    client.force_login(world.mentee.user)
    url = path.format(questionnaire=world.questionnaire.pk, conversation=world.conversation.pk)
    assert client.get(url).status_code == 400
    assert client.post(url.split("?")[0], {"due": "\x00", "body": "hello"}).status_code == 400
    assert client.get(url.replace("%00", "")).status_code != 500


QUERY_NAMES = ["page", "days", "kind", "next", "after", "before", "category", "pairing"]
QUERY_NAMES += ["questionnaire", "template", "due", "role", "status", "state", "focus"]
QUERY_NAMES += ["language", "waited_days", "load", "start", "end", "q"]
QUERY_VALUES = ["²", "١٢", "-1", "0", "99999999999999999999", "1e309", "0001-01-01"]
QUERY_VALUES += ["9999-12-31", "9999-12-31T23:30", "Mars/Base", "<script>", "x" * 5000, "\r\n"]
GET_ROUTES = [
    route for route in ROUTES if "GET" in route.methods.split() and route.allowed - {"anonymous"}
]


@pytest.mark.django_db
@pytest.mark.parametrize("route", GET_ROUTES, ids=lambda route: route.name)
def test_hostile_query_strings_never_500(route, world, settings):
    """Every query parameter a page reads (pagination, filters, ids, periods), with each
    hostile value, on every page, as a person the page is for."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    client = Client(raise_request_exception=True)
    client.force_login(world.users[sorted(route.allowed - {"anonymous"})[0]])
    url = route_url(world, route.name, route.params, url_names())
    for value in QUERY_VALUES:
        query = urlencode(
            [*parse_qsl(route.query), *((name, value) for name in QUERY_NAMES)], doseq=True
        )
        with transaction.atomic():
            try:
                response = client.get(f"{url}?{query}")
            finally:
                transaction.set_rollback(True)
        assert response.status_code < 500, f"{response.status_code} for ?{query:.300}"
