"""The benchmark's server and client: gunicorn as production runs it (DEBUG off, plain http
on 127.0.0.1 only), and a small HTTP client with real sessions (allauth login with CSRF)."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://peerpath:peerpath@127.0.0.1:5432/peerpath_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
HOST = "127.0.0.1"

# The server's environment: production settings (DEBUG off) with plain http on loopback.
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DEBUG": "false",
    "SECRET_KEY": "benchmark-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": HOST,
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "SECURE_HSTS_SECONDS": "0",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "false",
    "SECURE_HSTS_PRELOAD": "false",
    "ACCOUNT_DEFAULT_HTTP_PROTOCOL": "http",
    "COORDINATOR_MFA_REQUIRED": "false",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "LOG_LEVEL": "WARNING",
}


# SERVER


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    env = {**os.environ, **SERVER_ENV}
    process = subprocess.Popen(
        [
            str(gunicorn),
            "config.wsgi:application",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"{HOST}:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if request(port, "GET", "/healthz").status == 200:
                return process
        except OSError:
            pass
        if process.poll() is not None:
            raise SystemExit("gunicorn exited while starting")
        time.sleep(0.3)
    stop_gunicorn(process)
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def stop_gunicorn(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# HTTP CLIENT


@dataclass
class Response:
    status: int
    body: bytes
    cookies: dict[str, str]


def request(port, method, path, *, cookies=None, form=None, headers=None) -> Response:
    """One request on a fresh connection (gunicorn's sync workers close after each one)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    all_headers = {"Host": f"{HOST}:{port}", **(headers or {})}
    if cookies:
        all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = None
    if form is not None:
        body = urlencode(form)
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        payload = response.read()
        jar = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        return Response(response.status, payload, {k: m.value for k, m in jar.items()})
    finally:
        connection.close()


@dataclass
class Session:
    cookies: dict[str, str]

    @property
    def csrf(self) -> str:
        return self.cookies["csrftoken"]


def log_in(port: int, email: str, password: str) -> Session:
    page = request(port, "GET", "/accounts/login/")
    cookies = dict(page.cookies)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body).group(1)
    response = request(
        port,
        "POST",
        "/accounts/login/",
        cookies=cookies,
        form={"login": email, "password": password, "csrfmiddlewaretoken": token.decode()},
    )
    cookies.update(response.cookies)
    if response.status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"could not log in as {email}: HTTP {response.status}")
    return Session(cookies)
