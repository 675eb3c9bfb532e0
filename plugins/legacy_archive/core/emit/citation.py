"""How to cite a record: a plain attribution with its year, APA, BibTeX and RIS.

Teachers paste the plain line under a worksheet; librarians and students want APA or a
reference manager's BibTeX or RIS. Every format is made from the same few facts (title,
who made it, year, the archive, the address, the licence), so they never disagree. No
access date: the build is reproducible, and a citation read years later must not claim a
day nobody chose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from legacy_archive.core.config.programme import Programme
from legacy_archive.core.load.records import Record
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.model.attribution import Licence, absolute_url

_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_^~])")
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


@dataclass(frozen=True)
class Citation:
    """The facts every citation format is made from."""

    title: str
    creators: tuple[str, ...]
    """People or organisations credited, in order; the publisher stands in when empty."""
    year: str
    """Four digits, or "" when the record has no date (formats then say "n.d.")."""
    kind: str
    """What the record is, in the archive's words (`Challenge brief`)."""
    publisher: str
    """The archive that publishes it (the site name, such as `<programme> archive`)."""
    url: str
    licence: Licence
    key: str = ""
    """A BibTeX key; made from the first creator and the year when empty."""

    @property
    def authors(self) -> tuple[str, ...]:
        return self.creators or (self.publisher,)

    def plain(self) -> str:
        """A credit line for reuse under the licence: title, who, year, where, licence."""
        licence = self.licence.label
        terms = f", licensed under {licence} ({self.licence.url})" if self.licence.url else ""
        year = f" ({self.year})" if self.year else ""
        where = f"{self.publisher}, {self.url}"
        return f"“{self.title}” by {_and(self.authors)}{year}, {where}{terms or ', ' + licence}."

    def apa(self) -> str:
        """APA 7th edition, for a web page with a group or named author."""
        who = _and(self.authors, final=", & " if len(self.authors) > 2 else " & ")
        who = who if who.endswith(".") else who + "."
        return f"{who} ({self.year or 'n.d.'}). {self.title} [{self.kind}]. {self.publisher}. {self.url}"

    def bibtex(self) -> str:
        """A `@misc` entry; names are braced so reference managers keep organisations whole."""
        authors = " and ".join("{" + _bib(name) + "}" for name in self.authors)
        lines = [
            f"@misc{{{self.key or self._key()},",
            f"  title = {{{_bib(self.title)}}},",
            f"  author = {{{authors}}},",
        ]
        if self.year:
            lines.append(f"  year = {{{self.year}}},")
        lines += [
            f"  howpublished = {{{_bib(self.publisher)}}},",
            f"  url = {{{self.url}}},",
            f"  note = {{{_bib(self.kind)}. {_bib(self.licence.label)}}}",
            "}",
        ]
        return "\n".join(lines)

    def ris(self) -> str:
        """An RIS record (`TY  - ELEC`), as Zotero, EndNote and Mendeley import it."""
        lines = ["TY  - ELEC", f"TI  - {_line(self.title)}"]
        lines += [f"AU  - {_line(name)}" for name in self.authors]
        if self.year:
            lines.append(f"PY  - {self.year}")
        lines += [
            f"PB  - {_line(self.publisher)}",
            f"M3  - {_line(self.kind)}",
            f"UR  - {self.url}",
            f"N1  - {_line(self.licence.label)}",
            "ER  - ",
        ]
        return "\r\n".join(lines) + "\r\n"

    def formats(self) -> list[dict[str, str]]:
        """Each format with an id and a name, in the order the page offers them."""
        return [
            {"id": "plain", "name": "Attribution", "text": self.plain()},
            {"id": "apa", "name": "APA", "text": self.apa()},
            {"id": "bibtex", "name": "BibTeX", "text": self.bibtex()},
            {"id": "ris", "name": "RIS", "text": self.ris()},
        ]

    def _key(self) -> str:
        first = re.sub(r"[^a-z0-9]", "", self.authors[0].lower())[:24] or "archive"
        word = re.sub(r"[^a-z0-9]", "", (self.title.split() or ["record"])[0].lower())
        return f"{first}{self.year}{word}"


def year_of(date: str) -> str:
    """The year of a record date (`2021-06` reads `2021`), or "" for none."""
    return date[:4] if re.match(r"^\d{4}", date or "") else ""


def _and(names: tuple[str, ...], final: str = " and ") -> str:
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + final + names[-1]


def _bib(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m.group(1), "\\" + m.group(1)), text)


def _line(text: str) -> str:
    """One RIS line's value: RIS has no escapes, so line breaks become spaces."""
    return " ".join(text.split())


def licence_of(archive: Archive, record: Record) -> Licence:
    """The record's licence from the licences allow-list, or the site default."""
    licence_id = str(record.fields.get("licence") or archive.settings.default_licence)
    term = archive.registry.vocabulary("licences").terms.get(licence_id)
    return Licence(licence_id, term.label if term else licence_id, term.url if term else "")


def creators_of(archive: Archive, record: Record) -> list[str]:
    """The named person and the organisations the record credits (its fields of organisation
    ids), in order, each once."""
    names: list[str] = []
    for key in ("name", "author"):
        if isinstance(record.fields.get(key), str):
            names.append(record.fields[key])
    for key in archive.organisation_fields(record):
        value = record.fields.get(key)
        for org_id in value if isinstance(value, list) else [value] if value else []:
            org = archive.registry.organisations.get(str(org_id))
            names.append(org.name if org else str(org_id))
    return list(dict.fromkeys(names))


def citation_of(
    archive: Archive, record: Record, programme: Programme | None, site_url: str
) -> Citation:
    """What the record's "Cite this resource" block is made from."""
    name = programme.name if programme else archive.settings.root.name
    return Citation(
        title=record.title,
        creators=tuple(creators_of(archive, record)) or (name,),
        year=year_of(record.date),
        kind=archive.collections[record.collection].spec.singular,
        publisher=f"{name} archive",
        url=absolute_url(site_url, archive.url_of(record)),
        licence=licence_of(archive, record),
    )


CITATION_FILES = (("BibTeX", "bib"), ("RIS", "ris"))
"""The citation files published beside every record page, by name and file extension."""


def citation_file(record: Record, extension: str) -> str:
    """A citation file's name beside the record page (`<slug>.ris`)."""
    return f"{record.slug}.{extension}"


def citation_files(
    archive: Archive, record: Record, programme: Programme | None, site_url: str
) -> list[tuple[str, bytes]]:
    """The BibTeX and RIS files of a record, as (name beside its page, bytes)."""
    citation = citation_of(archive, record, programme, site_url)
    texts = {"bib": citation.bibtex() + "\n", "ris": citation.ris()}
    return [(citation_file(record, ext), texts[ext].encode()) for _, ext in CITATION_FILES]
