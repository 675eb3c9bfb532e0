"""The test preview server serves a site under its sub-path, with gzip and the 404 page."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_preview_serves_under_the_sub_path_with_gzip_and_404(tmp_path: Path) -> None:
    import gzip
    import urllib.error
    import urllib.request

    from harness.preview import serve

    (tmp_path / "courses").mkdir()
    (tmp_path / "courses" / "index.html").write_text("<p>courses</p>" * 50)
    (tmp_path / "404.html").write_text("not here")
    with serve(tmp_path, "/repo/") as url:
        request = urllib.request.Request(url + "courses/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()) == b"<p>courses</p>" * 50
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(url.replace("/repo/", "/") + "courses/")
        assert missing.value.code == 404 and missing.value.read() == b"not here"
