"""The `/admin/` page, which loads the vendored CMS from beside it under a strict policy."""

from __future__ import annotations

import jinja2

from legacy_archive.core.editors.vendored import (
    CMS_FILE,
    FONTS_CSS,
    ZOOM,
    ZOOM_JS,
    subresource_integrity,
)
from legacy_archive.core.emit.csp import policy

ADMIN_SOURCES = {
    "connect-src": "https://api.github.com",
    "img-src": "blob: https://*.githubusercontent.com",
    "media-src": "blob:",
}
"""What the form editor reaches besides the site: GitHub's API and its images."""


_PAGE = jinja2.Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <meta http-equiv="Content-Security-Policy" content="{{ policy }}">
  <title>Edit {{ site_name }}</title>
  <link href="config.yml" type="application/yaml" rel="cms-config-url">
</head>
<body>
  <noscript>The editing forms need JavaScript. You can also edit records on GitHub: see
  the contributing guide.</noscript>
  <script src="{{ zoom }}" integrity="{{ zoom_integrity }}"></script>
  <script src="{{ script }}"{% if integrity %} integrity="{{ integrity }}"{% endif %}></script>
  {#- In the body, so it comes after the styles the CMS adds to the head, and wins. #}
  <link rel="stylesheet" href="{{ fonts }}">
</body>
</html>
"""
)


def admin_page(site_name: str, integrity: str, script: str = CMS_FILE, auth_url: str = "") -> str:
    """The `/admin/` page: it loads the CMS from beside it, which reads `config.yml`.

    Its Content-Security-Policy lets scripts come only from the site itself and lets the
    page talk only to GitHub's API (and the OAuth helper, when there is one): the token an
    editor types in can be sent nowhere else. No `eval` of any kind."""
    extra = dict(ADMIN_SOURCES)
    if auth_url:
        extra["connect-src"] += " " + auth_url
    return _PAGE.render(
        site_name=site_name,
        script=script,
        integrity=integrity,
        fonts=FONTS_CSS,
        zoom=ZOOM_JS,
        zoom_integrity=subresource_integrity(ZOOM.encode("utf-8")),
        policy=policy(extra=extra, wasm=False),
    )
