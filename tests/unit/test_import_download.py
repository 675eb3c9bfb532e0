"""Bounded downloads against the local legacy site: sizes, deadlines, redirects, types, politeness."""

from __future__ import annotations

import gzip
import ipaddress
import re
import socket
import threading
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from io import BytesIO

import pytest

from legacy_archive.core.importing.download import (
    DownloadLimits,
    DownloadRefused,
    RequestBudget,
    Throttle,
    fetch_file,
    same_site_key,
)
from legacy_archive.core.importing.sniff import allowed, sniff
from support.legacy_site import (
    JPEG,
    PDF,
    PNG,
    LegacySite,
    bomb,
    serve_files,
    serve_legacy_site,
)

LOCAL = (ipaddress.ip_network("127.0.0.1/32"),)
MB = 1024 * 1024


@pytest.fixture(scope="module")
def site() -> Iterator[LegacySite]:
    with serve_legacy_site() as running:
        yield running


def get(site: LegacySite, path: str, **limits: object) -> bytes:
    return fetch_file(
        site.url(path),
        limits=DownloadLimits(**limits),
        allowed_networks=LOCAL,  # type: ignore[arg-type]
    ).body


def refusal(
    site: LegacySite, path: str, same_site: str | None = None, **limits: object
) -> DownloadRefused:
    with pytest.raises(DownloadRefused) as caught:
        fetch_file(
            site.url(path),
            limits=DownloadLimits(**limits),  # type: ignore[arg-type]
            allowed_networks=LOCAL,
            same_site=same_site,
        )
    return caught.value


def test_a_file_comes_with_its_sniffed_type(site: LegacySite) -> None:
    got = fetch_file(site.url("/files/report.pdf"), limits=DownloadLimits(), allowed_networks=LOCAL)
    assert (got.status, got.content_type, got.body) == (200, "application/pdf", PDF)
    assert got.final_url == got.url and got.redirects == ()


def test_redirects_are_followed_and_recorded(site: LegacySite) -> None:
    got = fetch_file(site.url("/?p=12"), limits=DownloadLimits(), allowed_networks=LOCAL)
    assert got.redirects == (site.url("/news/first-post/"),)
    assert got.final_url == site.url("/news/first-post/")
    assert got.content_type == "text/html" and b"The programme begins" in got.body


def peak_memory(action: Callable[[], object]) -> int:
    """The most memory Python held while `action` ran (every thread, the server's included)."""
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_declared_2_gb_file_is_refused_before_its_body(site: LegacySite) -> None:
    started = time.monotonic()
    errors: list[DownloadRefused] = []
    peak = peak_memory(
        lambda: errors.append(refusal(site, "/huge.bin", max_bytes=10 * MB, deadline_s=5))
    )
    assert str(errors[0]) == "is 2 GB (expected at most 10 MB)"
    assert errors[0].too_big and not errors[0].timed_out
    assert time.monotonic() - started < 2  # reading 2 GB would take far longer
    assert peak < MB


def test_a_body_without_length_stops_at_the_limit(site: LegacySite) -> None:
    errors: list[DownloadRefused] = []
    peak = peak_memory(
        lambda: errors.append(refusal(site, "/endless.bin", max_bytes=MB, deadline_s=5))
    )
    assert str(errors[0]) == "is more than 1 MB (expected at most 1 MB)"
    assert peak < 3 * MB


def test_a_compression_bomb_is_refused(site: LegacySite) -> None:
    bomb()  # the server's 64 MB of zeros, compressed before memory is measured
    errors: list[DownloadRefused] = []
    peak = peak_memory(lambda: errors.append(refusal(site, "/bomb", max_bytes=MB, deadline_s=5)))
    assert "decompresses to more than 1 MB" in str(errors[0])
    assert peak < 3 * MB  # inflated in small steps, never whole


@pytest.mark.parametrize(
    ("path", "text"), [("/gzipped.txt", b"small and squeezed "), ("/deflated.txt", b"raw deflate ")]
)
def test_gzip_and_deflate_bodies_are_decoded(site: LegacySite, path: str, text: bytes) -> None:
    assert get(site, path) == text * 50


def test_an_unknown_encoding_is_refused(site: LegacySite) -> None:
    assert "br encoding" in str(refusal(site, "/brotli.txt"))


@pytest.mark.parametrize("path", ["/slow", "/drip"])
def test_a_server_that_never_finishes_ends_at_the_deadline(site: LegacySite, path: str) -> None:
    started = time.monotonic()
    error = refusal(site, path, deadline_s=0.5)
    elapsed = time.monotonic() - started
    assert error.timed_out and "no complete answer within 0.5 s" in str(error)
    assert 0.4 < elapsed < 2


def test_a_redirect_to_a_private_address_is_refused_unconnected(site: LegacySite) -> None:
    started = time.monotonic()
    error = refusal(site, "/redirect-private", deadline_s=5)
    assert str(error) == (
        "redirect refused: 10.0.0.1 is a private or local address"
        " (only public addresses are fetched)"
    )
    assert time.monotonic() - started < 1  # a connect to 10.0.0.1 would hang until the deadline


