"""One crawled HTML page read into what a record needs: title, date, terms, main content, links.

The main content comes from trafilatura, made to separate an article from the navigation,
sidebars, cookie banners and footers around it; when it finds nothing (a very short page),
the page's `<main>` or `<article>` is used with those parts removed. Dates and terms come
from the page's own markup (Open Graph and article meta, `<time>`, `rel=tag` links,
keywords), never from the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
import trafilatura
from htmldate import find_date

__all__ = ["WebPage", "read_page", "without_xml_declaration"]

_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
"""XHTML pages open with one; lxml refuses a str that declares its encoding."""
_ISO = re.compile(r"\A\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\Z")
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "date",
)
_CHROME = (
    "//nav | //header[not(ancestor::article or ancestor::main)]"
    " | //footer[not(ancestor::article or ancestor::main)] | //aside | //form | //script"
    " | //style | //noscript | //iframe | //*[@role='navigation' or @role='banner'"
    " or @role='contentinfo' or @role='complementary']"
)
_CHROME_CLASS = re.compile(
    r"(?:^|[\s_-])(?:cookie|consent|gdpr|banner|sidebar|widget|menu|breadcrumbs?|share|social"
    r"|skip-link|site-header|site-footer|newsletter)(?:$|[\s_-])",
    re.IGNORECASE,
)


@dataclass
class WebPage:
    """What one page holds, its links resolved against its (original) address."""

    title: str = ""
    html: str = ""
    """The main content as HTML."""
    date: str = ""
    modified: str = ""
    author: str = ""
    excerpt: str = ""
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    """Every link of the page, chrome included (navigation is how a crawl finds pages)."""
    term_links: list[str] = field(default_factory=list)
    """Tag and category archive links: listings, not pages to import."""
    body_links: list[tuple[str, str]] = field(default_factory=list)
    """(address, text) of the links in the main content, for attachments."""
    body_images: list[tuple[str, str]] = field(default_factory=list)
    """(address, alt text) of the images in the main content."""
    aliases: list[str] = field(default_factory=list)
    """Other addresses the page names for itself (WordPress shortlink, post and page ids)."""


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _meta(document: lxml.html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in document.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = " ".join((meta.get("content") or "").split())
        if name and content and name not in found:
            found[name] = content
    return found


def _in_chrome(element: lxml.html.HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in ("nav", "aside"):
            return True
        if _CHROME_CLASS.search(ancestor.get("class") or "") or _CHROME_CLASS.search(
            ancestor.get("id") or ""
        ):
            return True
    return False


def _terms(document: lxml.html.HtmlElement, meta: dict[str, str]) -> tuple[list[str], list[str]]:
    categories: list[str] = []
    tags: list[str] = []
    for link in document.iter("a"):
        rel = (link.get("rel") or "").lower().split()
        if not ("tag" in rel or "category" in rel) or _in_chrome(link):
            continue
        name = _text(link)
        if name:
            (categories if "category" in rel else tags).append(name)
    if "article:section" in meta:
        categories.append(meta["article:section"])
    for key in ("keywords", "article:tag", "news_keywords"):
        tags += [word.strip() for word in meta.get(key, "").split(",") if word.strip()]
    return list(dict.fromkeys(categories)), list(dict.fromkeys(tags))


def _date(
    document: lxml.html.HtmlElement,
    cleaned: lxml.html.HtmlElement,
    meta: dict[str, str],
    url: str,
) -> str:
    """The page's own publication date; htmldate looks only at the page without its chrome,
    so a footer's "Copyright 2022" cannot pass for one."""
    for key in _DATE_META:
        value = meta.get(key, "")
        if _ISO.match(value):
            return value
    for time in document.iter("time"):
        value = (time.get("datetime") or "").strip()
        if _ISO.match(value) and not _in_chrome(time):
            return value
    try:
        found = find_date(
            cleaned, extensive_search=False, original_date=True, outputformat="%Y-%m-%d", url=url
        )
    except (ValueError, TypeError, lxml.etree.LxmlError):
        return ""
    return found or ""


