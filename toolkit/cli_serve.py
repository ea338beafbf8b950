"""``untk serve``: the browser workbench, on this computer only unless told otherwise."""

from __future__ import annotations

import click

from toolkit.cli import EXIT_ERROR, reports_errors


@click.command()
@click.option("--host", default=None, help="Listen on this address instead of 127.0.0.1; an access token is then required (it is in the printed address).")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default="a free port", help="Listen on this port.")
@click.option("--no-open", is_flag=True, help="Do not open the page in a browser; only print its address.")
@click.option("--registry", "--db", "registry_db", type=click.Path(dir_okay=False), default=None, help="The registry for symbols, agreed-language search, provenance and citation checks (default: $UNTK_DB, else ~/.local/share/untk/registry.sqlite3, when it exists).")
@reports_errors
def serve(host: str | None, port: int, no_open: bool, registry_db: str | None) -> None:
    """Start the workbench: compare versions, see findings and download redlines in a browser.

    Upload two or more versions (.docx, .pdf, .txt, .md) or name indexed symbols;
    the page shows the redline, the findings beside the paragraphs, and the Word
    redline, amendments, JSON and SARIF to download. It listens on 127.0.0.1 only;
    with --host it asks for the access token printed in its address. Ctrl+C stops it.

    \b
    Examples:
      untk serve
      untk serve --port 8765 --no-open
      untk serve --registry registry.sqlite3
      untk serve --host 0.0.0.0 --port 8765
    """
    try:
        import starlette  # noqa: F401
        import uvicorn
    except ImportError:
        click.echo("untk: error: the workbench needs its extra: pip install 'untk[web]'", err=True)
        raise SystemExit(EXIT_ERROR) from None
    import os
    import secrets

    from toolkit.errors import UntkError
    from toolkit.web.app import Settings, bind, create_app, url_of, warm

    if registry_db is None:
        from toolkit.checks.run import default_registry

        registry_db = default_registry()
    elif not os.path.isfile(registry_db):
        raise UntkError(f"{registry_db}: no registry here (create one with 'untk registry import' or 'untk index')")
    address = host or "127.0.0.1"
    token = secrets.token_urlsafe(24) if host is not None else None
    try:
        sock = bind(address, port)
    except OSError as exc:
        raise UntkError(f"{address}:{port}: cannot listen: {exc.strerror or exc}") from None
    bound = sock.getsockname()[1]
    warm()
    app = create_app(Settings(address, bound, token, registry_db))
    url = url_of(address, bound, token)
    elsewhere = "; from other machines, this machine's address in its place" if address.strip("[]") in ("0.0.0.0", "::") else ""
    click.echo(f"untk workbench at {url}  (Ctrl+C stops it{elsewhere})")
    if not no_open:
        import threading
        import webbrowser

        threading.Timer(0.3, webbrowser.open, [url]).start()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", server_header=False))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
