"""The Prefect API a run talks to: the team's server when `PREFECT_API_URL` is set, otherwise one
started inside this very process for the length of the run.

Why not Prefect's own ephemeral server: it is a second interpreter (importing `prefect.server` again,
about 4 CPU s) that outlives a killed run (21 of 40 SIGKILLs left one behind, about 200 MB each), and
its database under `~/.prefect` grows with every run (41 MB after about 120 runs). Here the server is
a thread of the run's process, so it dies with it; its `PREFECT_HOME` is a temporary folder that is
deleted when the run ends (or, after a kill, by the next run); and its database starts as a copy of
an empty, already migrated template kept in the user's cache, so no run pays for the migrations
(about 5 CPU s on a fresh database).
"""
from __future__ import annotations

import contextvars
import os
import shutil
import socket
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from importlib.metadata import version
from pathlib import Path

HOME_PREFIX = "factsheets-prefect-"
STARTUP_TIMEOUT_SECONDS = 120.0  # a migrated SQLite database starts in about 1 s on a laptop; 2 cores shared by a test run take longer
STOP_TIMEOUT_SECONDS = 10.0


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "factsheets"


# What a one-off run's server does without: nobody looks at its database after the run, and these
# services' writes race the API's on SQLite ("database is locked", a 2 s client retry in 2 of 4 runs).
UNUSED_SERVICES = ("TASK_RUN_RECORDER", "EVENT_PERSISTER", "EVENT_LOGGER", "TRIGGERS")


def settings_for(home: Path, api_url: str, services: bool) -> dict[str, str]:
    """The environment of a run: its own home, database and API; nothing sent anywhere else."""
    unused = {} if services else {f"PREFECT_SERVER_SERVICES_{name}_ENABLED": "false" for name in UNUSED_SERVICES}
    return unused | {
        "PREFECT_HOME": str(home),
        "PREFECT_API_URL": api_url,
        "PREFECT_API_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{home / 'prefect.db'}",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_LOGGING_TO_API_ENABLED": "false",  # the run log and report.md are the record; keeps the database small
        # Plain HTTP on 127.0.0.1: no certificate to verify, and loading the CA bundle costs about 0.15 CPU s
        # for every client Prefect makes (a Dask worker makes one per task).
        "PREFECT_API_TLS_INSECURE_SKIP_VERIFY": "true",
    }


@contextmanager
def local_api(services: bool = False) -> Iterator[str]:
    """Yield the API URL to use. `services=True` also runs the scheduler (needed by `serve`, whose cron
    schedule the server turns into flow runs); a one-off run does without it."""
    if os.environ.get("PREFECT_API_URL"):
        yield os.environ["PREFECT_API_URL"]
        return
    remove_stale_homes()
    home = Path(tempfile.mkdtemp(prefix=f"{HOME_PREFIX}{os.getpid()}-"))
    try:
        template = migrated_template()
        shutil.copyfile(template, home / "prefect.db")
        with ExitStack() as stack:
            url = stack.enter_context(_server(home, services, migrate=False))
            yield url
    finally:
        shutil.rmtree(home, ignore_errors=True)


def migrated_template() -> Path:
    """An empty Prefect database with every migration applied, one per Prefect version."""
    path = cache_dir() / f"prefect-{version('prefect')}.db"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=HOME_PREFIX) as tmp:
        with _server(Path(tmp), services=False, migrate=True):
            pass
        staged = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with sqlite3.connect(Path(tmp) / "prefect.db") as src, sqlite3.connect(staged) as dst:
            src.backup(dst)  # a consistent copy, whatever is still in the write-ahead log
        os.replace(staged, path)
    return path


@contextmanager
def _server(home: Path, services: bool, migrate: bool) -> Iterator[str]:
    """Prefect's API app served by uvicorn in a daemon thread on a free port of 127.0.0.1."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/api"
    # The template was migrated and got its block types once; a copy of it needs neither (~1 CPU s).
    once = {"PREFECT_API_DATABASE_MIGRATE_ON_START": str(migrate).lower(),
            "PREFECT_API_BLOCKS_REGISTER_ON_START": str(migrate).lower()}
    env = settings_for(home, url, services) | once
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # for processes started by the run (Dask workers, served flow runs)
    try:
        import uvicorn
        import prefect.settings

        # Prefect reads its settings once, at import: a run started later in the same process sets them too.
        updates = {getattr(prefect.settings, key): value for key, value in env.items()}
        # Heartbeats tell a remote server that a run crashed; this server dies with the run (0.9 s per run).
        updates[prefect.settings.PREFECT_FLOWS_HEARTBEAT_FREQUENCY] = None
        with prefect.settings.temporary_settings(updates=updates):
            from prefect.server.api.server import create_app
            from prefect.server.database.dependencies import set_database_config

            set_database_config(None)  # a server started earlier in this process had its own database
            app = create_app(ephemeral=not services, final=True, ignore_cache=True)
            server = uvicorn.Server(uvicorn.Config(app, log_level="error", lifespan="on"))
            context = contextvars.copy_context()  # the thread sees this run's settings
            thread = threading.Thread(target=context.run, args=(server.run,), kwargs={"sockets": [sock]},
                                      daemon=True, name="prefect-api")
            thread.start()
            deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
            while not server.started:
                if not thread.is_alive() or time.monotonic() > deadline:
                    raise RuntimeError(f"the local Prefect API did not start within {STARTUP_TIMEOUT_SECONDS:.0f} s")
                time.sleep(0.02)
            try:
                yield url
            finally:
                _drain_workers()
                server.should_exit = True
                thread.join(STOP_TIMEOUT_SECONDS)
    finally:
        sock.close()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _drain_workers() -> None:
    """Send the events still queued before the server they go to stops."""
    from prefect.events.worker import EventsWorker

    EventsWorker.drain_all(timeout=5)


def remove_stale_homes() -> None:
    """Delete the temporary homes of runs that were killed (their process id is gone)."""
    for home in Path(tempfile.gettempdir()).glob(f"{HOME_PREFIX}*-*"):
        pid = home.name.removeprefix(HOME_PREFIX).split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(home, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
