"""What keeps the workbench to its user: host, access token, session, CSRF, headers, body size.

Every request passes :class:`Guard`, an ASGI middleware, before the app sees it:

* the ``Host`` header must name the address the server is bound to (``localhost`` too on
  loopback), so a page of another site whose name was rebound to 127.0.0.1 gets nothing;
* with an access token (``untk serve --host``), ``?token=`` sets a cookie and every later
  request must carry it;
* a session cookie, and for each session a CSRF token (an HMAC of it), which every POST
  must send back in its form (``csrf``) or in ``X-CSRF-Token``; a POST must also come from
  this origin (``Origin``, else ``Referer``);
* a request body over the limit is refused before it is read;
* every response gets a strict Content-Security-Policy (nothing inline, nothing from
  elsewhere, no framing), ``nosniff``, no referrer to other sites and no caching.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, MutableMapping
from urllib.parse import parse_qsl, urlencode

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = (
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "same-origin"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    ("cache-control", "no-store"),
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Policy:
    """Who may talk to this server: which Host headers, which token, how large a body."""

    hosts: frozenset[str] | None  # allowed Host header values; None: any (a wildcard bind, token required)
    port: int
    token: str | None = None
    max_body: int = 0  # 0: no limit
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)

    @property
    def session_cookie(self) -> str:
        # Cookies are not kept apart by port: two workbenches on one machine must not share one.
        return f"untk_session_{self.port}"

    @property
    def access_cookie(self) -> str:
        return f"untk_access_{self.port}"

    def csrf_token(self, session: str) -> str:
        return hmac.new(self.secret, session.encode("ascii", "replace"), hashlib.sha256).hexdigest()

    def csrf_ok(self, session: str | None, token: str | None) -> bool:
        return bool(session and token) and hmac.compare_digest(self.csrf_token(session or ""), token or "")


def allowed_hosts(host: str, port: int) -> frozenset[str] | None:
    """The Host header values a server bound to ``host``:``port`` answers; None for a wildcard."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        address = None
    if address is not None and address.is_unspecified:
        return None
    name = f"[{address}]" if address is not None and address.version == 6 else host.lower()
    names = {name}
    if address is not None and address.is_loopback:
        names.add("localhost")
    return frozenset(n for base in names for n in (f"{base}:{port}", *((base,) if port == 80 else ())))


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _cookies(header: str) -> dict[str, str]:
    # Starlette's parser, as the app reads them: lenient, so that an odd cookie another
    # program on this machine set for 127.0.0.1 does not hide ours (SimpleCookie stops there).
    from starlette.requests import cookie_parser

    return cookie_parser(header)


def _cookie(name: str, value: str) -> tuple[bytes, bytes]:
    return (b"set-cookie", f"{name}={value}; Path=/; HttpOnly; SameSite=Strict".encode("latin-1"))


class Guard:
    """The ASGI middleware described in the module's docstring."""

    def __init__(self, app: Callable[..., Awaitable[None]], policy: Policy):
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        p = self.policy
        headers = _headers(scope)
        host = headers.get("host", "").lower()
        if p.hosts is not None and host not in p.hosts:
            # DNS rebinding: a name of another site that resolves here is refused.
            first = sorted(p.hosts)[0]
            await _plain(send, 421, f"untk: this workbench answers only at http://{first}/")
            return
        cookies = _cookies(headers.get("cookie", ""))
        extra: list[tuple[bytes, bytes]] = []
        if p.token is not None:
            query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
            given = dict(query).get("token")
            if given is not None and hmac.compare_digest(given, p.token):
                rest = urlencode([(k, v) for k, v in query if k != "token"])
                location = scope.get("path", "/") + (f"?{rest}" if rest else "")
                await _plain(send, 303, "", [(b"location", location.encode("latin-1")), _cookie(p.access_cookie, p.token)])
                return
            if not hmac.compare_digest(cookies.get(p.access_cookie, ""), p.token):
                await _plain(send, 403, "untk: open the address 'untk serve' printed, with its token")
                return
        session = cookies.get(p.session_cookie)
        if not session or len(session) > 64:
            session = secrets.token_urlsafe(24)
            extra.append(_cookie(p.session_cookie, session))
        scope.setdefault("state", {})["session"] = session
        scope["state"]["csrf"] = p.csrf_token(session)
        if scope["method"] not in SAFE_METHODS:
            origin = headers.get("origin")
            referer = headers.get("referer")
            here = f"http://{host}"
            same = origin == here if origin is not None else bool(referer) and (referer + "/").startswith(here + "/")
            if not same:
                await _plain(send, 403, "untk: a form of another site (cross-origin request refused)")
                return
            header_token = headers.get("x-csrf-token")
            if header_token is not None:
                scope["state"]["csrf_checked"] = p.csrf_ok(cookies.get(p.session_cookie), header_token)
            length = headers.get("content-length")
            if p.max_body and length is not None and (not length.isdigit() or int(length) > p.max_body):
                await _plain(send, 413, f"untk: the upload is over {p.max_body / 2**20:g} MiB")
                return
            receive = _bounded(receive, p.max_body)

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((k.encode(), v.encode()) for k, v in HEADERS if k.encode() not in names),
                    *extra,
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(Exception):
    """A request body that went past the limit while it was read (no Content-Length said so)."""


def _bounded(receive: Receive, limit: int) -> Receive:
    if not limit:
        return receive
    seen = 0

    async def bounded() -> MutableMapping[str, Any]:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge(f"the upload is over {limit / 2**20:g} MiB")
        return message

    return bounded


async def _plain(send: Send, status: int, text: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = (text + "\n").encode("utf-8") if text else b""
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *((k.encode(), v.encode()) for k, v in HEADERS),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
