"""The workbench over HTTP (Starlette's test client): the same results as the command line,
and its defences: host, access token, CSRF, headers, upload limits, escaping."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile

import pytest

pytest.importorskip("starlette", reason="the workbench needs the web extra: pip install 'untk[web]'")
pytest.importorskip("multipart", reason="the workbench needs python-multipart (the web extra)")
pytest.importorskip("httpx2", reason="Starlette's test client needs httpx2 (the test extra)")

from starlette.testclient import TestClient  # noqa: E402

from conftest import SAMPLES, SEED, schema_validator, shared_path  # noqa: E402
from toolkit.errors import InputError  # noqa: E402
from toolkit.web.app import Settings, create_app  # noqa: E402
from toolkit.web.security import CSP, Policy, allowed_hosts  # noqa: E402
from toolkit.web.uploads import MAX_VERSIONS, label, read_upload  # noqa: E402

REDRAFT = SAMPLES / "redraft-2018-review.md"
HOST = "testserver"
ORIGIN = {"origin": f"http://{HOST}"}


def client(token: str | None = None, registry: str | None = None, max_body: int = 200 * 2**20) -> TestClient:
    policy = Policy(frozenset({HOST}), 80, token, max_body)
    return TestClient(create_app(Settings(registry=registry), policy), base_url=f"http://{HOST}", follow_redirects=False)


def csrf_of(c: TestClient) -> str:
    page = c.get("/")
    assert page.status_code == 200
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def files(*pairs: tuple[str, bytes]) -> list:
    return [("files", (name, data, "application/octet-stream")) for name, data in pairs]


def sample_files() -> list:
    return files((SEED.name, SEED.read_bytes()), (REDRAFT.name, REDRAFT.read_bytes()))


def upload(c: TestClient, parts: list, **data) -> object:
    return c.post("/compare", data={"csrf": csrf_of(c), **data}, files=parts, headers=ORIGIN)


def study_url(c: TestClient, parts: list | None = None, **data) -> str:
    done = upload(c, parts or sample_files(), **data)
    assert done.status_code == 303, done.text
    return done.headers["location"]


# --- the same library as the command line ---------------------------------------------


def test_the_page_holds_the_redline_that_untk_diff_html_writes():
    from toolkit.comparison import compare
    from toolkit.readers import read_with_source
    from toolkit.render.diff_html import render

    c = client()
    page = c.get(study_url(c)).text
    (a, at), (b, bt) = read_with_source(str(SEED)), read_with_source(str(REDRAFT))
    html = render(compare(a, b, sources=(at, bt)))
    main = html[html.index('<main id="main">') : html.index("</main>")]
    # The labels are the uploaded names, as the file paths are on the command line.
    main = main.replace(str(SEED), SEED.name).replace(str(REDRAFT), REDRAFT.name)
    assert main in page


def test_every_finding_links_to_a_paragraph_of_the_page_and_names_its_rule():
    from toolkit.checks import config
    from toolkit.checks.context import Context
    from toolkit.checks.engine import check
    from toolkit.comparison import compare
    from toolkit.readers import read_document

    c = client()
    page = c.get(study_url(c)).text
    old, new = read_document(str(SEED)), read_document(str(REDRAFT))
    expected = check(new, config.load(None).rules, Context(against=compare(old, new))).findings
    items = re.findall(r'<li class="wb-finding sev-(\w+)" id="finding-(\d+)"( data-pair="pair-\d+")?', page)
    assert len(items) == len(expected) > 0
    assert [sev for sev, _, _ in items] == [f.severity for f in expected]
    for f in expected:
        assert f.rule in page
    targets = re.findall(r'class="wb-goto" href="#(pair-\d+)" data-pair="(pair-\d+)"', page)
    assert targets and all(a == b and f'id="{a}"' in page for a, b in targets)
    # A finding with a fix shows it: the replacement in an insertion mark.
    fixed = [f for f in expected if f.fix]
    assert fixed and all(f"<ins>{f.fix.replacement}</ins>" in page for f in fixed)


def test_moved_and_split_paragraphs_link_to_where_they_stood():
    from toolkit.comparison import compare
    from toolkit.readers import read_document

    c = client()
    page = c.get(study_url(c)).text
    comparison = compare(read_document(str(SEED)), read_document(str(REDRAFT)))
    moved = [n for n, p in enumerate(comparison.pairs, 1) if p.op in ("move", "split", "merge")]
    links = re.findall(r'<li data-pair="pair-(\d+)"><a href="#pair-(\d+)">was (?:after old (\w+)|first)', page)
    assert moved and [int(n) for n, _, _ in links] == moved
    order = [p.id for p in comparison.old.paragraphs]
    for n, target, before in links:
        pair = comparison.pairs[int(n) - 1]
        assert before == order[order.index(pair.old[0]) - 1]  # the old paragraph before it
        assert before in comparison.pairs[int(target) - 1].old


def test_downloads_are_the_command_line_formats():
    from toolkit.readers import read_document

    c = client()
    url = study_url(c)
    diff = c.get(f"{url}/download/diff.json")
    assert diff.status_code == 200 and diff.headers["content-disposition"].startswith("attachment;")
    schema_validator("diff.schema.json").validate(diff.json())
    assert diff.json()["new"]["path"] == REDRAFT.name
    findings = c.get(f"{url}/download/findings.json").json()
    schema_validator("findings.schema.json").validate(findings)
    sarif = c.get(f"{url}/download/findings.sarif").json()
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    amendments = c.get(f"{url}/download/amendments.txt").text
    assert amendments.startswith("Amendments to A/RES/70/291") and "\n1. " in amendments
    docx = c.get(f"{url}/download/redline.docx")
    assert docx.content.startswith(b"PK\x03\x04")
    assert c.get(f"{url}/download/other.txt").status_code == 404
    # Applying the amendments to the old text gives the new paragraphs (as untk amend does).
    from toolkit.amend import amend, from_text

    result = amend(read_document(str(SEED)), [from_text("amendments.txt", amendments)])
    assert [p.full_text for p in result.document.paragraphs] == [p.full_text for p in read_document(str(REDRAFT)).paragraphs]


def test_word_uploads_are_read_with_their_tracked_changes_accepted_or_rejected():
    c = client()
    url = study_url(c)
    redline = c.get(f"{url}/download/redline.docx").content
    # The Word redline uploaded beside the two texts it came from: rejected it has the old
    # text's paragraphs and footnotes, accepted the new one's.
    for revisions, same_as in (("reject", SEED), ("accept", REDRAFT)):
        parts = files((same_as.name, same_as.read_bytes()), ("redline.docx", redline))
        pairs = c.get(study_url(c, parts, revisions=revisions) + "/download/diff.json").json()["pairs"]
        assert pairs and all(p["op"] == "equal" and not p["renumbered"] for p in pairs), revisions


def test_the_page_loads_nothing_from_elsewhere():
    c = client()
    page = c.get(study_url(c)).text
    for attribute in re.findall(r'(?<![\w-])(?:src|href|action)="([^"]*)"', page):
        assert attribute.startswith(("/", "#", "?")), attribute


@pytest.mark.corpus
def test_published_pdfs_of_a_recurring_resolution_compare_as_untk_diff_compares_them():
    from toolkit.comparison import compare
    from toolkit.readers import read_document

    old, new = shared_path("corpus", "unga-78-80", "A_RES_79_7.pdf"), shared_path("corpus", "unga-78-80", "A_RES_80_4.pdf")
    c = client()
    url = study_url(c, files((old.name, old.read_bytes()), (new.name, new.read_bytes())))
    pairs = c.get(f"{url}/download/diff.json").json()["pairs"]
    expected = compare(read_document(str(old)), read_document(str(new))).pairs
    assert [(p["op"], tuple(p["old"]), tuple(p["new"])) for p in pairs] == [(p.op, p.old, p.new) for p in expected]
    assert "A/RES/80/4" in c.get(url).text


def test_three_versions_show_a_history_and_any_two_can_be_compared():
    c = client()
    url = study_url(c, files((SEED.name, SEED.read_bytes()), ("middle.md", REDRAFT.read_bytes()), (REDRAFT.name, REDRAFT.read_bytes())))
    page = c.get(url).text
    assert "History of the newest version" in page
    assert 'data-identical="0"' in page  # v0 against v2 by default
    same = c.get(f"{url}?old=1&new=2").text
    assert 'data-identical="1"' in same
    assert c.get(f"{url}?old=1&new=1").status_code == 400
    assert c.get(f"{url}?old=0&new=9").status_code == 400


def test_versions_named_by_symbol_come_from_the_registry_and_its_paths_stay_on_the_server(tmp_path):
    from toolkit.registry.index import index
    from toolkit.registry.store import connect

    db = tmp_path / "registry.sqlite3"
    index(connect(db), [str(SEED)])
    c = client(registry=str(db))
    url = study_url(c, files((REDRAFT.name, REDRAFT.read_bytes())), symbols="A/RES/70/291\n")
    page = c.get(url).text
    assert "A/RES/70/291" in page and str(SEED) not in page and str(tmp_path) not in page
    assert c.get(f"{url}/download/diff.json").json()["old"]["path"] == "A/RES/70/291"
    unknown = upload(c, files((REDRAFT.name, REDRAFT.read_bytes())), symbols="A/RES/12/345")
    assert unknown.status_code == 400 and "A/RES/12/345: not in the registry" in unknown.text
    # Agreed-language search and provenance, through the registry's own functions.
    hits = c.get("/search", params={"q": "prevent and combat terrorism in all its forms and manifestations", "mode": "exact"})
    assert hits.status_code == 200 and "<mark>prevent and combat terrorism in all its forms and manifestations</mark>" in hits.text
    provenance = c.get(f"{url}/provenance")
    assert provenance.status_code == 200 and "agreed" in provenance.text and 'href="/s/' in provenance.text


def test_without_a_registry_symbols_and_search_say_what_is_needed():
    c = client()
    refused = upload(c, files((REDRAFT.name, REDRAFT.read_bytes())), symbols="A/RES/70/291")
    assert refused.status_code == 400 and "--registry" in refused.text
    assert "--registry FILE" in c.get("/search", params={"q": "terrorism"}).text


def test_unreadable_uploads_are_one_line_naming_the_file():
    c = client()
    for parts, reason in [
        (files((SEED.name, SEED.read_bytes())), "give at least two versions"),
        (files((SEED.name, SEED.read_bytes()), ("empty.txt", b"")), "empty.txt: file is empty"),
        (files((SEED.name, SEED.read_bytes()), ("data.txt", b"\x00\x01\x02" * 100)), "data.txt: binary file"),
        (files((SEED.name, SEED.read_bytes()), ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)), "old.doc: an encrypted"),
    ]:
        done = upload(c, parts)
        assert done.status_code == 400, reason
        assert reason in done.text and "Traceback" not in done.text
        assert done.text.count('role="alert"') == 1


# --- limits -------------------------------------------------------------------------


def test_an_upload_over_the_size_limit_is_refused_before_it_is_read():
    c = client(max_body=64 * 1024)
    done = upload(c, files((SEED.name, SEED.read_bytes()), (REDRAFT.name, REDRAFT.read_bytes())))
    assert done.status_code == 413


def test_an_upload_without_a_length_is_cut_off_at_the_limit():
    c = client(max_body=64 * 1024)
    token = csrf_of(c)
    boundary = "untkboundary"

    def body():
        yield (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n"
               f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.txt\"\r\n\r\n").encode()
        for _ in range(64):
            yield b"x" * 4096  # 256 KiB in all, no Content-Length said so

    done = c.post("/compare", content=body(), headers={**ORIGIN, "content-type": f"multipart/form-data; boundary={boundary}"})
    assert done.status_code == 413 and "over 0.0625 MiB" in done.text


def test_a_file_over_the_readers_limit_and_a_zip_bomb_are_refused(monkeypatch):
    import toolkit.web.uploads as uploads

    monkeypatch.setattr(uploads, "MAX_BYTES", 1000)
    with pytest.raises(InputError, match=r"big\.txt: file is over"):
        read_upload("big.txt", b"x" * 1001)
    monkeypatch.undo()
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * (8 * 2**20))
    c = client()
    done = upload(c, files((SEED.name, SEED.read_bytes()), ("bomb.docx", bomb.getvalue())))
    assert done.status_code == 400 and "bomb.docx: word/document.xml is compressed" in done.text and "ZIP bomb" in done.text


def test_more_versions_than_the_limit_are_refused():
    c = client()
    done = upload(c, files(*[(f"v{i}.txt", SEED.read_bytes()) for i in range(MAX_VERSIONS + 1)]))
    assert done.status_code == 400


def test_file_names_from_the_client_are_labels_never_paths():
    assert label("../../etc/passwd", 0) == "passwd"
    assert label("C:\\Users\\me\\draft.docx", 0) == "draft.docx"
    assert label("..", 2) == "version-3.txt"
    assert label("a\x1b[31mb.md", 0) == "a[31mb.md"


# --- host, token, CSRF, headers ---------------------------------------------------------


def test_allowed_hosts_are_the_bound_address_only():
    assert allowed_hosts("127.0.0.1", 8765) == {"127.0.0.1:8765", "localhost:8765"}
    assert allowed_hosts("::1", 8765) == {"[::1]:8765", "localhost:8765"}
    assert allowed_hosts("192.168.1.5", 8765) == {"192.168.1.5:8765"}
    assert allowed_hosts("0.0.0.0", 8765) is None


def test_a_host_header_of_another_name_is_refused():
    c = client()
    refused = c.get("/", headers={"host": "attacker.example"})
    assert refused.status_code == 421 and "untk" not in refused.headers.get("set-cookie", "")
    assert c.get("/", headers={"host": "testserver"}).status_code == 200


def test_with_a_token_every_request_needs_it_and_the_cookie_it_sets():
    c = client(token="s3cret-token")
    assert c.get("/").status_code == 403
    assert c.get("/?token=wrong").status_code == 403
    entered = c.get("/?token=s3cret-token&x=1")
    assert entered.status_code == 303 and entered.headers["location"] == "/?x=1"
    assert "HttpOnly" in entered.headers["set-cookie"] and "SameSite=Strict" in entered.headers["set-cookie"]
    assert c.get("/").status_code == 200  # the cookie now
    other = client(token="s3cret-token")
    assert other.get("/static/workbench.css").status_code == 403


def test_every_post_needs_the_csrf_token_of_its_session_and_this_origin():
    c = client()
    token = csrf_of(c)
    parts = sample_files()
    assert c.post("/compare", data={}, files=parts, headers=ORIGIN).status_code == 403
    assert c.post("/compare", data={"csrf": "0" * 64}, files=parts, headers=ORIGIN).status_code == 403
    other = client()
    assert other.post("/compare", data={"csrf": token}, files=parts, headers=ORIGIN).status_code == 403  # another session
    assert c.post("/compare", data={"csrf": token}, files=parts).status_code == 403  # no Origin, no Referer
    assert c.post("/compare", data={"csrf": token}, files=parts, headers={"origin": "http://attacker.example"}).status_code == 403
    assert c.post("/compare", data={"csrf": token}, files=parts, headers={"origin": "null"}).status_code == 403
    assert c.post("/compare", data={"csrf": token}, files=parts, headers={"referer": f"http://{HOST}/"}).status_code == 303
    assert c.post("/compare", data={"csrf": token}, files=parts, headers=ORIGIN).status_code == 303


def test_an_odd_cookie_of_another_program_does_not_hide_the_session():
    c = client()
    token = csrf_of(c)
    session = next(v for k, v in c.cookies.items() if k.startswith("untk_session_"))
    odd = {"cookie": f'other="a\\"b; x; untk_session_80={session}; y={{"json":1}}'}
    assert c.post("/compare", data={"csrf": token}, files=sample_files(), headers={**ORIGIN, **odd}).status_code == 303


def test_a_comparison_is_only_for_the_session_that_made_it():
    c = client()
    url = study_url(c)
    assert c.get(url).status_code == 200
    other = client()
    assert other.get(url).status_code == 404
    assert other.get(f"{url}/download/redline.docx").status_code == 404


def test_every_response_has_a_strict_policy():
    c = client()
    url = study_url(c)
    for path in ("/", url, f"{url}/download/diff.json", "/static/diff.js", "/static/none.js", "/s/none", "/search"):
        response = c.get(path)
        assert response.headers["content-security-policy"] == CSP, path
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in CSP and "default-src 'self'" in CSP
    assert "unsafe-inline" not in CSP and "unsafe-eval" not in CSP
    # Nothing inline that the policy would have to allow: no <script> or <style> bodies, no handlers.
    page = c.get(url).text
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert "<style" not in page and " style=" not in page
    assert not re.search(r"\son[a-z]+=", page)
    assert c.get("/static/diff.js").headers["content-type"].startswith("text/javascript")


def test_markup_in_a_paragraph_a_footnote_a_title_and_a_file_name_is_shown_as_text():
    hostile = (
        "---\ntitle: <script>alert('title')</script>\n---\n\n"
        "The General Assembly,\n\n"
        "1. Decides <script>alert('paragraph')</script> to act;[^1]\n\n"
        "2. Requests a report <img src=x onerror=alert(1)>.\n\n"
        "[^1]: See <b onmouseover=alert(2)>A/70/1</b>.\n"
    )
    plain = "The General Assembly,\n\n1. Decides to act;\n\n2. Requests a report.\n"
    c = client()
    url = study_url(c, files(("<script>alert(9)</script>.md", plain.encode()), ("x\"><svg onload=alert(3)>.md", hostile.encode())))
    page = c.get(url).text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b onmouseover" not in page and "<svg" not in page
    assert "&lt;script&gt;alert(" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;b onmouseover=alert(2)&gt;" in page


def test_serve_without_the_web_extra_says_how_to_install_it():
    blocker = "import sys; sys.modules['starlette'] = None; sys.modules['uvicorn'] = None; from toolkit.cli import main; main()"
    done = subprocess.run([sys.executable, "-c", blocker, "serve", "--no-open"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == "untk: error: the workbench needs its extra: pip install 'untk[web]'"
    assert done.stdout == ""


def test_serve_with_a_host_prints_an_address_with_a_token_and_refuses_requests_without_it():
    import urllib.error
    import urllib.request

    process = subprocess.Popen(
        [sys.executable, "-c", "from toolkit.cli import main; main()", "serve", "--no-open", "--host", "127.0.0.1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = process.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+/)\?token=([\w-]{20,})", line)
        assert found, line
        base, token = found.groups()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base, timeout=10)
        assert refused.value.code == 403
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with opener.open(f"{base}?token={token}", timeout=10) as entered:  # the redirect sets the cookie
            assert entered.status == 200 and entered.url == base
            assert 'name="csrf"' in entered.read().decode()
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_refuses_a_missing_registry_and_a_port_in_use_in_one_line(tmp_path):
    import socket

    from click.testing import CliRunner

    from toolkit.cli import main

    runner = CliRunner()
    missing = runner.invoke(main, ["serve", "--no-open", "--registry", str(tmp_path / "none.sqlite3")])
    assert missing.exit_code == 2
    assert missing.output.strip() == f"untk: error: {tmp_path / 'none.sqlite3'}: no registry here (create one with 'untk registry import' or 'untk index')"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        busy = runner.invoke(main, ["serve", "--no-open", "--port", str(port)])
    assert busy.exit_code == 2
    assert busy.output.startswith(f"untk: error: 127.0.0.1:{port}: cannot listen: ") and busy.output.count("\n") == 1
