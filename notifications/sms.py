"""Text messages: phone number validation, short plain-text bodies and the SMS backends.

`get_backend()` builds the backend named by `settings.SMS_BACKEND`, as Django's email does:
the console backend prints each message and keeps a copy under `var/sms/` in development;
`TwilioSmsBackend` talks to Twilio's REST API in production. This module knows nothing of
people or notifications: the notifications services decide who gets what.
"""

from __future__ import annotations

import abc
import base64
import importlib
import json
import re
import sys
import unicodedata
import uuid
from datetime import UTC, datetime
from http.client import HTTPException
from pathlib import Path
from typing import TextIO
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlencode, urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

import phonenumbers
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext_lazy as _

# Two concatenated messages at most; carriers split longer texts unpredictably.
SMS_MAX_LENGTH = 320
E164 = re.compile(r"^\+[1-9]\d{1,14}$")
# A provider's answer larger than this is not something we need to read.
MAX_RESPONSE_BYTES = 64 * 1024


# Phone numbers


def validate_phone_number(value: str, *, region: str | None = None) -> str:
    """The number in E.164 (`+12025550123`), or ValidationError. A number written without
    a country code is read as a number of `region` (default `settings.SMS_DEFAULT_REGION`)."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(_("Enter a phone number."), code="required")
    try:
        number = phonenumbers.parse(text, region or settings.SMS_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise ValidationError(
            _(
                "Enter a valid phone number. For a number in another country, "
                "start with + and the country code."
            ),
            code="invalid_phone_number",
        ) from None
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == phonenumbers.ValidationResult.TOO_SHORT:
        raise ValidationError(_("This phone number is too short."), code="impossible_phone_number")
    if reason == phonenumbers.ValidationResult.TOO_LONG:
        raise ValidationError(_("This phone number is too long."), code="impossible_phone_number")
    if reason == phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
        raise ValidationError(
            _("Include the area code in the phone number."), code="impossible_phone_number"
        )
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE or not phonenumbers.is_valid_number(
        number
    ):
        raise ValidationError(
            _("This phone number does not exist. Check the digits and the country code."),
            code="invalid_phone_number",
        )
    if number.extension:
        raise ValidationError(
            _("Text messages cannot reach an extension: enter the number without it."),
            code="phone_number_extension",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# Message text

_INVISIBLE = {"Cc", "Cf", "Co", "Cs", "Cn"}  # controls, format (bidi overrides), unassigned


def sms_text(text: str) -> str:
    """One line of plain text, at most SMS_MAX_LENGTH characters: line breaks and tabs become
    spaces, control and invisible formatting characters go, long text ends with "..." (ASCII,
    so a text that is otherwise GSM-7 is not billed as Unicode)."""
    kept = []
    for char in text:
        if char.isspace():
            kept.append(" ")
        elif unicodedata.category(char) not in _INVISIBLE:
            kept.append(char)
    line = " ".join("".join(kept).split())
    if len(line) <= SMS_MAX_LENGTH:
        return line
    return line[: SMS_MAX_LENGTH - 3].rstrip() + "..."


# Backends


class SmsError(OSError):
    """Sending failed. An OSError, so a task's retry rules for network errors apply; retry
    only when `retryable` (a timeout, a lost connection, 429 or 5xx), never for a number or
    a request the provider refused."""

    def __init__(self, message: str, *, retryable: bool, status: int | None = None):
        super().__init__(message)
        self.retryable = retryable
        self.status = status

    def __str__(self) -> str:
        return self.args[0]

    def __reduce__(self):
        # Celery's prefork pool pickles a task's exception back to the main process.
        return (_rebuild_sms_error, (type(self), self.args[0], self.retryable, self.status))


def _rebuild_sms_error(cls, message, retryable, status):
    return cls(message, retryable=retryable, status=status)


class SmsBackend(abc.ABC):
    @abc.abstractmethod
    def send(self, *, to: str, body: str) -> str:
        """Send `body` to `to` (E.164); return the provider's message id or raise SmsError."""

    @staticmethod
    def check_message(*, to: str, body: str) -> None:
        # Every backend refuses the same things, so development shows what production would.
        if not E164.match(to or ""):
            raise SmsError("The recipient is not a phone number in E.164 form.", retryable=False)
        if not (body or "").strip():
            raise SmsError("The message is empty.", retryable=False)


class ConsoleSmsBackend(SmsBackend):
    """Development: print each message and append it to a file under SMS_FILE_PATH, one file
    a day, as config.mail.ConsoleAndFileBackend does for email under var/mail/."""

    def __init__(self, *, file_path: str | Path | None = None, stream: TextIO | None = None):
        self.file_path = Path(file_path or settings.SMS_FILE_PATH)
        self.stream = stream

    def send(self, *, to: str, body: str) -> str:
        self.check_message(to=to, body=body)
        now = datetime.now(UTC)
        message_id = f"console-{uuid.uuid4().hex}"
        entry = (
            f"Id: {message_id}\nDate: {now.isoformat(timespec='seconds')}\nTo: {to}\n\n"
            f"{body}\n{'-' * 79}\n"
        )
        stream = self.stream or sys.stdout
        stream.write(entry)
        stream.flush()
        try:
            self.file_path.mkdir(parents=True, exist_ok=True)
            # One write in append mode: worker processes appending at once don't interleave.
            with open(self.file_path / f"{now:%Y-%m-%d}.log", "a", encoding="utf-8") as file:
                file.write(entry)
        except OSError as error:
            raise SmsError(
                f"Could not write the message under {self.file_path}: {error}", retryable=False
            ) from error
        return message_id


