"""One ``untk`` command line in a child process of its own, under a memory and a time limit.

Two ways to start the child, with the same limits and the same outcome:

- ``spawn``: the installed ``untk`` script, exactly as a user runs it;
- ``fork``: a fork of this process, which has imported untk once, calling the same
  entry point (``toolkit.cli:main``) with the same arguments. It skips the interpreter's
  start-up (most of a short run), so a campaign does several times more runs.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field


@dataclass
class Outcome:
    """How one run ended: exit code (or the signal that killed it), output, time, peak memory."""

    code: int | None
    signal: int | None
    stdout: bytes
    stderr: bytes
    seconds: float
    peak_rss_kib: int
    timed_out: bool
    cpu_seconds: float = 0.0


@dataclass
class Child:
    pid: int
    started: float
    out_path: str
    err_path: str
    tag: object = None
    killed: bool = False
    popen: subprocess.Popen | None = field(default=None, repr=False)


def preload() -> None:
    """Import what a command needs, so that a forked child starts with it loaded."""
    import importlib
    import pkgutil

    import toolkit

    for info in pkgutil.walk_packages(toolkit.__path__, "toolkit."):
        if info.name.startswith(("toolkit.registry.cluster", "toolkit.registry.distributed")):
            continue
        try:
            importlib.import_module(info.name)
        except Exception:  # a module that cannot be imported here is imported (and fails) in the child
            pass


def _limit(memory: int, seconds: float) -> None:
    """The limits of a run: address space, and CPU time (SIGXCPU past it). CPU time, not
    wall-clock time, so that a loaded machine does not make a slow run look like a hang."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    cpu = max(1, int(seconds + 0.999))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _child_main(argv: list[str]) -> int:
    """What the ``untk`` console script does: run the click group, a traceback if it escapes."""
    import traceback

    from toolkit.cli import main

    try:
        main.main(args=argv, prog_name="untk")
        code = 0
    except SystemExit as exc:
        if exc.code is None:
            code = 0
        elif isinstance(exc.code, int):
            code = exc.code
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    except BaseException:
        traceback.print_exc()
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        pass
    return code


def start(argv: list[str], workdir: str, memory: int, seconds: float, mode: str = "fork", untk: str = "untk", tag: object = None) -> Child:
    """Start ``untk ARGV`` in ``workdir``; its output goes to files there."""
    out_path, err_path = os.path.join(workdir, ".stdout"), os.path.join(workdir, ".stderr")
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "UNTK_DEBUG", "NO_COLOR")}
    if mode == "spawn":
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            popen = subprocess.Popen(
                [untk, *argv], cwd=workdir, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env,
                preexec_fn=lambda: _limit(memory, seconds),
            )
        return Child(popen.pid, time.monotonic(), out_path, err_path, tag, popen=popen)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 70
        try:
            os.chdir(workdir)
            for fd, path, flags in ((0, os.devnull, os.O_RDONLY), (1, out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), (2, err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)):
                os.dup2(os.open(path, flags, 0o600), fd)
            os.environ.clear()
            os.environ.update(env)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            _limit(memory, seconds)
            code = _child_main(argv)
        finally:
            os._exit(code)
    return Child(pid, time.monotonic(), out_path, err_path, tag)


def reap(children: list[Child], timeout: float) -> list[tuple[Child, Outcome]]:
    """The children that ended, with their outcomes; one still running ``timeout`` seconds of
    wall-clock time after its start (blocked, not computing) is killed."""
    done = []
    now = time.monotonic()
    for child in children:
        if now - child.started > timeout and not child.killed:
            try:
                os.kill(child.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            child.killed = True
    while True:
        try:
            pid, status, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            break
        child = next((c for c in children if c.pid == pid), None)
        if child is None:
            continue
        timed_out = child.killed or (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU)
        if child.popen is not None:
            child.popen.returncode = os.waitstatus_to_exitcode(status)
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
        sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        done.append((child, Outcome(code, sig, _read(child.out_path), _read(child.err_path), time.monotonic() - child.started, usage.ru_maxrss, timed_out, usage.ru_utime + usage.ru_stime)))
    return done


def _read(path: str, limit: int = 1 << 20) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(limit)
    except OSError:
        return b""
