"""Subjects and bodies of notifications, and the signed one-click unsubscribe links.

`render_notification(notification, user)` -> `Rendered(subject, text, html, unsubscribe_url)`.
The context holds only safe things: the recipient's display name, the link, and a program
name that is left out (None) when the program's kind is recovery.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.html import escape

from accounts.mail import header_line, render_plain
from accounts.models import Program

from .kinds import KINDS, kind_get

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


def one_line(text: str, limit: int = 150) -> str:
    """Collapses line breaks and runs of spaces: a header must be one line."""
    return header_line(text, limit)


def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}{path}"


def _kind_tag(kind: str) -> str:
    # A signed token is only base64, not encrypted: a kind's name in it ("return_to_use_shared")
    # would tell whoever reads the link what it was about. The tag means nothing without the
    # secret key; reading a token compares it with each kind's tag.
    return salted_hmac(UNSUBSCRIBE_SALT, kind).hexdigest()[:16]


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    return signing.dumps({"u": user_id, "k": _kind_tag(kind)}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_token_read(token: str) -> tuple[int, str]:
    """Raises signing.BadSignature (or SignatureExpired) for a tampered or old link."""
    data = signing.loads(
        token, salt=UNSUBSCRIBE_SALT, max_age=settings.UNSUBSCRIBE_VALID_DAYS * 24 * 3600
    )
    if not isinstance(data, dict) or "u" not in data or "k" not in data:
        raise signing.BadSignature("incomplete")
    kind = next((code for code in KINDS if _kind_tag(code) == data["k"]), None)
    if kind is None:
        raise signing.BadSignature("unknown kind")
    return int(data["u"]), kind


def unsubscribe_url(*, user_id: int, kind: str) -> str:
    token = unsubscribe_token(user_id=user_id, kind=kind)
    return absolute_url(reverse("notifications:unsubscribe", kwargs={"token": token}))


def program_display_name(program: Program | None) -> str | None:
    if program is None or program.kind == Program.Kind.RECOVERY:
        return None
    return one_line(program.name, 80)


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    unsubscribe_url: str


def open_url(notification) -> str:
    """Emails and texts link to PeerPath's own redirect, not to `notification.url`: the page's
    address may name the program (its slug), which a recovery program's mail must not."""
    return absolute_url(reverse("notifications:open", kwargs={"notification_id": notification.pk}))


def notification_context(notification, user) -> dict:
    return {
        "display_name": one_line(user.display_name, 60),
        "url": open_url(notification),
        "program_name": program_display_name(notification.program),
        "site_name": "PeerPath",
    }


# The one word a caller may add: the other person's display name. Other keys are ignored.
SAFE_CONTEXT_KEYS = ("other_name",)


def user_language(user) -> str:
    profile = getattr(user, "profile", None)
    return getattr(profile, "preferred_language", None) or settings.LANGUAGE_CODE


def render_title(*, kind: str, program: Program | None, user, context: dict | None = None) -> str:
    """The short, safe line stored on the Notification, shown in the bell and used as the
    email subject, in the recipient's language. Only `other_name` from `context` reaches it."""
    return title_for(
        kind=kind,
        program=program,
        language=user_language(user),
        other_name=one_line((context or {}).get("other_name", ""), 80),
    )


def title_for(*, kind: str, program: Program | None, language: str, other_name: str) -> str:
    # A sweep renders the same few titles many times: notifications_send_bulk memoizes this.
    with translation.override(language):
        context = {"other_name": other_name, "program_name": program_display_name(program)}
        return one_line(render_plain(kind_get(kind).subject_template, context), 200)


def render_notification(notification, user) -> Rendered:
    kind = kind_get(notification.kind)
    with translation.override(user_language(user)):
        context = notification_context(notification, user)
        context["unsubscribe_url"] = unsubscribe_url(user_id=user.pk, kind=kind.code)
        subject = one_line(notification.title) or one_line(
            render_plain(kind.subject_template, context)
        )
        context["title"] = subject
        text = render_plain(kind.text_template, context)
        html = render_to_string(kind.html_template, context)
    return Rendered(subject, text, html, context["unsubscribe_url"])


# The per-person parts of an email, as slots in a rendered skeleton (private-use characters that
# neither a template nor escaping produces).
_SLOT_NAMES = ("display_name", "title", "url", "unsubscribe_url")
_SLOTS = re.compile("\ue000(" + "|".join(_SLOT_NAMES) + ")\ue001")


def _fill(skeleton: str, values: dict[str, str], *, html: bool) -> str:
    # One pass: a value that happens to contain a slot is not filled in again.
    return _SLOTS.sub(lambda m: escape(values[m[1]]) if html else values[m[1]], skeleton)


class EmailRenderer:
    """`render_notification` for a chunk of deliveries: the templates of each (kind, language,
    program name) are rendered once, with slots for the recipient's name, the title and the
    two links, which are filled in per person (escaped in the HTML part as the template
    would). Same output as `render_notification`; one instance per chunk, never kept."""

    def __init__(self):
        self._skeletons: dict[tuple, tuple[str, str, str]] = {}

    def _skeleton(self, kind, language: str, program_name: str | None) -> tuple[str, str, str]:
        key = (kind.code, language, program_name)
        if key not in self._skeletons:
            context = {name: f"\ue000{name}\ue001" for name in _SLOT_NAMES}
            context |= {"program_name": program_name, "site_name": "PeerPath"}
            with translation.override(language):
                self._skeletons[key] = (
                    render_plain(kind.subject_template, context),
                    render_plain(kind.text_template, context),
                    render_to_string(kind.html_template, context),
                )
        return self._skeletons[key]

    def render(self, notification, user) -> Rendered:
        kind = kind_get(notification.kind)
        subject, text, html = self._skeleton(
            kind, user_language(user), program_display_name(notification.program)
        )
        values = {
            "display_name": one_line(user.display_name, 60),
            "url": open_url(notification),
            "unsubscribe_url": unsubscribe_url(user_id=user.pk, kind=kind.code),
            "title": "",
        }
        values["title"] = one_line(notification.title) or one_line(
            _fill(subject, values, html=False)
        )
        return Rendered(
            values["title"],
            _fill(text, values, html=False),
            _fill(html, values, html=True),
            values["unsubscribe_url"],
        )


def render_sms(notification, user) -> str:
    """A text message: the subject line and the link, nothing else."""
    return f"{one_line(notification.title)} {open_url(notification)}"
