"""The workbench server: a Starlette app behind :class:`toolkit.web.security.Guard`, run by uvicorn.

Uploads are read in memory (Starlette spools a part over 1 MiB to an unnamed temporary
file, which only this process can open) and kept, with what was worked out from them, in
a small store in memory, each entry for the browser session that made it. Nothing is
written to disk and nothing is fetched from elsewhere.
"""

from __future__ import annotations

import contextlib
import secrets
import socket
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from toolkit.errors import InputError, UntkError
from toolkit.source import MAX_BYTES
from toolkit.web import pages
from toolkit.web.security import BodyTooLarge, Guard, Policy, allowed_hosts
from toolkit.web.uploads import MAX_VERSIONS, Version, label, read_symbol, read_upload
from toolkit.web.workbench import Study, agreed_language, download, provenance_of, study

#: Every upload of one comparison together, with room for the form's own fields.
MAX_BODY = MAX_VERSIONS * MAX_BYTES + 1024 * 1024
#: How many comparisons the store keeps (the oldest is dropped first).
KEPT = 16


@dataclass
class _Entry:
    session: str
    versions: tuple[Version, ...]
    studies: dict[tuple[int, int], Study] = field(default_factory=dict)


class Store:
    """Comparisons in memory, by a random id, each readable only by the session that made it."""

    def __init__(self, kept: int = KEPT):
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._kept = kept

    def add(self, session: str, versions: tuple[Version, ...]) -> str:
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._entries[key] = _Entry(session, versions)
            while len(self._entries) > self._kept:
                self._entries.popitem(last=False)
        return key

    def get(self, key: str, session: str | None) -> _Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or session is None or not secrets.compare_digest(entry.session, session):
                return None
            self._entries.move_to_end(key)
            return entry


@dataclass(frozen=True)
class Settings:
    """How the workbench was started."""

    host: str = "127.0.0.1"
    port: int = 0
    token: str | None = None
    registry: str | None = None


