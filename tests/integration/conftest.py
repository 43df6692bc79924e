"""Real Celery workers for the integration tests: one in a thread of the test process
(`real_worker`), or separate OS processes on the test database (`worker_processes`)."""

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings
from django.db import connection

from config.celery import app

BASE_DIR = Path(__file__).resolve().parents[2]


def _close_worker_connection(**_kwargs):
    # The worker thread's own database connection, closed after each task so the test
    # database can be dropped at the end of the run.
    connection.close()


@pytest.fixture
def real_worker(transactional_db):
    app.conf.task_always_eager = False
    task_postrun.connect(_close_worker_connection, weak=False)
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=10):
            yield
    finally:
        task_postrun.disconnect(_close_worker_connection)
        app.conf.task_always_eager = True


def _swap_producer_pools(pools: tuple) -> tuple:
    """Puts `pools` (connection pool, producer pool) in the app; returns those it had.
    (None, None) makes the app build new ones from its current broker options."""
    previous = (app._pool, app.amqp._producer_pool)
    app._pool, app.amqp._producer_pool = pools
    return previous


def _database_url() -> str:
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        name = database["NAME"]
        if "memory" in str(name):
            raise RuntimeError("worker processes need a file test database (tests/conftest.py)")
        return f"sqlite:///{name}"
    user = quote(database["USER"] or "", safe="")
    password = quote(database["PASSWORD"] or "", safe="")
    host = database["HOST"] or "127.0.0.1"
    port = database["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{database['NAME']}"


class WorkerProcesses:
    """Starts `celery worker` processes on the test database, the test's broker and a file
    email backend writing to `mail_dir`; each in its own process group."""

    def __init__(self, tmp_path: Path, environment: dict):
        self.tmp_path = tmp_path
        self.environment = environment
        self.mail_dir = Path(environment["EMAIL_FILE_PATH"])
        self.started: list[subprocess.Popen] = []

    def start(self, *, concurrency: int = 2, beat: bool = False) -> subprocess.Popen:
        """`beat=True` embeds celery beat (-B) with django-celery-beat's DatabaseScheduler,
        as `make run` and production schedule the sweeps."""
        name = f"test-{uuid.uuid4().hex[:8]}@%h"
        beat_args = (
            [
                "-B",
                "--scheduler",
                "django_celery_beat.schedulers:DatabaseScheduler",
                "-s",
                str(self.tmp_path / "beat-schedule"),
            ]
            if beat
            else []
        )
        log = open(self.tmp_path / f"worker-{len(self.started)}.log", "wb")  # noqa: SIM115
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=prefork",
                f"--concurrency={concurrency}",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                name,
                *beat_args,
            ],
            cwd=BASE_DIR,
            env=self.environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.started.append(process)
        return process

    @staticmethod
    def kill(process: subprocess.Popen) -> None:
        """SIGKILL to the worker and its pool processes: nothing runs its shutdown code."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    @staticmethod
    def stop(process: subprocess.Popen) -> None:
        if process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in self.tmp_path.glob("worker-*.log"))


@pytest.fixture
def worker_processes(transactional_db, tmp_path):
    """Worker processes that share this test's database and broker. With REDIS_URL (CI) the
    broker is Redis; otherwise a filesystem broker in a folder of this test only, for the
    workers and for what this process enqueues."""
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    environment = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "PYTHONUNBUFFERED": "1",
    }
    previous_options = app.conf.broker_transport_options
    previous_pools = None
    if not settings.REDIS_URL:
        broker_dir = tmp_path / "broker"
        for folder in ("queue", "processed", "control"):
            (broker_dir / folder).mkdir(parents=True)
        environment["CELERY_BROKER_DIR"] = str(broker_dir)
        app.conf.broker_transport_options = {
            "data_folder_in": str(broker_dir / "queue"),
            "data_folder_out": str(broker_dir / "queue"),
            "processed_folder": str(broker_dir / "processed"),
            "control_folder": str(broker_dir / "control"),
            "store_processed": False,
        }
        previous_pools = _swap_producer_pools((None, None))
    app.conf.task_always_eager = False
    workers = WorkerProcesses(tmp_path, environment)
    try:
        yield workers
    finally:
        for process in workers.started:
            WorkerProcesses.stop(process)
        app.conf.task_always_eager = True
        if previous_pools is not None:
            app.conf.broker_transport_options = previous_options
            test_pool, _ = _swap_producer_pools(previous_pools)
            if test_pool is not None:
                test_pool.force_close_all()
