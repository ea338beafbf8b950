"""The wheel, installed on its own, runs every command (issue 11: packaging that cannot drift).

Every other test imports untk from the editable checkout, which hides packaging mistakes:
a subpackage or a data file left out of the wheel still imports from the source tree.
Here the wheel is built from a copy of the working tree (so the build writes nothing into
the checkout, and no stale ``build/`` can fill a gap), then

- its file list is compared with the source tree: every package and module under
  ``toolkit/`` (whatever ``find toolkit -name __init__.py`` finds), every data file there
  (schemas, ``py.typed``), every rule pack under ``rules/`` as ``toolkit/rules/...``;
- it is installed into a fresh virtual environment that holds nothing but the wheel and its
  declared runtime dependencies. Those are linked in from this environment's installed
  distributions (their files and ``.dist-info``, found through ``importlib.metadata``),
  so nothing is downloaded and an undeclared import fails; pip installs the wheel with
  ``--no-index`` and checks the declared requirements against what is linked;
- every command is run once through the installed ``untk`` script, from a folder outside
  the checkout, with the checkout on no part of ``sys.path``.

The build uses this environment's setuptools (``--no-build-isolation``) when the
``build-system`` requirements are installed here (``pip install -e .[test]`` installs
them), else an isolated build that fetches them from the package index; when neither is
possible the tests skip and say why.
"""

from __future__ import annotations

import csv
import email.parser
import importlib.metadata as metadata
import json
import os
import shutil
import socket
import subprocess
import sys
import tomllib
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES

pytestmark = pytest.mark.wheel

# Left out of the copy the wheel is built from: build output, caches, environments.
_JUNK_DIRS = {".git", ".venv", "venv", ".tox", ".nox", "build", "dist", "__pycache__", ".pytest_cache",
              ".hypothesis", ".mypy_cache", ".ruff_cache", "node_modules", "demo-out"}
# Files under toolkit/ and rules/ that are not meant to ship.
_JUNK_SUFFIXES = (".pyc", ".pyo", "~", ".swp", ".orig", ".rej")


def _junk_dir(name: str) -> bool:
    return name in _JUNK_DIRS or name.endswith(".egg-info")


def _run(args: list[str | os.PathLike], timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=timeout, **kw)


# --- building -------------------------------------------------------------------------

def _requirement_met(text: str) -> bool:
    """Whether a requirement (``setuptools>=68``) is installed in this environment."""
    try:
        from packaging.requirements import Requirement
    except ImportError:  # pragma: no cover - pytest itself depends on packaging
        return False
    req = Requirement(text)
    if req.marker is not None and not req.marker.evaluate({"extra": ""}):
        return True
    try:
        version = metadata.version(req.name)
    except metadata.PackageNotFoundError:
        return False
    return req.specifier.contains(version, prereleases=True)


def _index_reachable() -> bool:
    try:
        socket.create_connection(("pypi.org", 443), timeout=5).close()
        return True
    except OSError:
        return False


def _copy_source(dest: Path) -> None:
    def ignore(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if _junk_dir(n) or n.endswith(_JUNK_SUFFIXES)
                or (Path(folder) == ROOT / "bench" and n == "out")}

    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)


def _build_wheel(workdir: Path) -> Path:
    source, out = workdir / "source", workdir / "dist"
    _copy_source(source)
    build_requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    missing = [r for r in build_requires if not _requirement_met(r)]
    isolation = [] if missing else ["--no-build-isolation"]
    # An absolute path: a bare name would be looked up on the index as a project.
    done = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check",
                 *isolation, "--wheel-dir", out, source.resolve()], timeout=600, cwd=workdir)
    if done.returncode != 0:
        if missing and not _index_reachable():
            pytest.skip(f"cannot build the wheel: the build needs {', '.join(missing)}, which this "
                        f"environment lacks (pip install -e .[test] installs them), and the package "
                        f"index cannot be reached to fetch them")
        pytest.fail(f"building the wheel failed ({'isolated' if missing else 'no build isolation'}):\n"
                    f"{done.stdout[-3000:]}\n{done.stderr[-5000:]}")
    wheels = sorted(out.glob("untk-*.whl"))
    assert len(wheels) == 1, f"expected one untk wheel in {out}, found {[w.name for w in out.iterdir()]}"
    return wheels[0]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return _build_wheel(tmp_path_factory.mktemp("wheel-build"))


