import os
from pathlib import Path

import pytest
from playwright.sync_api import Page

# Playwright's sync API keeps an event loop in this process; Django's ORM would refuse to
# run under it. Test process only, never in settings.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(autouse=True)
def _totp_tolerance(settings):
    """Every journey that types an authenticator code: see `totp_code`."""
    settings.MFA_TOTP_TOLERANCE = 1


@pytest.fixture
def totp_code(settings):
    """The authenticator code of this 30-second period. A journey types it seconds after
    computing it (a page or two later, on a loaded CI machine): the server accepts the
    neighbouring periods too (`MFA_TOTP_TOLERANCE = 1`, tests only), so a code computed just
    before a period ends is not refused as "Incorrect code"."""
    import time

    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    def _code(secret: str) -> str:
        counter = int(time.time()) // mfa_settings.TOTP_PERIOD
        return format_hotp_value(hotp_value(secret, counter))

    return _code


# securitypolicyviolation events are not always mirrored in the console: record them too.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


class Watch:
    """What the browser says and asks while a person walks the pages."""

    def __init__(self, page: Page, origin: str):
        self.page = page
        self.origin = origin
        self.console: list[str] = []
        self.foreign: list[str] = []
        self.violations: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)
        page.on("request", self._request)

    def _console(self, message) -> None:
        if message.type in ("error", "warning"):
            self.console.append(message.text)

    def _request(self, request) -> None:
        url = request.url
        if not (url.startswith(self.origin + "/") or url.startswith(("data:", "blob:"))):
            self.foreign.append(url)

    def visit(self, path: str) -> None:
        self.page.goto(f"{self.origin}{path}")
        self.collect()

    def collect(self) -> None:
        self.violations += self.page.evaluate("window.__cspViolations || []")
        self.page.evaluate("window.__cspViolations = []")

    def assert_clean(self) -> None:
        self.collect()
        csp_console = [text for text in self.console if "Content Security Policy" in text]
        assert csp_console == [], csp_console
        assert self.violations == [], self.violations
        assert self.foreign == [], self.foreign


@pytest.fixture
def csp_watch():
    """`csp_watch(page, origin)`: records Content Security Policy violations and requests to
    any other origin while a journey runs; `.assert_clean()` at the end."""
    return Watch


# ACCESSIBILITY: axe-core on every page a journey loads
#
# Each time a page of a journey finishes loading, the next Playwright call the test makes first
# runs axe-core (tests/browser/vendor/axe-core) on it: the page as shown (English, or whatever it
# is in) at 390 px and 1280 px wide. After the journey's body, each URL it saw is opened again
# with GET in Spanish, as the same person, at both widths (`AxeWatch.check_spanish`). Checking at
# the next call, never inside the "load" event handler, keeps axe from racing the journey: the
# journey is between two actions, and the viewport is put back before its call goes on.
# A path (numbers stand for ids) is checked once per language and width per test session.
# Any violation of a WCAG 2.0/2.1/2.2 A or AA rule fails the test, listed after its body ran.
AXE_SOURCE = (Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js").read_text()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_WIDTHS = (390, 1280)
# A GET of these changes something (a new authenticator secret, new recovery codes): the
# Spanish copy is not opened there.
NO_SECOND_GET = ("/accounts/2fa/totp/activate/", "/accounts/2fa/recovery-codes/generate/")

AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations", "incomplete"],
  });
  const brief = (list) => list.map((rule) => ({
    id: rule.id,
    impact: rule.impact,
    help: rule.help,
    nodes: rule.nodes.map((node) => ({
      target: node.target.join(" "),
      summary: (node.failureSummary || "").split("\\n").slice(1).join(" ").trim(),
    })),
  }));
  return {violations: brief(results.violations), incomplete: brief(results.incomplete)};
}"""


def axe_inject(page: Page) -> None:
    """axe-core through the DevTools protocol (`evaluate`), which the page's Content Security
    Policy does not govern: no inline <script>, no `bypass_csp`, so the CSP journey still sees
    any inline script the pages themselves carry."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate("() => {\n" + AXE_SOURCE + "\n}")


def axe_run(page: Page) -> dict:
    axe_inject(page)
    return page.evaluate(AXE_RUN, AXE_TAGS)


