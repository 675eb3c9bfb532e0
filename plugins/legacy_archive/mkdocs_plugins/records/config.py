"""Options of the `archive` plugin in `mkdocs.yml`."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ArchiveConfig(Config):
    """Where the archive's data lives; collections are checked in detail by the core."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off (e.g. to preview hand-written pages quickly)."""

    data_file = c.Type(str, default="data/archive.yml")
    """Vocabularies and organisations registry, relative to mkdocs.yml."""
    schemas_dir = c.Type(str, default="schemas")
    """Folder of the collections' JSON Schemas."""
    templates_dir = c.Type(str, default="templates")
    """Folder of the record page templates (package defaults fill the gaps)."""
    default_licence = c.Type(str, default="cc-by-nc-sa-4.0")
    """Licence id for records that do not name one."""
    collections = c.ListOfItems(c.Type(dict), default=[])
    """The record collections: name, title, singular, schema, template, card_facts."""
    programme = c.Type(dict, default={})
    """Programme facts every page repeats: name, funder, start, end, last_reviewed, ..."""
    redirects = c.Type(dict, default={})
    """Old site paths (`/news.html`, `/blog/*`) mapped to pages of this site."""
    notices = c.Type(dict, default={})
    """What the banner and the record notes say (banner, available_until, illustrative, ...)."""
    url_ledger = c.Type(str, default="url-ledger.txt")
    """Every URL the site has published, one per line; the build fails if one would break."""
    facets = c.Optional(c.Type(object))
    """What readers filter, browse and relate records by: key, field, label, browse,
    related_weight each; checked by the core, which reports every problem with its line."""

    staging = c.Type(bool, default=True)
    """Build into `<site_dir>.building` and swap it in only after a successful build."""

    report_to = c.Type(str, default="")
    """The GitHub or GitLab repository (`https://github.com/org/archive`) where readers report
    a problem with a page; every record page then links a prefilled issue form. Default: the
    site's `repo_url` (set this instead to keep Material's repository widget off the pages)."""

    render_workers = c.Type(int, default=0)
    """Processes rendering record pages in `mkdocs build`. 0: one per CPU the build may use
    once there are 200 records or more; 1: the build's own process renders them (letting go
    of each page once written from 200 records, in the engine's own page loop below)."""