# --- the fresh environment ------------------------------------------------------------

def _wheel_requirements(whl: Path) -> list[str]:
    with zipfile.ZipFile(whl) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
        meta = email.parser.Parser().parsestr(archive.read(name).decode("utf-8"))
    return meta.get_all("Requires-Dist") or []


def _runtime_closure(requirements: list[str]) -> list[metadata.Distribution]:
    """The installed distributions the runtime requirements need, transitively (no extras asked)."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    found: dict[str, metadata.Distribution] = {}
    done: set[tuple[str, str]] = set()  # (distribution, extra) already expanded
    todo = [(text, "") for text in requirements]
    while todo:
        text, extra = todo.pop()
        req = Requirement(text)
        if req.marker is not None and not req.marker.evaluate({"extra": extra}):
            continue
        key = canonicalize_name(req.name)
        try:
            dist = found.get(key) or metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            pytest.fail(f"the wheel requires {text!r}, which is not installed in this environment "
                        f"({sys.prefix}); ./dev.py test reinstalls after pyproject.toml changes")
        assert req.specifier.contains(dist.version, prereleases=True), (
            f"the wheel requires {text!r}; this environment has {dist.metadata['Name']} {dist.version}")
        found[key] = dist
        for wanted in ("", *sorted(req.extras)):  # dask[distributed]: what that extra adds too
            if (key, wanted) not in done:
                done.add((key, wanted))
                todo += [(sub, wanted) for sub in dist.requires or [] if wanted == "" or "extra" in sub]
    return list(found.values())


def _link_distributions(dists: list[metadata.Distribution], site: Path) -> None:
    """Symlink each distribution's top-level files and folders (its .dist-info too) into site."""
    checkout, here = ROOT.resolve(), Path(sys.prefix).resolve()  # here may be the checkout's .venv
    for dist in dists:
        assert dist.files is not None, f"{dist.metadata['Name']} has no RECORD; cannot tell its files"
        tops = {f.parts[0] for f in dist.files if f.parts and f.parts[0] not in ("..", "__pycache__")}
        for top in sorted(tops):
            target = Path(dist.locate_file(top)).resolve()
            assert here in target.parents or checkout not in (target, *target.parents), (
                f"{dist.metadata['Name']} is installed from the checkout ({target})")
            if not target.exists():
                continue  # a file RECORD lists but that is gone (a .pyc, say)
            link = site / top
            if link.is_symlink() and link.resolve() == target:
                continue
            assert not link.exists(), f"{link} is wanted by two distributions"
            link.symlink_to(target, target_is_directory=target.is_dir())


@dataclass
class Installed:
    prefix: Path
    python: Path
    untk: Path
    work: Path  # a folder outside the checkout: the commands' cwd, with copies of the samples
    env: dict[str, str]

    def run(self, *args: str | os.PathLike, timeout: float = 120) -> subprocess.CompletedProcess:
        return _run([self.untk, *args], timeout=timeout, cwd=self.work, env=self.env)


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Installed:
    base = tmp_path_factory.mktemp("wheel-env")
    prefix = base / "venv"
    venv.EnvBuilder(with_pip=False, symlinks=os.name != "nt").create(prefix)
    bindir = prefix / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONSAFEPATH", "VIRTUAL_ENV",
                        "UNTK_DB", "GITHUB_ACTIONS", "PYTHONUSERBASE")}
    env.update(NO_COLOR="1", PYTHONNOUSERSITE="1", HOME=str(base / "home"), XDG_DATA_HOME=str(base / "home" / "data"),
               UNTK_DB=str(base / "default-registry.sqlite3"))
    (base / "home").mkdir()
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], env=env).stdout.strip())
    assert site.is_dir() and prefix.resolve() in site.resolve().parents, site
    _link_distributions(_runtime_closure(_wheel_requirements(wheel)), site)
    # pip of this environment, run by the fresh interpreter: the scripts get its shebang.
    # Without --no-deps, so pip checks that the linked distributions satisfy the wheel.
    done = _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-index",
                 "--disable-pip-version-check", "--no-warn-script-location", wheel], env=env, cwd=base)
    assert done.returncode == 0, f"installing the wheel failed:\n{done.stdout}\n{done.stderr}"
    work = base / "work"
    work.mkdir()
    for sample in SAMPLES.iterdir():
        if sample.is_file():
            shutil.copy(sample, work / sample.name)
    return Installed(prefix, python, bindir / ("untk.exe" if os.name == "nt" else "untk"), work, env)