def create_app(settings: Settings, policy: Policy | None = None) -> Any:
    """The ASGI application: routes behind the guard (``policy``, else one made from ``settings``)."""
    policy = policy or Policy(allowed_hosts(settings.host, settings.port), settings.port, settings.token, MAX_BODY)
    store = Store()
    statics = _statics()

    def session_of(request: Request) -> str | None:
        return request.cookies.get(policy.session_cookie)

    def html(text: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(text, status_code=status)

    def home(request: Request) -> Response:
        return html(pages.home(request.scope["state"]["csrf"], settings.registry, MAX_BYTES / 2**20))

    async def compare(request: Request) -> Response:
        try:
            form = await request.form(max_files=MAX_VERSIONS, max_fields=16, max_part_size=64 * 1024)
        except BodyTooLarge as exc:
            return html(pages.error_page(str(exc)), 413)
        except Exception as exc:  # a malformed or oversized form: Starlette's parser says which
            return html(pages.error_page(f"the form could not be read: {getattr(exc, 'message', None) or exc}"), 400)
        try:
            token = form.get("csrf") if isinstance(form.get("csrf"), str) else None
            if not (request.scope["state"].get("csrf_checked") or policy.csrf_ok(session_of(request), token)):
                return html(pages.error_page("the form has expired or came from elsewhere: reload the page and try again"), 403)
            revisions = form.get("revisions") if form.get("revisions") in ("accept", "reject") else "accept"
            symbols = [s.strip() for s in str(form.get("symbols") or "").splitlines() if s.strip()]
            uploads = []
            for n, part in enumerate(f for f in form.getlist("files") if not isinstance(f, str)):
                data = await part.read(MAX_BYTES + 1)
                if not data and not part.filename:
                    continue  # the empty part a form sends when no file was chosen
                uploads.append((label(part.filename, n), data))
        finally:
            await form.close()
        if len(symbols) + len(uploads) > MAX_VERSIONS:
            return html(pages.error_page(f"give at most {MAX_VERSIONS} versions"), 400)
        try:
            versions = await run_in_threadpool(_read_all, symbols, uploads, revisions, settings.registry)
        except UntkError as exc:
            return html(pages.error_page(str(exc)), 400)
        if len(versions) < 2:
            return html(pages.error_page("give at least two versions, oldest first"), 400)
        key = store.add(session_of(request) or "", versions)
        entry = store.get(key, session_of(request))
        assert entry is not None
        await run_in_threadpool(_study_of, entry, 0, len(versions) - 1, settings.registry)
        return RedirectResponse(f"/s/{key}", status_code=303)

    def chosen(request: Request) -> tuple[_Entry, int, int] | Response:
        entry = store.get(request.path_params["key"], session_of(request))
        if entry is None:
            return html(pages.error_page("no such comparison here (the workbench keeps the last few, for the browser that made them)", "Not found"), 404)
        n = len(entry.versions)
        try:
            old = int(request.query_params.get("old", 0))
            new = int(request.query_params.get("new", n - 1))
        except ValueError:
            return html(pages.error_page("old and new are version numbers"), 400)
        if not (0 <= old < n and 0 <= new < n) or old == new:
            return html(pages.error_page(f"choose two different versions of v0 to v{n - 1}"), 400)
        return entry, old, new

    def show(request: Request) -> Response:
        found = chosen(request)
        if isinstance(found, Response):
            return found
        entry, old, new = found
        s = _study_of(entry, old, new, settings.registry)
        return html(pages.study_page(s, request.path_params["key"], settings.registry))

    def get_download(request: Request) -> Response:
        found = chosen(request)
        if isinstance(found, Response):
            return found
        entry, old, new = found
        try:
            made = download(_study_of(entry, old, new, settings.registry), request.path_params["name"])
        except KeyError:
            return PlainTextResponse("untk: no such download", status_code=404)
        return Response(
            made.data,
            media_type=made.media_type,
            headers={"content-disposition": f'attachment; filename="{made.filename}"'},
        )

    def get_provenance(request: Request) -> Response:
        found = chosen(request)
        if isinstance(found, Response):
            return found
        if not settings.registry:
            return html(pages.error_page("no registry: start untk serve with --registry FILE", "No registry"), 404)
        entry, old, new = found
        s = _study_of(entry, old, new, settings.registry)
        traced = provenance_of(settings.registry, s.versions[new])
        return html(pages.provenance_page(request.path_params["key"], s, traced))

    def get_search(request: Request) -> Response:
        query = request.query_params.get("q", "")[:4000]
        mode = "exact" if request.query_params.get("mode") == "exact" else "near"
        if not settings.registry or not query.strip():
            return html(pages.search_page(query, mode, None, settings.registry))
        try:
            hits = agreed_language(settings.registry, query, mode)
        except UntkError as exc:
            return html(pages.search_page(query, mode, None, settings.registry, str(exc)), 400)
        return html(pages.search_page(query, mode, hits, settings.registry))

    def static(request: Request) -> Response:
        found = statics.get(request.path_params["name"])
        if found is None:
            return PlainTextResponse("untk: not found", status_code=404)
        return Response(found[0], media_type=found[1])

    async def failed(request: Request, exc: Exception) -> Response:
        # A bug still answers with one line, never a traceback.
        return html(pages.error_page(f"internal error: {type(exc).__name__}: {exc}", "Internal error"), 500)

    routes = [
        Route("/", home, methods=["GET"]),
        Route("/compare", compare, methods=["POST"]),
        Route("/s/{key}", show, methods=["GET"]),
        Route("/s/{key}/download/{name}", get_download, methods=["GET"]),
        Route("/s/{key}/provenance", get_provenance, methods=["GET"]),
        Route("/search", get_search, methods=["GET"]),
        Route("/static/{name}", static, methods=["GET"]),
        Route("/favicon.ico", lambda request: Response(status_code=204), methods=["GET"]),
    ]
    app = Starlette(routes=routes, exception_handlers={Exception: failed})
    return Guard(app, policy)


def _read_all(symbols: list[str], uploads: list[tuple[str, bytes]], revisions: str, registry: str | None) -> tuple[Version, ...]:
    versions = []
    if symbols:
        if not registry:
            raise InputError(symbols[0], "no registry to look the symbol up in: start untk serve with --registry FILE")
        from toolkit.registry.store import connect

        with contextlib.closing(connect(registry, create=False)) as conn:
            versions += [read_symbol(conn, s, revisions) for s in symbols]
    versions += [read_upload(name, data, revisions) for name, data in uploads]
    return tuple(versions)


def _study_of(entry: _Entry, old: int, new: int, registry: str | None) -> Study:
    s = entry.studies.get((old, new))
    if s is None:
        history = next(iter(entry.studies.values())).history if entry.studies else None
        s = entry.studies[(old, new)] = study(entry.versions, old, new, registry, history)
    return s


def _statics() -> dict[str, tuple[bytes, str]]:
    """The stylesheets and scripts, read once: the workbench's own files and the redline page's."""
    from importlib import resources

    from toolkit.render import diff_html

    folder = resources.files("toolkit.web").joinpath("static")
    css, js = "text/css; charset=utf-8", "text/javascript; charset=utf-8"
    return {
        "workbench.css": (folder.joinpath("workbench.css").read_bytes(), css),
        "workbench.js": (folder.joinpath("workbench.js").read_bytes(), js),
        "diff.css": (diff_html.CSS.encode("utf-8"), css),
        "diff.js": (diff_html.JS.encode("utf-8"), js),
    }


def warm() -> None:
    """Import and load what the first comparison needs, so that it is as fast as the next."""
    from toolkit.checks import config
    from toolkit.comparison import compare  # noqa: F401
    from toolkit.readers import draft, ods, text  # noqa: F401
    from toolkit.render import diff_html  # noqa: F401

    config.load(None)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (0: a free port chosen by the system)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host.strip("[]"), port))
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def url_of(host: str, port: int, token: str | None) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0",) else f"[{host.strip('[]')}]" if ":" in host else host
    if ":" in host and host.strip("[]") == "::":
        shown = "[::1]"
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