def test_the_private_address_is_never_connected_to(
    site: LegacySite, monkeypatch: pytest.MonkeyPatch
) -> None:
    connected: list[object] = []
    real = socket.socket.connect

    def spy(self: socket.socket, address: object) -> None:
        connected.append(address)
        real(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", spy)
    refusal(site, "/redirect-private", deadline_s=5)
    assert [a[0] for a in connected] == ["127.0.0.1"]  # type: ignore[index]


def test_a_redirect_off_the_site_is_refused(site: LegacySite) -> None:
    error = refusal(site, "/redirect-offsite", same_site=site.base)
    assert str(error) == (
        "redirects off the site to http://elsewhere.example/landing/"
        " (expected an address on 127.0.0.1)"
    )
    assert error.status == 302 and error.redirects == ("http://elsewhere.example/landing/",)


def test_a_redirect_loop_is_refused(site: LegacySite) -> None:
    assert "redirect loop" in str(refusal(site, "/redirect-loop"))


def test_loopback_is_refused_unless_allowed(site: LegacySite) -> None:
    with pytest.raises(DownloadRefused, match=re.escape("127.0.0.1 is a private or local address")):
        fetch_file(site.url("/plain.txt"), limits=DownloadLimits())


def test_a_missing_file_gives_its_status(site: LegacySite) -> None:
    error = refusal(site, "/nowhere")
    assert (str(error), error.status) == ("HTTP 404 (expected 200 OK)", 404)


def test_a_lying_type_cannot_pass_a_type_limit(site: LegacySite) -> None:
    error = refusal(site, "/lying.png", types=("image/*",))
    assert (
        str(error) == "the file is text/html, though the server says image/png (expected image/*)"
    )


def test_a_declared_type_outside_the_limit_is_refused_before_the_body(site: LegacySite) -> None:
    error = refusal(site, "/files/report.pdf", types=("image/*",))
    assert str(error) == "the server says it is application/pdf (expected image/*)"


def test_an_unlabelled_image_passes_on_its_bytes() -> None:
    with serve_files({"/pic": ("application/octet-stream", PNG)}) as files:
        got = fetch_file(
            files.url("/pic"), limits=DownloadLimits(types=("image/*",)), allowed_networks=LOCAL
        )
    assert got.content_type == "image/png" and got.declared_type == "application/octet-stream"


def test_every_request_takes_from_the_budget(site: LegacySite) -> None:
    budget = RequestBudget(2)
    fetch_file(site.url("/?p=12"), limits=DownloadLimits(), allowed_networks=LOCAL, budget=budget)
    assert budget.used == 2  # the redirect and the page
    with pytest.raises(DownloadRefused, match="request limit"):
        fetch_file(
            site.url("/plain.txt"), limits=DownloadLimits(), allowed_networks=LOCAL, budget=budget
        )


def test_a_throttle_keeps_two_requests_in_flight_at_most(site: LegacySite) -> None:
    throttle = Throttle(in_flight=2)

    def slow() -> None:
        with pytest.raises(DownloadRefused):
            fetch_file(
                site.url("/slow"),
                limits=DownloadLimits(deadline_s=0.3),
                allowed_networks=LOCAL,
                throttle=throttle,
            )

    workers = [threading.Thread(target=slow) for _ in range(5)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(5)
    assert throttle.most_in_flight == 2


def test_a_throttle_spaces_requests_by_its_delay() -> None:
    throttle = Throttle(in_flight=1, delay_s=0.2)
    with serve_files({"/a": ("text/plain", b"a")}) as files:
        started = time.monotonic()
        for _ in range(3):
            fetch_file(
                files.url("/a"), limits=DownloadLimits(), allowed_networks=LOCAL, throttle=throttle
            )
        assert time.monotonic() - started >= 0.4


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"max_bytes": -1}, "max_bytes"),
        ({"deadline_s": 0}, "deadline_s"),
        ({"deadline_s": float("inf")}, "deadline_s"),
    ],
)
def test_limits_are_checked(bad: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        DownloadLimits(**bad)  # type: ignore[arg-type]


def test_throttle_allows_one_or_two() -> None:
    with pytest.raises(ValueError, match="1 or 2"):
        Throttle(in_flight=3)


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("http://www.Old.example/a", ("old.example", None)),
        ("https://old.example:443/", ("old.example", None)),
        ("http://127.0.0.1:8000/x", ("127.0.0.1", 8000)),
        ("old.example", ("old.example", None)),
    ],
)
def test_same_site_key(url: str, key: tuple[str, int | None]) -> None:
    assert same_site_key(url) == key


def _docx() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("body", "declared", "kind"),
    [
        (PNG, "", "image/png"),
        (JPEG, "image/png", "image/jpeg"),
        (b"GIF89a" + bytes(20), "", "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "", "image/webp"),
        (PDF, "text/html", "application/pdf"),
        (b"ID3\x03\x00" + bytes(20), "", "audio/mpeg"),
        (b"\x00\x00\x00\x18ftypmp42" + bytes(20), "", "video/mp4"),
        (b"\x00\x00\x00\x18ftypM4A " + bytes(20), "", "audio/mp4"),
        (
            _docx(),
            "application/octet-stream",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(20),
            "application/msword",
            "application/msword",
        ),
        (gzip.compress(b"x", mtime=0), "", "application/gzip"),
        (b"  <!DOCTYPE html><html></html>", "image/png", "text/html"),
        (b"<div>a fragment</div>", "text/html", "text/html"),
        (
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
            "image/png",
            "image/svg+xml",
        ),
        (b'<?xml version="1.0"?><urlset/>', "text/xml", "application/xml"),
        (b"plain words", "text/plain", "text/plain"),
        (b"MZ\x90\x00\x03" + bytes(20), "text/plain", "application/octet-stream"),
        (b"no signature here", "image/png", "application/octet-stream"),
        (b"no signature here", "application/pdf", "application/octet-stream"),
    ],
)
def test_sniff(body: bytes, declared: str, kind: str) -> None:
    assert sniff(body, declared) == kind


def test_allowed_patterns() -> None:
    assert allowed("image/png", ("image/*",)) and allowed("x/y", ())
    assert not allowed("text/html", ("image/*", "application/pdf"))