# --- the wheel's contents -------------------------------------------------------------

def _shippable(folder: Path) -> list[Path]:
    """Files under folder that belong in the wheel, relative to folder."""
    files = []
    for here, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not _junk_dir(d) and not d.startswith(".")]
        files += [Path(here, n).relative_to(folder) for n in names
                  if not n.startswith(".") and not n.endswith(_JUNK_SUFFIXES)]
    return files


def test_wheel_ships_every_package_module_and_data_file(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    dist_info = f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}.dist-info/"
    strays = sorted(n for n in names if not n.startswith(("toolkit/", dist_info)))
    assert not strays, f"the wheel holds files outside toolkit/: {strays}"

    packages = sorted(p.parent for p in _shippable(ROOT / "toolkit") if p.name == "__init__.py")
    assert Path("registry") in packages and Path("checks/kinds") in packages, packages
    missing_packages = [f"toolkit/{p.as_posix()}" for p in packages
                        if f"toolkit/{(p / '__init__.py').as_posix()}" not in names]
    assert not missing_packages, f"subpackages of the source tree missing from the wheel: {missing_packages}"

    wanted = {f"toolkit/{p.as_posix()}" for p in _shippable(ROOT / "toolkit")}
    wanted |= {f"toolkit/rules/{p.as_posix()}" for p in _shippable(ROOT / "rules")}
    assert not sorted(wanted - names), f"files of the source tree missing from the wheel: {sorted(wanted - names)}"

    packs = {n for n in names if n.startswith("toolkit/rules/") and n.endswith(".yaml")}
    assert "toolkit/rules/references.yaml" in packs and "toolkit/rules/presets/default.yaml" in packs, sorted(packs)
    schemas = {n for n in names if n.startswith("toolkit/schemas/") and n.endswith(".json")}
    assert {"toolkit/schemas/document.schema.json", "toolkit/schemas/diff.schema.json",
            "toolkit/schemas/findings.schema.json"} <= schemas, sorted(schemas)
    assert "toolkit/py.typed" in names
    # The workbench's page templates, stylesheet and script are package data of toolkit.web.
    web = {n for n in names if n.startswith("toolkit/web/")}
    assert {"toolkit/web/app.py", "toolkit/web/templates/page.html", "toolkit/web/templates/home.html",
            "toolkit/web/static/workbench.css", "toolkit/web/static/workbench.js"} <= web, sorted(web)
    with zipfile.ZipFile(wheel) as archive:
        entry_points = archive.read(dist_info + "entry_points.txt").decode()
    assert "untk = toolkit.cli:main" in entry_points


# --- the installed wheel --------------------------------------------------------------

def test_untk_imports_from_the_fresh_environment_not_the_checkout(installed):
    probe = ("import json, sys, importlib.metadata as m, toolkit, toolkit.registry, toolkit.rules; "
             "print(json.dumps({'toolkit': toolkit.__file__, 'registry': toolkit.registry.__file__, "
             "'rules': list(toolkit.rules.__path__), 'dist': str(m.distribution('untk').locate_file('')), "
             "'path': sys.path, 'prefix': sys.prefix}))")
    done = _run([installed.python, "-c", probe], cwd=installed.work, env=installed.env)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    prefix, checkout = installed.prefix.resolve(), ROOT.resolve()
    for what in ("toolkit", "registry", "dist"):
        assert prefix in Path(seen[what]).resolve().parents, (what, seen[what])
    assert all(prefix in Path(p).resolve().parents for p in seen["rules"]), seen["rules"]
    on_path = [p for p in seen["path"] if p and (Path(p).resolve() == checkout or checkout in Path(p).resolve().parents)]
    assert not on_path, f"the checkout is on sys.path of the fresh environment: {on_path}"
    assert Path(seen["prefix"]).resolve() == prefix


