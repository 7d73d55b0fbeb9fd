"""Throwaway PostgreSQL and `chroma run` servers on 127.0.0.1 for the integration suite.

Each server lives in its own temporary directory on a free port and is removed when
stopped for good. PostgreSQL refuses to run as root, so under root its commands run as
the `postgres` system user (created by Debian's package); otherwise as the current user.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

PG_USER = "govqa"  # the cluster's superuser; trust authentication on loopback only
START_TIMEOUT = 60.0


class ServiceError(RuntimeError):
    """A test server could not be installed, started or stopped; the message says why."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _tail(path: Path, lines: int = 15) -> str:
    if not path.exists():
        return "(no log)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def postgres_bindir() -> Path:
    """The directory of `initdb` and `pg_ctl`: on PATH, or Debian's versioned directory."""
    found = shutil.which("pg_ctl")
    if found and (Path(found).resolve().parent / "initdb").exists():
        return Path(found).resolve().parent
    # Debian keeps the server binaries off PATH, one directory per major version.
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[4])
    )
    if not candidates:
        raise ServiceError(
            "PostgreSQL is not installed (no pg_ctl on PATH or in /usr/lib/postgresql/*/bin): "
            "run tests/services/install_postgres.sh"
        )
    return Path(candidates[-1]).parent


@dataclass
class PostgresServer:
    """A fresh cluster in a temporary directory, listening on 127.0.0.1 only."""

    port: int = field(default_factory=free_port)
    bindir: Path = field(default_factory=postgres_bindir)
    base: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="govqa-pg-")))

    @property
    def datadir(self) -> Path:
        return self.base / "data"

    @property
    def log(self) -> Path:
        return self.base / "postgres.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{PG_USER}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=START_TIMEOUT)
        if done.returncode != 0:
            raise ServiceError(
                f"{' '.join(args[:2])} failed ({done.returncode}): {done.stderr.strip()}\n"
                f"{_tail(self.log)}"
            )

    def init(self) -> None:
        if os.geteuid() == 0:
            try:
                shutil.chown(self.base, "postgres", "postgres")
            except LookupError as exc:
                raise ServiceError(
                    "running as root needs the `postgres` system user (Debian's postgresql "
                    "package creates it): run tests/services/install_postgres.sh"
                ) from exc
        self._run(
            "initdb",
            "-D",
            str(self.datadir),
            "-U",
            PG_USER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )

    def start(self) -> None:
        # Durability is irrelevant for a throwaway cluster; speed is not.
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories='' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl",
            "start",
            "-D",
            str(self.datadir),
            "-l",
            str(self.log),
            "-o",
            options,
            "-w",
            "-t",
            str(int(START_TIMEOUT)),
        )

    def stop(self) -> None:
        """Fast shutdown: open transactions are rolled back, clients are disconnected."""
        self._run("pg_ctl", "stop", "-D", str(self.datadir), "-m", "fast", "-w")

    def create_database(self, name: str) -> None:
        self._admin(f'CREATE DATABASE "{name}"')

    def drop_database(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=PG_USER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def destroy(self) -> None:
        try:
            if (self.datadir / "postmaster.pid").exists():
                self.stop()
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


@dataclass
class ChromaServer:
    """`chroma run` from this virtualenv, persisting into a temporary directory."""

    port: int = field(default_factory=free_port)
    base: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="govqa-chroma-")))
    process: subprocess.Popen[bytes] | None = None

    @property
    def log(self) -> Path:
        return self.base / "chroma.log"

    def start(self) -> None:
        chroma = Path(sys.executable).parent / "chroma"
        if not chroma.exists():
            raise ServiceError(f"{chroma} not found: is chromadb installed in this virtualenv?")
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    str(chroma),
                    "run",
                    "--path",
                    str(self.base / "data"),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServiceError(
                    f"chroma run exited with {self.process.returncode}:\n{_tail(self.log)}"
                )
            if self.is_up():
                return
            time.sleep(0.1)
        self.stop()
        raise ServiceError(f"chroma run did not answer within {START_TIMEOUT:.0f} s")

    def is_up(self) -> bool:
        url = f"http://127.0.0.1:{self.port}/api/v2/heartbeat"
        try:
            with urllib.request.urlopen(url, timeout=1):
                return True
        except (urllib.error.URLError, OSError):
            return False

    def pause(self) -> None:
        """SIGSTOP: the port stays open and connections are accepted but never answered,
        as with a hung server."""
        assert self.process is not None, "chroma is not running"
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None, "chroma is not running"
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGCONT)  # a paused server cannot act on SIGTERM
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def destroy(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


@dataclass
class TestServers:
    postgres: PostgresServer
    chroma: ChromaServer

    __test__ = False  # not a pytest test class despite the name


@contextmanager
def running_servers() -> Iterator[TestServers]:
    """Start PostgreSQL and Chroma; stop them and delete their data on exit."""
    postgres = PostgresServer()
    chroma = ChromaServer()
    try:
        postgres.init()
        postgres.start()
        chroma.start()
        yield TestServers(postgres, chroma)
    finally:
        try:
            chroma.destroy()
        finally:
            postgres.destroy()
