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
