#!/usr/bin/env python3
"""Set up and run untk's tasks on a fresh machine that has only Python 3.11+.

    ./dev.py demo     read, compare and check the bundled samples
    ./dev.py test     run the test suite (extra arguments go to pytest)
    ./dev.py bench    run the benchmarks and print their figures
    ./dev.py fuzz     a fuzzing campaign over untk [--runs N] [--seconds S] (python -m fuzz --help)

Each task first creates .venv and installs untk into it (again only when
pyproject.toml has changed since).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv

ROOT = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(ROOT, ".venv")
BIN = os.path.join(VENV, "Scripts" if os.name == "nt" else "bin")
PYTHON = os.path.join(BIN, "python")
STAMP = os.path.join(VENV, ".untk-installed")


def run(*args: str) -> int:
    print("+", " ".join(args), flush=True)
    return subprocess.call(args, cwd=ROOT)


def ensure_env() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"untk needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as handle:
        wanted = hashlib.sha256(handle.read()).hexdigest()
    if os.path.exists(STAMP) and open(STAMP).read() == wanted and os.path.exists(PYTHON):
        return
    if not os.path.exists(PYTHON):
        print(f"+ creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", ".[test]") != 0:
        sys.exit("untk: installing into .venv failed (see above)")
    with open(STAMP, "w") as handle:
        handle.write(wanted)


def demo() -> int:
    """Read the official text, compare it with a redraft, and trace the paragraphs."""
    untk = os.path.join(BIN, "untk")
    official = os.path.join("samples", "A_RES_70_291.txt")
    redraft = os.path.join("samples", "redraft-2018-review.md")
    os.makedirs(os.path.join(ROOT, "demo-out"), exist_ok=True)
    steps = [
        ((untk, "show", official), (0,)),
        ((untk, "diff", official, redraft), (0, 1)),
        ((untk, "diff", official, redraft, "--format", "html", "-o", os.path.join("demo-out", "redline.html")), (0, 1)),
        ((untk, "history", official, redraft), (0,)),
    ]
    for args, ok in steps:
        code = run(*args)
        if code not in ok:
            return code
    print("\nThe HTML redline is in demo-out/redline.html.")
    return 0


def test(args: list[str]) -> int:
    return run(PYTHON, "-m", "pytest", *args)


def bench(args: list[str]) -> int:
    return run(PYTHON, os.path.join("bench", "run.py"), *args)


def fuzz(args: list[str]) -> int:
    return run(PYTHON, "-m", "fuzz", *args)


def main(argv: list[str]) -> int:
    task = argv[0] if argv else "help"
    if task not in ("demo", "test", "bench", "fuzz"):
        print(__doc__)
        return 0 if task in ("help", "-h", "--help") else 2
    ensure_env()
    if task == "demo":
        return demo()
    if task == "test":
        return test(argv[1:])
    if task == "fuzz":
        return fuzz(argv[1:])
    return bench(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
