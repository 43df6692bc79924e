"""notifications.sms: phone numbers, message text and the backends. The Twilio backend talks to
a fake Twilio on 127.0.0.1 (a real HTTP server in a thread), never to the real API."""

import base64
import io
import json
import pickle
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError

from notifications.sms import (
    SMS_MAX_LENGTH,
    ConsoleSmsBackend,
    SmsError,
    TwilioSmsBackend,
    get_backend,
    sms_text,
    validate_phone_number,
)

SID = "AC0123456789abcdef0123456789abcdef"
TOKEN = "secret-token"
MESSAGES_PATH = f"/2010-04-01/Accounts/{SID}/Messages.json"

# Phone numbers


@pytest.mark.parametrize(
    "typed, e164",
    [
        ("(202) 456-1111", "+12024561111"),
        ("202.456.1111", "+12024561111"),
        ("  +1 202 456 1111 ", "+12024561111"),
        ("+44 20 7946 0958", "+442079460958"),  # foreign, with its country code
        ("+49 30 1234567", "+49301234567"),
    ],
)
def test_a_valid_number_comes_back_in_e164(typed, e164):
    assert validate_phone_number(typed) == e164


def test_a_number_without_country_code_is_read_in_the_given_or_default_region(settings):
    assert validate_phone_number("020 7946 0958", region="GB") == "+442079460958"
    with pytest.raises(ValidationError):
        validate_phone_number("020 7946 0958")  # not a US number
    settings.SMS_DEFAULT_REGION = "GB"
    assert validate_phone_number("020 7946 0958") == "+442079460958"


@pytest.mark.parametrize(
    "typed, message",
    [
        ("", "Enter a phone number."),
        ("   ", "Enter a phone number."),
        ("not a number", "Enter a valid phone number"),
        ("+999 123", "Enter a valid phone number"),  # no such country code
        ("12", "too short"),
        ("+1 202 456 111", "too short"),
        ("+1 202 456 11111", "too long"),
        ("456-1111", "Include the area code"),
        ("+1 123 456 7890", "does not exist"),  # US area codes never start with 1
        ("+1 202 456 1111 ext. 5", "extension"),
        ("1" * 300, "Enter a valid phone number"),
    ],
)
def test_a_bad_number_is_a_validation_error_with_a_clear_message(typed, message):
    with pytest.raises(ValidationError) as error:
        validate_phone_number(typed)
    assert message in error.value.messages[0]


# Message text


def test_sms_text_makes_one_clean_line():
    assert sms_text("  You have a\r\ncheck-in\twaiting\n\n in PeerPath. ") == (
        "You have a check-in waiting in PeerPath."
    )
    # Terminal escapes, NUL and a right-to-left override that would disguise a link.
    assert sms_text("Hi\x1b[31m Sam\x00\u202e moc.elpmaxe") == "Hi[31m Sam moc.elpmaxe"
    assert sms_text("Café, mañana 👋") == "Café, mañana 👋"


def test_sms_text_truncates_long_text_to_320_characters():
    short = "x" * SMS_MAX_LENGTH
    assert sms_text(short) == short
    long = sms_text("word " * 200)
    assert SMS_MAX_LENGTH == 320
    assert len(long) <= 320
    assert long.endswith("...")
    assert long.startswith("word word")


# Console backend


def test_console_backend_prints_and_appends_to_a_file(settings, tmp_path, capsys):
    settings.SMS_FILE_PATH = str(tmp_path / "sms")
    backend = get_backend()
    assert isinstance(backend, ConsoleSmsBackend)

    first = backend.send(to="+12024561111", body="You have a check-in waiting in PeerPath.")
    second = backend.send(to="+442079460958", body="Your meeting starts in 1 hour.")

    assert first != second
    printed = capsys.readouterr().out
    assert "+12024561111" in printed and "check-in waiting" in printed
    [log] = (tmp_path / "sms").iterdir()
    written = log.read_text()
    assert written.index(first) < written.index("+12024561111") < written.index(second)
    assert "Your meeting starts in 1 hour." in written