def _path_key(url: str) -> str:
    import re
    from urllib.parse import urlsplit

    return re.sub(r"/\d+(?=/|$)", "/<id>", urlsplit(url).path)


class AxeAudit:
    """One per test session: what was checked clean, the time it took, what was found."""

    def __init__(self):
        self.clean: set[tuple[str, str, int]] = set()
        self.runs = 0
        self.seconds = 0.0
        self.found: list[str] = []
        self.skipped: list[str] = []

    def key_done(self, path: str, lang: str, width: int) -> bool:
        return (path, lang, width) in self.clean


AXE_AUDIT = AxeAudit()


class AxeWatch:
    """The pages of one test: which have loaded since they were last checked."""

    def __init__(self, audit: AxeAudit, new_context):
        self.audit = audit
        self.new_context = new_context
        self.pending: dict[int, Page] = {}
        self.violations: list[str] = []
        self.spanish: list[tuple[str, str, str | None]] = []
        self.browser = None
        self.busy = False

    def watch_context(self, context) -> None:
        context.on("page", self.watch_page)
        for page in context.pages:
            self.watch_page(page)

    def watch_page(self, page: Page) -> None:
        if getattr(page, "_axe_watched", False):
            return
        page._axe_watched = True
        page.on("load", lambda: self.pending.__setitem__(id(page), page))

    def flush(self) -> None:
        if self.busy or not self.pending:
            return
        self.busy = True
        try:
            while self.pending:
                _, page = self.pending.popitem()
                if not page.is_closed():
                    self.check(page)
        finally:
            self.busy = False

    def check(self, page: Page) -> None:
        import time

        url = page.url
        if not url.startswith("http"):
            return
        started = time.monotonic()
        try:
            if page.evaluate("document.contentType") != "text/html":
                return
            lang = page.evaluate("document.documentElement.lang") or "(none)"
        except Exception as error:  # JavaScript off in this context, or the page moved on
            self.audit.skipped.append(f"{url}: {str(error).splitlines()[0]}")
            return
        path = _path_key(url)
        self._at_widths(page, url, path, lang)
        if lang != "es" and not all(self.audit.key_done(path, "es", w) for w in AXE_WIDTHS):
            if not any(url.split("?")[0].endswith(p) for p in NO_SECOND_GET):
                self.browser = self.browser or page.context.browser
                self._remember_spanish(page, url, path)
        self.audit.seconds += time.monotonic() - started

    def _at_widths(self, page: Page, url: str, path: str, lang: str) -> None:
        todo = [w for w in AXE_WIDTHS if not self.audit.key_done(path, lang, w)]
        if not todo:
            return
        viewport = page.viewport_size
        try:
            for width in todo:
                if viewport is not None and viewport["width"] != width:
                    page.set_viewport_size({"width": width, "height": viewport["height"]})
                self._record(page, url, path, lang, width, axe_run(page))
        finally:
            if viewport is not None and page.viewport_size != viewport:
                page.set_viewport_size(viewport)

    def _record(self, page, url, path, lang, width, results) -> None:
        self.audit.runs += 1
        if not results["violations"]:
            self.audit.clean.add((path, lang, width))
            return
        for rule in results["violations"]:
            for node in rule["nodes"]:
                line = (
                    f"{rule['id']} ({rule['impact']}) at {width}px, lang={lang}, {url}\n"
                    f"    {node['target']}\n    {rule['help']}: {node['summary']}"
                )
                self.violations.append(line)
                self.audit.found.append(line)

    def _remember_spanish(self, page: Page, url: str, path: str) -> None:
        """The Spanish copy of this page is opened after the journey's body has run (its
        requests would otherwise add to what the journey counts, such as the access trail):
        remember the URL and who was looking at it."""
        from django.contrib.sessions.backends.db import SessionStore

        if any(seen_path == path for _, seen_path, _ in self.spanish):
            return
        cookies = page.context.cookies()
        session_key = next((c["value"] for c in cookies if c["name"] == "sessionid"), None)
        user_id = SessionStore(session_key).get("_auth_user_id") if session_key else None
        self.spanish.append((url, path, user_id))

    def check_spanish(self) -> None:
        """Each remembered URL opened with GET in Spanish, in a browser context of its own: as
        the same person (a session of their own, `force_login`, with their profile language set
        to Spanish meanwhile and restored after), or with the `django_language` cookie for a
        page nobody was signed in to. The page may have changed since (a record deleted later
        in the journey): whatever it shows now is checked."""
        from urllib.parse import urlsplit

        from django.conf import settings
        from django.test import Client

        from accounts.models import Profile, User

        self.busy = True
        try:
            while self.spanish:
                url, path, user_id = self.spanish.pop(0)
                if all(self.audit.key_done(path, "es", w) for w in AXE_WIDTHS):
                    continue
                # Cookies for the whole site (a cookie given only a URL is limited to its folder).
                site = {"domain": urlsplit(url).hostname, "path": "/"}
                cookies = [{"name": "django_language", "value": "es", **site}]
                profiles = Profile.objects.filter(user_id=user_id or 0)
                old_language = profiles.values_list("preferred_language", flat=True).first()
                user = User.objects.filter(pk=user_id or 0).first()
                if user is not None:
                    client = Client()
                    client.force_login(user)
                    session = client.cookies[settings.SESSION_COOKIE_NAME].value
                    cookies.append({"name": "sessionid", "value": session, **site})
                context = None
                try:
                    # .update(): the field history records a person's own change, not a test's.
                    profiles.update(preferred_language="es")
                    context = self.new_context(
                        self.browser, viewport={"width": AXE_WIDTHS[0], "height": 900}
                    )
                    context.add_cookies(cookies)
                    helper = context.new_page()
                    response = helper.goto(url)
                    if response is not None and response.status >= 500:
                        self.violations.append(f"Spanish copy answered {response.status}: {url}")
                        continue
                    if helper.evaluate("document.contentType") != "text/html":
                        continue
                    lang = helper.evaluate("document.documentElement.lang") or "(none)"
                    if lang != "es":
                        self.violations.append(f"Spanish copy not in Spanish (lang={lang}): {url}")
                    self._at_widths(helper, helper.url, _path_key(helper.url), lang)
                finally:
                    if old_language is not None:
                        profiles.update(preferred_language=old_language)
                    if context is not None:
                        context.close()
        finally:
            self.busy = False