def _registry_csv(path: Path) -> Path:
    """A symbol,date,title list: resolutions that A/RES/70/291 cites, less 68/276."""
    rows = [
        ["A/RES/60/288", "2006-09-08", "The United Nations Global Counter-Terrorism Strategy"],
        ["A/RES/66/10", "2011-11-18", "United Nations Counter-Terrorism Centre"],
        ["S/RES/1373(2001)", "2001-09-28", "Threats to international peace and security caused by terrorist acts"],
        ["A/RES/70/291", "2016-07-01", "The United Nations Global Counter-Terrorism Strategy Review"],
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["symbol", "date", "title"])
        writer.writerows(rows)
    return path


def test_every_command_runs_from_the_wheel(installed):
    official, redraft = "A_RES_70_291.txt", "redraft-2018-review.md"
    db = installed.work / "registry.sqlite3"
    listing = _registry_csv(installed.work / "resolutions.csv")
    # (arguments, exit codes accepted, texts the output must hold), run in this order.
    commands = ["amend", "check", "diff", "fix", "graph", "history", "index", "provenance", "registry", "rules", "search", "show"]
    steps: list[tuple[list[str], tuple[int, ...], list[str]]] = [
        (["--help"], (0,), ["Usage: untk", "Commands:", *(f"\n  {c} " for c in commands)]),
        (["show", official], (0,), ["A/RES/70/291 The United Nations Global Counter-Terrorism Strategy Review",
                                    "adopted      1 July 2016", "OP1"]),
        (["diff", official, redraft], (1,), [f"{official} -> {redraft}: ", " modify", "insert", "[substantive]", " technical, "]),
        # The change kinds' ladders (toolkit/data) and the amendment grammar, from the wheel.
        (["diff", official, redraft, "--format", "amendments", "-o", "ours.txt"], (1,), []),
        (["amend", official, "ours.txt"], (0,), [" changes applied, 0 problems"]),
        (["history", official, redraft], (0,), ["History over 2 versions", f"v0  {official}  (A/RES/70/291)", "since v0"]),
        (["check", redraft], (0, 1), [f"{redraft}:", "in 1 file; not run: ", "citation-registry-unknown"]),
        (["rules", "list"], (0,), ["terminology-lost-hyphen", "citation-registry-unknown", "reference-stale-number"]),
        (["rules", "test"], (0,), [" passed, 0 failed"]),
        (["registry", "import", listing.name, "--db", db], (0,), ["4 new, 0 updated, 0 unchanged, 0 rejected"]),
        (["registry", "show", "resolution 1373 (2001)", "--db", db], (0,), ["S/RES/1373 (2001)", "adopted  2001-09-28"]),
        (["registry", "stats", "--db", db], (0,), ["documents    4", "Security Council             1"]),
        # The registry rules run: one citation is missing from the list; only --against rules are left.
        (["check", redraft, "--registry", db], (0, 1), ["[citation-registry-unknown] A/RES/68/276 is not in the registry",
                                                         "(they need --against)"]),
        (["index", official, "--db", db], (0,), ["0 new, 1 updated, 0 unchanged, 0 failed"]),
        (["search", "prevent and combat terrorism in all its forms and manifestations", "--db", db], (0,),
         ["A/RES/70/291 PP", "2016-07-01  score ", "[prevent and combat terrorism in all its forms and manifestations]"]),
        (["provenance", redraft, "--db", db], (0,), ["agreed", "A/RES/70/291 OP", " agreed, "]),
        (["graph", "--db", db], (0,), ["<graphml", '<node id="A/RES/70/291">', '<node id="A/RES/60/288">', "<edge "]),
        (["fix", redraft, "--against", official], (1,), [f"--- a/{redraft}", "paragraph 73 above"]),
        # Without the web extra (not a runtime dependency), serve says how to install it.
        (["serve", "--no-open"], (2,), ["untk: error: the workbench needs its extra: pip install 'untk[web]'"]),
    ]
    failures = []
    for args, codes, texts in steps:
        done = installed.run(*args)
        output = done.stdout + done.stderr
        absent = [t for t in texts if t not in output]
        if done.returncode not in codes or absent or "Traceback" in output:
            failures.append(f"untk {' '.join(map(str, args))}: exit {done.returncode} (want {codes}), "
                            f"missing {absent}\n{output[-1500:]}")
    assert not failures, f"{len(failures)} of {len(steps)} commands failed from the wheel:\n\n" + "\n\n".join(failures)