def test_console_backend_refuses_what_a_provider_would(tmp_path):
    backend = ConsoleSmsBackend(file_path=tmp_path, stream=io.StringIO())
    for to, body in [("2024561111", "Hi"), ("+12024561111", "  ")]:
        with pytest.raises(SmsError) as error:
            backend.send(to=to, body=body)
        assert error.value.retryable is False
    assert list(tmp_path.iterdir()) == []


def test_console_backend_that_cannot_write_raises_sms_error(tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    backend = ConsoleSmsBackend(file_path=blocker, stream=io.StringIO())
    with pytest.raises(SmsError):
        backend.send(to="+12024561111", body="Hi")


# Twilio backend against a fake Twilio on 127.0.0.1


class FakeTwilio:
    """Answers every POST with `status` and `answer` (a dict sent as JSON, or bytes), after
    `delay` seconds; records each request's path, headers and form fields."""

    def __init__(self):
        self.status = 201
        self.answer: dict | bytes = {"sid": "SM0123456789abcdef0123456789abcdef"}
        self.headers: dict[str, str] = {}
        self.delay = 0.0
        self.requests: list[dict] = []
        self.released = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                fake.requests.append(
                    {
                        "path": self.path,
                        "headers": dict(self.headers),
                        "form": parse_qs(self.rfile.read(length).decode()),
                    }
                )
                if fake.delay:
                    fake.released.wait(fake.delay)
                answer = fake.answer
                body = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
                try:
                    self.send_response(fake.status)
                    for name, value in fake.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up waiting

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def fake_twilio(settings):
    fake = FakeTwilio()
    thread = threading.Thread(target=fake.server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    settings.SMS_BACKEND = "notifications.sms.TwilioSmsBackend"
    settings.SMS_TWILIO_BASE_URL = fake.base_url
    settings.SMS_TWILIO_ACCOUNT_SID = SID
    settings.SMS_TWILIO_AUTH_TOKEN = TOKEN
    settings.SMS_TWILIO_FROM = "+12025550100"
    settings.SMS_TWILIO_MESSAGING_SERVICE_SID = ""
    settings.SMS_TIMEOUT = 5
    yield fake
    fake.released.set()
    fake.server.shutdown()
    fake.server.server_close()
    thread.join(timeout=5)


def test_twilio_posts_the_message_and_returns_its_sid(fake_twilio):
    backend = get_backend()
    assert isinstance(backend, TwilioSmsBackend)

    sid = backend.send(to="+12024561111", body="You have a check-in waiting in PeerPath.")

    assert sid == "SM0123456789abcdef0123456789abcdef"
    [request] = fake_twilio.requests
    assert request["path"] == MESSAGES_PATH
    scheme, credentials = request["headers"]["Authorization"].split(" ")
    assert scheme == "Basic"
    assert base64.b64decode(credentials).decode() == f"{SID}:{TOKEN}"
    assert request["headers"]["Content-Type"] == "application/x-www-form-urlencoded"
    assert request["form"] == {
        "To": ["+12024561111"],
        "From": ["+12025550100"],
        "Body": ["You have a check-in waiting in PeerPath."],
    }


def test_twilio_sends_from_the_messaging_service_when_one_is_set(fake_twilio, settings):
    settings.SMS_TWILIO_MESSAGING_SERVICE_SID = "MG0123456789abcdef0123456789abcdef"
    get_backend().send(to="+442079460958", body="Your meeting starts in 1 hour.")
    [request] = fake_twilio.requests
    assert request["form"]["MessagingServiceSid"] == ["MG0123456789abcdef0123456789abcdef"]
    assert "From" not in request["form"]


def test_twilio_refusing_the_number_is_not_retryable(fake_twilio):
    fake_twilio.status = 400
    fake_twilio.answer = {
        "code": 21211,
        "message": "The 'To' number is not a valid phone number.",
        "status": 400,
    }
    with pytest.raises(SmsError) as error:
        get_backend().send(to="+12024561111", body="Hi")
    assert error.value.retryable is False
    assert error.value.status == 400
    assert "21211" in str(error.value)
    assert isinstance(error.value, OSError)
    # A worker process hands the exception to its parent pickled: it must survive that.
    copy = pickle.loads(pickle.dumps(error.value))
    assert (type(copy), str(copy), copy.retryable, copy.status) == (
        SmsError,
        str(error.value),
        False,
        400,
    )


@pytest.mark.parametrize("status", [429, 500, 503])
def test_twilio_busy_or_failing_is_retryable(fake_twilio, status):
    fake_twilio.status = status
    fake_twilio.answer = b"<html>busy</html>"  # not JSON: still a clean SmsError
    with pytest.raises(SmsError) as error:
        get_backend().send(to="+12024561111", body="Hi")
    assert error.value.retryable is True
    assert error.value.status == status


def test_twilio_that_never_answers_times_out_and_is_retryable(fake_twilio, settings):
    settings.SMS_TIMEOUT = 0.3
    fake_twilio.delay = 30
    started = time.monotonic()
    with pytest.raises(SmsError) as error:
        get_backend().send(to="+12024561111", body="Hi")
    assert time.monotonic() - started < 5
    assert error.value.retryable is True
    assert error.value.status is None
    assert len(fake_twilio.requests) == 1


def test_twilio_unreachable_is_retryable(settings):
    # A bound socket that does not listen: connecting to it is refused at once.
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        settings.SMS_TWILIO_BASE_URL = f"http://127.0.0.1:{closed.getsockname()[1]}"
        backend = TwilioSmsBackend(account_sid=SID, auth_token=TOKEN, from_number="+12025550100")
        with pytest.raises(SmsError) as error:
            backend.send(to="+12024561111", body="Hi")
    assert error.value.retryable is True
    assert "refused" in str(error.value).lower()


def test_twilio_answer_without_a_sid_is_an_error_not_retried(fake_twilio):
    fake_twilio.answer = b"not json"
    with pytest.raises(SmsError) as error:
        get_backend().send(to="+12024561111", body="Hi")
    assert error.value.retryable is False  # the message may have gone out: never send twice


def test_twilio_redirect_is_not_followed_with_the_credentials(fake_twilio):
    fake_twilio.status = 307
    fake_twilio.headers = {"Location": f"{fake_twilio.base_url}/elsewhere"}
    with pytest.raises(SmsError) as error:
        get_backend().send(to="+12024561111", body="Hi")
    assert error.value.retryable is False
    assert [r["path"] for r in fake_twilio.requests] == [MESSAGES_PATH]


def test_twilio_refuses_an_invalid_recipient_before_calling(fake_twilio):
    with pytest.raises(SmsError) as error:
        get_backend().send(to="202 456 1111", body="Hi")
    assert error.value.retryable is False
    assert fake_twilio.requests == []


# Configuration


def test_twilio_without_credentials_or_sender_is_improperly_configured(settings):
    settings.SMS_TWILIO_ACCOUNT_SID = SID
    settings.SMS_TWILIO_AUTH_TOKEN = ""
    settings.SMS_TWILIO_FROM = "+12025550100"
    with pytest.raises(ImproperlyConfigured, match="AUTH_TOKEN"):
        get_backend("notifications.sms.TwilioSmsBackend")
    settings.SMS_TWILIO_AUTH_TOKEN = TOKEN
    settings.SMS_TWILIO_FROM = ""
    settings.SMS_TWILIO_MESSAGING_SERVICE_SID = ""
    with pytest.raises(ImproperlyConfigured, match="SMS_TWILIO_FROM"):
        get_backend("notifications.sms.TwilioSmsBackend")


def test_twilio_credentials_never_travel_over_plain_http_to_another_host():
    with pytest.raises(ImproperlyConfigured, match="https"):
        TwilioSmsBackend(
            account_sid=SID,
            auth_token=TOKEN,
            from_number="+12025550100",
            base_url="http://api.twilio.com",
        )


@pytest.mark.parametrize(
    "path", ["notifications.sms.Missing", "no_such_module.Backend", "notifications.sms.sms_text"]
)
def test_an_unknown_backend_is_improperly_configured(path):
    with pytest.raises(ImproperlyConfigured):
        get_backend(path)