class _RefuseRedirects(HTTPRedirectHandler):
    # urllib would resend the Authorization header to wherever a redirect points.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _is_loopback(host: str | None) -> bool:
    return host in ("127.0.0.1", "localhost", "::1")


class TwilioSmsBackend(SmsBackend):
    """Twilio's Messages API over HTTPS with the standard library (no HTTP dependency)."""

    def __init__(
        self,
        *,
        account_sid: str | None = None,
        auth_token: str | None = None,
        from_number: str | None = None,
        messaging_service_sid: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
    ):
        self.account_sid = account_sid or settings.SMS_TWILIO_ACCOUNT_SID
        self.auth_token = auth_token or settings.SMS_TWILIO_AUTH_TOKEN
        self.from_number = from_number or settings.SMS_TWILIO_FROM
        self.messaging_service_sid = (
            messaging_service_sid or settings.SMS_TWILIO_MESSAGING_SERVICE_SID
        )
        self.base_url = (base_url or settings.SMS_TWILIO_BASE_URL).rstrip("/")
        self.timeout = timeout if timeout is not None else settings.SMS_TIMEOUT
        if not (self.account_sid and self.auth_token):
            raise ImproperlyConfigured(
                "TwilioSmsBackend needs SMS_TWILIO_ACCOUNT_SID and SMS_TWILIO_AUTH_TOKEN."
            )
        if not (self.from_number or self.messaging_service_sid):
            raise ImproperlyConfigured(
                "TwilioSmsBackend needs SMS_TWILIO_FROM or SMS_TWILIO_MESSAGING_SERVICE_SID."
            )
        url = urlsplit(self.base_url)
        if not (url.scheme == "https" or (url.scheme == "http" and _is_loopback(url.hostname))):
            raise ImproperlyConfigured(
                "SMS_TWILIO_BASE_URL must use https (plain http only on this machine, for tests)."
            )
        account = quote(self.account_sid, safe="")
        self.url = f"{self.base_url}/2010-04-01/Accounts/{account}/Messages.json"
        self.opener = build_opener(_RefuseRedirects)

    def send(self, *, to: str, body: str) -> str:
        self.check_message(to=to, body=body)
        fields = {"To": to, "Body": body}
        if self.messaging_service_sid:
            fields["MessagingServiceSid"] = self.messaging_service_sid
        else:
            fields["From"] = self.from_number
        credentials = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        request = Request(
            self.url,
            data=urlencode(fields).encode(),
            method="POST",
            headers={
                "Authorization": f"Basic {credentials}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
                "User-Agent": "PeerPath",
            },
        )
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                status, payload = response.status, response.read(MAX_RESPONSE_BYTES)
        except HTTPError as error:
            raise self._refused(error) from error
        except (URLError, HTTPException, OSError) as error:
            # Timeouts (also while reading), refused or reset connections, DNS failures.
            reason = getattr(error, "reason", error)
            raise SmsError(f"Twilio could not be reached: {reason!r}", retryable=True) from error
        return self._message_id(status, payload)

    @staticmethod
    def _refused(error: HTTPError) -> SmsError:
        status = error.code
        detail = ""
        try:
            answer = json.loads(error.read(MAX_RESPONSE_BYTES) or b"{}")
            if isinstance(answer, dict):
                detail = f" (Twilio error {answer.get('code')}: {answer.get('message')})"
        except (OSError, HTTPException, ValueError):
            pass
        retryable = status in (408, 429) or status >= 500
        return SmsError(
            f"Twilio answered {status}{detail}"[:500], retryable=retryable, status=status
        )

    @staticmethod
    def _message_id(status: int, payload: bytes) -> str:
        # Not retryable from here on: the message may have gone out, and a retry could send
        # it twice.
        try:
            sid = json.loads(payload).get("sid")
        except (ValueError, AttributeError):
            sid = None
        if not (isinstance(sid, str) and sid):
            raise SmsError(
                f"Twilio answered {status} without a message id.", retryable=False, status=status
            )
        return sid


def get_backend(path: str | None = None, **kwargs) -> SmsBackend:
    """The backend named by `path` or settings.SMS_BACKEND (a dotted path to a class)."""
    dotted = path or settings.SMS_BACKEND
    module_name, _dot, class_name = dotted.rpartition(".")
    try:
        backend_class = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError, ValueError) as error:
        raise ImproperlyConfigured(f"SMS_BACKEND {dotted!r} cannot be imported.") from error
    if not (isinstance(backend_class, type) and issubclass(backend_class, SmsBackend)):
        raise ImproperlyConfigured(f"SMS_BACKEND {dotted!r} is not an SmsBackend.")
    return backend_class(**kwargs)