def _without_chrome(document: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A copy of the page without navigation, header, footer, sidebars and banners.

    trafilatura alone keeps a header's tagline on a short page; removing the chrome first
    leaves it only the content to choose from. `<time>` becomes `<span>`, which it keeps.
    """
    copy = lxml.html.document_fromstring(lxml.html.tostring(document))
    for element in copy.xpath(_CHROME):
        element.drop_tree()
    for element in copy.xpath("//*[@class or @id]"):
        if element.getparent() is not None and (
            _CHROME_CLASS.search(element.get("class") or "")
            or _CHROME_CLASS.search(element.get("id") or "")
        ):
            element.drop_tree()
    for element in copy.iter("time"):
        element.tag = "span"
        element.attrib.pop("datetime", None)
    return copy


def _fallback_content(copy: lxml.html.HtmlElement) -> str:
    """`<main>` or `<article>` (or the body) of the cleaned page, when trafilatura finds nothing."""
    for path in ("//main", "//*[@role='main']", "//article", "//body"):
        found = copy.xpath(path)
        if found:
            return "".join(
                lxml.html.tostring(child, encoding="unicode") for child in found[0]
            ).strip()
    return ""


def _main_content(text: str, url: str) -> str:
    extracted = trafilatura.extract(
        text,
        url=url,
        output_format="html",
        include_images=True,
        include_links=True,
        include_tables=True,
        include_formatting=True,
        include_comments=False,
        deduplicate=False,
        favor_recall=True,
    )
    if not extracted:
        return ""
    body = lxml.html.fromstring(extracted)
    inner = body.find("body") if body.tag == "html" else body
    if inner is None:
        return ""
    head = inner.text or ""
    return (head + "".join(lxml.html.tostring(c, encoding="unicode") for c in inner)).strip()


def _captions(cleaned: lxml.html.HtmlElement) -> dict[str, str]:
    """The caption of each figure that shows one image, by the image's address: the HTML
    inside its `<figcaption>`, which trafilatura drops (all but its formatted words) while
    keeping the image."""
    found: dict[str, str] = {}
    for figure in cleaned.iter("figure"):
        images = [i for i in figure.iter("img") if i.get("src")]
        caption = figure.find(".//figcaption")
        if len(images) != 1 or caption is None or not _text(caption):
            continue
        inner = (caption.text or "") + "".join(
            lxml.html.tostring(child, encoding="unicode") for child in caption
        )
        found.setdefault(images[0].get("src"), inner.strip())
    return found


def _with_captions(extracted: str, captions: dict[str, str]) -> str:
    """`extracted` with each captioned image put back in a figure with its caption, the
    form the converter writes as the image and an italic caption line."""
    if not extracted or not captions:
        return extracted
    body = lxml.html.fragment_fromstring(extracted, create_parent="div")
    changed = False
    for image in list(body.iter("img")):
        caption = captions.get(image.get("src") or "")
        if caption is None or any(a.tag == "figure" for a in image.iterancestors()):
            continue
        figure = lxml.html.fragment_fromstring(
            f"<figure><figcaption>{caption}</figcaption></figure>"
        )
        parent = image.getparent()
        if parent is not body and parent.tag == "p":  # a figure is a block: after the text
            if len(parent) == 1 and not _text(parent):
                parent.addprevious(figure)
                parent.drop_tree()
            else:
                image.drop_tree()  # its tail stays in the paragraph
                parent.addnext(figure)
        else:
            image.addprevious(figure)
            figure.tail, image.tail = image.tail, None
        image.tail = None
        figure.insert(0, image)
        changed = True
    if not changed:
        return extracted
    return (
        (body.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in body)
    ).strip()


def _measure(html: str) -> tuple[int, int]:
    if not html:
        return 0, 0
    body = lxml.html.fragment_fromstring(html, create_parent="div")
    return len(" ".join(body.text_content().split())), len(body.xpath(".//a[@href] | .//img"))


def _keeps_enough(extracted: str, fallback: str) -> bool:
    """Whether trafilatura's choice kept the page's substance: on a short page it can flatten
    a list of links into one paragraph, and the cleaned `<main>` is then the better body."""
    if not extracted:
        return False
    text, links = _measure(extracted)
    whole_text, whole_links = _measure(fallback)
    return text >= 0.6 * whole_text and links >= 0.5 * whole_links


def _aliases(document: lxml.html.HtmlElement, url: str) -> list[str]:
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}/"
    found: list[str] = []
    for link in document.iter("link"):
        if "shortlink" in (link.get("rel") or "").lower().split() and link.get("href"):
            found.append(urljoin(url, link.get("href", "")))
    body = document.find("body")
    for name in (body.get("class") or "").split() if body is not None else ():
        post = re.fullmatch(r"postid-(\d+)", name)
        page = re.fullmatch(r"page-id-(\d+)", name)
        if post:
            found.append(f"{origin}?p={post.group(1)}")
        elif page:
            found.append(f"{origin}?page_id={page.group(1)}")
    return list(dict.fromkeys(found))


def without_xml_declaration(text: str) -> str:
    """`text` without a leading `<?xml ...?>`, so lxml can parse it as a str."""
    return _XML_DECLARATION.sub("", text, count=1)


def read_page(text: str, url: str) -> WebPage:
    """Read the HTML `text` of the page whose (original) address is `url`."""
    page = WebPage()
    if not text.strip():
        return page
    try:
        document = lxml.html.document_fromstring(without_xml_declaration(text))
    except (lxml.etree.LxmlError, ValueError):
        return page
    document.make_links_absolute(url, resolve_base_href=True, handle_failures="discard")
    meta = _meta(document)
    for element in document.iter("a", "area"):
        href = element.get("href")
        if not href:
            continue
        rel = (element.get("rel") or "").lower().split()
        (page.term_links if "tag" in rel or "category" in rel else page.links).append(href)
    headings = [_text(h) for h in document.iter("h1") if not _in_chrome(h)]
    title = document.find(".//title")
    page.title = (
        meta.get("og:title")
        or next((h for h in headings if h), "")
        or (_text(title) if title is not None else "")
    )
    modified = meta.get("article:modified_time", "")
    page.modified = modified if _ISO.match(modified) else ""
    page.author = meta.get("author") or meta.get("article:author", "")
    page.excerpt = meta.get("description") or meta.get("og:description", "")
    page.categories, page.tags = _terms(document, meta)
    page.aliases = _aliases(document, url)
    cleaned = _without_chrome(document)
    page.date = _date(document, cleaned, meta, url)
    fallback = _fallback_content(cleaned)
    captions = _captions(cleaned)
    for caption in list(cleaned.iter("figcaption")):
        caption.drop_tree()  # trafilatura would keep its formatted words as a paragraph
    extracted = _with_captions(
        _main_content(lxml.html.tostring(cleaned, encoding="unicode"), url), captions
    )
    page.html = extracted if _keeps_enough(extracted, fallback) else fallback
    if page.html:
        body = lxml.html.fragment_fromstring(page.html, create_parent="div")
        page.body_links = [(a.get("href"), _text(a)) for a in body.iter("a") if a.get("href")]
        page.body_images = [
            (i.get("src"), " ".join((i.get("alt") or "").split()))
            for i in body.iter("img")
            if i.get("src")
        ]
    return page