@pytest.fixture(autouse=True)
def _axe_every_page(monkeypatch):
    """Hooks every browser context a journey opens (the `page` fixture's, `browser.new_context`,
    `browser.new_page`) and runs the pending checks at the start of the journey's next
    Playwright call (the one door all sync calls go through)."""
    import greenlet
    from playwright._impl._sync_base import SyncBase
    from playwright.sync_api import Browser

    main = greenlet.getcurrent()
    original_sync = SyncBase._sync
    original_new_context = Browser.new_context
    original_new_page = Browser.new_page
    watch = AxeWatch(AXE_AUDIT, new_context=original_new_context)

    def _sync(self, awaitable):
        if watch.pending and not watch.busy and greenlet.getcurrent() is main:
            watch.flush()
        return original_sync(self, awaitable)

    def new_context(self, *args, **kwargs):
        context = original_new_context(self, *args, **kwargs)
        watch.watch_context(context)
        return context

    def new_page(self, *args, **kwargs):
        page = original_new_page(self, *args, **kwargs)
        watch.watch_context(page.context)
        return page

    monkeypatch.setattr(SyncBase, "_sync", _sync)
    monkeypatch.setattr(Browser, "new_context", new_context)
    monkeypatch.setattr(Browser, "new_page", new_page)
    yield watch


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    outcome = yield
    watch = item.funcargs.get("_axe_every_page")
    if watch is None or outcome.excinfo is not None:
        return
    watch.flush()
    watch.check_spanish()
    if watch.violations:
        report = "\n".join(watch.violations)
        outcome.force_exception(
            AssertionError(f"axe-core: {len(watch.violations)} accessibility problems\n{report}")
        )


def pytest_terminal_summary(terminalreporter):
    if not AXE_AUDIT.runs:
        return
    pages = {path for path, _, _ in AXE_AUDIT.clean}
    terminalreporter.write_line(
        f"axe-core: {AXE_AUDIT.runs} runs ({len(pages)} paths clean in some language and width),"
        f" {AXE_AUDIT.seconds:.1f}s, {len(AXE_AUDIT.found)} violations,"
        f" {len(AXE_AUDIT.skipped)} pages not checked"
    )
    for line in AXE_AUDIT.skipped:
        terminalreporter.write_line(f"  not checked: {line}")
