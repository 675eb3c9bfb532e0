"""One fetched page into an item: its text, its old addresses, its files, its links.

A page reached again by another address (a redirect, a `?p=` shortlink, a twin with the
same content) adds that address to the item already read instead of making a duplicate.
A Wayback copy is cleaned first: toolbar removed, the old site's addresses put back.
"""

from __future__ import annotations

import hashlib

from legacy_archive.core.importing import wayback
from legacy_archive.core.importing.crawlsite import Site
from legacy_archive.core.importing.crawlurl import is_file, normalise, page_key, section, slug
from legacy_archive.core.importing.download import Downloaded
from legacy_archive.core.importing.frontier import Crawl, decode
from legacy_archive.core.importing.items import Ignored, SourceFile, SourceItem
from legacy_archive.core.importing.webpage import WebPage, read_page

__all__ = ["add_page"]


def _clean_copy(text: str, got: Downloaded, site: Site) -> str:
    """A Wayback page without the toolbar and with the old site's addresses back."""
    if site.copy is None:
        return text
    page = wayback.parse(got.final_url, (site.copy.prefix, *site.prefixes))
    if page is None:
        return text
    return wayback.unrewrite(wayback.strip_wayback(text), got.final_url, page)


def _files(crawl: Crawl, page: WebPage, url: str) -> tuple[SourceFile, ...]:
    """The site's own files the body links or shows; images on other sites are hotlinks."""
    files: dict[str, SourceFile] = {}
    for link, text in page.body_links:
        normal = normalise(link)
        if normal and crawl.site.on_site(normal) and is_file(normal):
            files.setdefault(
                crawl.site.canonical(normal),
                SourceFile(url=crawl.site.canonical(normal), title=text),
            )
    for image, alt in page.body_images:
        normal = normalise(image)
        if normal is None:
            continue
        if crawl.site.on_site(normal):
            files.setdefault(
                crawl.site.canonical(normal), SourceFile(url=crawl.site.canonical(normal), alt=alt)
            )
        else:
            crawl.hotlinks.add((normal, url))
    return tuple(files.values())


def add_page(crawl: Crawl, asked: str, got: Downloaded, depth: int) -> None:
    """Turn one fetched page into an item (or an alias of one already read) and queue its links."""
    final = normalise(crawl.site.original(got.final_url)) or asked
    if not crawl.site.on_site(final):
        crawl.source.ignored.append(
            Ignored(f"page: {asked}", f"redirects off the site to {final}; not imported")
        )
        return
    final = crawl.site.canonical(final)
    via = [normalise(crawl.site.original(hop)) for hop in got.redirects]
    aliases = {asked, *(v for v in via if v)} - {final}
    existing = crawl.items.get(final)
    if existing is not None:
        existing.old_urls = tuple(sorted({*existing.old_urls, *aliases}))
        return
    crawl.queued.add(final)
    page = read_page(_clean_copy(decode(got), got, crawl.site), final)
    if not page.html.strip():
        crawl.source.ignored.append(Ignored(f"page: {final}", "no content found in the page"))
        return
    aliases |= {a for a in (normalise(x) for x in page.aliases) if a and a != final}
    digest = hashlib.sha256(f"{page.title}\0{page.html}".encode()).hexdigest()
    twin = crawl.digests.get(digest)
    if twin is not None and page.html:
        item = crawl.items[twin]
        item.old_urls = tuple(sorted({*item.old_urls, *aliases, final} - {item.url}))
        crawl.items[final] = item
        return
    fields: dict[str, str] = {}
    if crawl.site.copy is not None:
        capture = wayback.parse(got.final_url, (crawl.site.copy.prefix, *crawl.site.prefixes))
        if capture is not None:
            fields["wayback"] = capture.copy(capture.original, "")
    item = SourceItem(
        key=page_key(final),
        kind="page",
        title=page.title,
        html=page.html,
        origin=fields.get("wayback", got.final_url),
        url=final,
        old_urls=tuple(sorted(aliases)),
        slug=slug(final),
        date=page.date,
        modified=page.modified,
        author=page.author,
        excerpt=page.excerpt,
        categories=tuple(page.categories),
        tags=tuple(page.tags),
        fields=fields,
        attachments=_files(crawl, page, final),
    )
    crawl.items[final] = item
    crawl.digests[digest] = final
    crawl.terms["page paths"][section(final)] += 1
    crawl.terms["tags"].update(page.tags)
    crawl.terms["categories"].update(page.categories)
    for link in page.links:
        crawl.enqueue(link, depth + 1)
    for link in page.term_links:
        normal = normalise(link)
        if normal and crawl.site.on_site(normal):
            normal = crawl.site.canonical(normal)
        if normal and crawl.site.on_site(normal) and normal not in crawl.queued:
            crawl.queued.add(normal)
            crawl.source.ignored.append(Ignored(f"page: {normal}", "a tag or category listing"))
