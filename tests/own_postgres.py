"""A PostgreSQL server of the test's own, to stop, crash and freeze: its own data directory in
a temporary folder and its own port, never the machine's shared server.

initdb and postgres refuse to run as root; as root, they run as the `postgres` user (or
`nobody`), which then owns the folder. A crash (SIGKILL) or a freeze (SIGSTOP) goes to the
postmaster and every child at once, as a dying or hung host would: one signal to a process
group would not do, as each backend makes a session (and group) of its own.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

BIN_GLOB = "/usr/lib/postgresql/*/bin"
DATABASE = "redraft"


def find_binaries() -> Path | None:
    """The newest PostgreSQL's bin folder with both initdb and postgres, if any."""
    found = [
        folder
        for folder in Path("/").glob(BIN_GLOB.lstrip("/"))
        if (folder / "initdb").is_file() and (folder / "postgres").is_file()
    ]
    if not found:
        return None
    return max(found, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)


def _run_as() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise RuntimeError("running as root and no 'postgres' or 'nobody' user to run PostgreSQL as")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class OwnPostgres:
    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.user = _run_as()
        self.folder = Path(tempfile.mkdtemp(prefix="redraft-own-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None
        if self.user is not None:
            shutil.chown(self.folder, self.user, self.user)
        subprocess.run(
            [
                str(binaries / "initdb"),
                *("-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8"),
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            user=self.user,
            group=self.user,
        )

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def start(self) -> None:
        """Start the server (after a crash: with crash recovery) and wait until it answers."""
        assert self.process is None or self.process.poll() is not None, "already running"
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    str(self.binaries / "postgres"),
                    *("-D", str(self.data), "-p", str(self.port)),
                    *("-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="),
                    # A process crash keeps what was written to the OS; fsync guards against a
                    # power cut, which no test here makes. It would only slow the runs down.
                    *("-c", "fsync=off", "-c", "max_connections=50"),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                user=self.user,
                group=self.user,
                start_new_session=True,
            )
        self._wait_until_answering()

    def create_database(self) -> None:
        with psycopg.connect(self._conninfo("postgres"), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')

    def stop(self) -> None:
        """A fast shutdown, as an administrator or a service manager does it."""
        self._signal(signal.SIGINT)
        self._wait_exit()

    def crash(self) -> None:
        """Every server process killed at once, with no chance to clean up."""
        self._signal(signal.SIGKILL, group=True)
        self._wait_exit()

    def freeze(self) -> None:
        """Every server process stopped: connections stay open, nothing answers."""
        self._signal(signal.SIGSTOP, group=True)

    def thaw(self) -> None:
        self._signal(signal.SIGCONT, group=True)

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.thaw()
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _conninfo(self, database: str) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database} connect_timeout=2"

    def _signal(self, signum: int, *, group: bool = False) -> None:
        assert self.process is not None
        pids = [self.process.pid]
        if group:
            pids += _children(self.process.pid)
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signum)

    def _wait_exit(self) -> None:
        assert self.process is not None
        children = _children(self.process.pid)
        self.process.wait(timeout=60)
        # Backends of a killed postmaster notice and exit on their own; wait for them too.
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in children):
            if time.monotonic() > deadline:
                raise RuntimeError(f"PostgreSQL processes outlived their postmaster: {self.log}")
            time.sleep(0.05)

    def _wait_until_answering(self) -> None:
        deadline = time.monotonic() + 60
        while True:
            try:
                with psycopg.connect(self._conninfo("postgres")):
                    return
            except psycopg.OperationalError:
                assert self.process is not None
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"PostgreSQL did not start: {self.log.read_text(errors='replace')}"
                    ) from None
                time.sleep(0.1)


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    # "pid (command) state ppid ...": the command may hold spaces and parentheses.
    return text[text.rindex(")") + 2 :].split()


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None and int(fields[1]) == parent:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"
