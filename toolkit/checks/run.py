"""Check many files: configuration per file, an optional registry and previous version, jobs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Sequence

from toolkit.checks import config as configuration
from toolkit.checks.context import Context
from toolkit.checks.engine import Report, check
from toolkit.checks.rule import Rule
from toolkit.errors import InputError

if TYPE_CHECKING:
    from toolkit.model import Document


@dataclass(frozen=True)
class Options:
    """What ``untk check`` was asked, in a form worker processes can receive."""

    config_path: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    against: str | None = None
    registry: str | None = None
    input_format: str | None = None
    baseline: str | None = None
    only_resolutions: bool = False
    revisions: str = "accept"


@dataclass(frozen=True)
class Checked:
    report: Report | None  # None: skipped (``skipped`` says why) or unreadable (``error``)
    fail_on: str
    rules: tuple[Rule, ...]
    path: str = ""
    skipped: str | None = None
    error: str | None = None  # the one-line reason a file could not be read
    configuration: tuple[str, ...] = ()  # where the rules came from, outermost first
    discovered: bool = False  # found in a directory given, not named by the user


class _Checker:
    """Loads configurations, the registry and the previous version once per process."""

    def __init__(self, options: Options):
        from toolkit.readers import read_document

        self.options = options
        self.configs: dict[str | None, Any] = {}
        self.previous = read_document(options.against, options.input_format, options.revisions) if options.against else None
        self.registry = None
        registry = options.registry or default_registry()
        if registry:
            from toolkit.registry.lookup import Registry
            from toolkit.registry.store import connect

            self.registry = Registry(connect(registry, create=False))
        self.registry_path = registry

    def __call__(self, path: str, discovered: bool = False) -> Checked:
        from toolkit.readers import read_document

        o = self.options
        where = o.config_path or configuration.find_config("." if path == "-" else path)
        key = str(where) if where else None
        if key not in self.configs:
            self.configs[key] = configuration.load(where, o.select, o.ignore, o.fail_on)
        cfg = self.configs[key]
        done = {"fail_on": cfg.fail_on, "rules": cfg.rules, "path": path, "configuration": cfg.sources, "discovered": discovered}
        try:
            doc = read_document(path, o.input_format, o.revisions)
        except InputError as exc:
            if (o.only_resolutions or discovered) and "does not look like a resolution" in exc.message:
                return Checked(None, skipped=exc.message, **done)
            # One unreadable file does not stop the others: it is reported, and the run exits 2.
            return Checked(None, error=str(exc), **done)
        from toolkit.discover import names_itself

        if discovered and not names_itself(doc):
            # Found in a folder beside READMEs and notes: only what names its organ or symbol.
            return Checked(None, skipped="no organ line, symbol or draft masthead: not read as a resolution", **done)
        report = self.check_document(doc, cfg.rules)
        if o.baseline:
            report = self._against_baseline(report, cfg.rules)
        return Checked(report, **done)

    def check_document(self, doc, rules) -> Report:
        context = Context(registry=self.registry)
        if self.previous is not None:
            from toolkit.comparison import compare

            context.against = compare(self.previous, doc)
        return check(doc, rules, context)

    def _against_baseline(self, report: Report, rules) -> Report:
        """Keep only the findings the baseline version did not have."""
        from dataclasses import replace

        from toolkit.checks.baseline import introduced
        from toolkit.comparison import compare
        from toolkit.readers import read_document
        from toolkit.source import load

        old_doc = read_document(self.options.baseline, self.options.input_format, self.options.revisions)
        old_report = check(old_doc, rules, Context(registry=self.registry))
        comparison = compare(old_doc, report.document)
        kept = introduced(
            report, old_report, comparison, load(report.document.source.path).text, load(old_doc.source.path).text
        )
        return replace(report, findings=tuple(kept))


def document_checker(options: Options, previous: Document | None = None) -> Callable[[Document, Sequence[Rule]], Report]:
    """A function that checks one document against rules, with the registry and the previous
    version of ``options`` (or ``previous``, already read) loaded once for every call."""
    checker = _Checker(options)
    if previous is not None:
        checker.previous = previous
    return checker.check_document


def default_registry() -> str | None:
    """The registry the other commands use (``$UNTK_DB``, else the XDG default), when one exists."""
    from toolkit.registry.location import default_path

    path = default_path()
    return str(path) if path.is_file() else None


_worker: _Checker | None = None


def _init(options: Options) -> None:
    global _worker
    _worker = _Checker(options)


def _run(target: tuple[str, bool]) -> Checked:
    assert _worker is not None
    return _worker(*target)


def check_files(paths: list[str], options: Options, jobs: int = 1) -> list[Checked]:
    """Check each file, and the resolution files inside each directory given; with ``jobs``
    > 1 in that many processes (results in the order given)."""
    from toolkit.discover import expand

    targets = expand(paths)
    if jobs <= 1 or len(targets) < 2 or "-" in paths:
        checker = _Checker(options)
        return [checker(path, discovered) for path, discovered in targets]
    from multiprocessing import get_context

    with get_context("spawn").Pool(min(jobs, len(targets)), initializer=_init, initargs=(options,)) as pool:
        return pool.map(_run, targets, chunksize=max(1, len(targets) // (jobs * 8)))
