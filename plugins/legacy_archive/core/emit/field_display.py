"""Record fields as readers see them: labels for vocabulary and organisation ids, dates in
words, yes and no, links to the browse pages of the facets' fields, and the size and format
of attached files.

What a field holds comes from its `FieldSpec`, so a new collection's fields display
without Python.
"""

from __future__ import annotations

import re

from legacy_archive.core.common.dates import date_label
from legacy_archive.core.common.sizes import file_size
from legacy_archive.core.emit.environment import relative_url
from legacy_archive.core.load.records import Record
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.validate.schema.fields import FieldSpec, FieldViews

FILE_FORMATS = {
    "pdf": "PDF",
    "pptx": "PowerPoint",
    "ppt": "PowerPoint",
    "docx": "Word",
    "doc": "Word",
    "xlsx": "Excel",
    "odt": "OpenDocument text",
    "odp": "OpenDocument slides",
    "zip": "ZIP archive",
    "png": "PNG image",
    "jpg": "JPEG image",
    "jpeg": "JPEG image",
    "svg": "SVG image",
    "webp": "WebP image",
    "mp3": "MP3 audio",
    "mp4": "MP4 video",
    "webm": "WebM video",
    "vtt": "WebVTT captions",
    "txt": "Text",
    "md": "Text",
    "csv": "CSV data",
    "sb3": "Scratch project",
}


LANGUAGE_NAMES = {
    "en": "English",
    "cy": "Cymraeg",
    "ga": "Gaeilge",
    "gd": "Gàidhlig",
    "fr": "Français",
    "de": "Deutsch",
    "es": "Español",
    "it": "Italiano",
    "nl": "Nederlands",
    "pt": "Português",
    "pl": "Polski",
}
"""Languages by their own names, for the captions menu of a video player."""


def language_name(code: str) -> str:
    """A language code (`cy`, `en-GB`) as its speakers name it, or the code itself."""
    return LANGUAGE_NAMES.get(code.split("-")[0].lower(), code)


class FieldDisplay:
    """Shows the fields of one archive's records, read through their collections' fields."""

    def __init__(self, archive: Archive, fields: FieldViews) -> None:
        self.archive = archive
        self.fields = fields

    def display(self, record: Record, name: str) -> list[dict[str, str]]:
        """A field as display items (`label`, optional `url`), whatever its type."""
        value = record.fields.get(name)
        if value is None or value == [] or value == "":
            return []
        values = value if isinstance(value, list) else [value]
        spec = self.fields.field(self.archive.collections[record.collection].spec.schema, name)
        each = spec.each if spec is not None else None
        items: list[dict[str, str]] = []
        for item in values:
            if each is not None and each.vocabulary:
                label = self.archive.registry.vocabulary(each.vocabulary).label_of(str(item))
                items.append({"label": label, "url": "", "id": str(item)})
            elif each is not None and each.organisation:
                org = self.archive.registry.organisations.get(str(item))
                items.append(
                    {
                        "label": org.name if org else str(item),
                        "url": org.url if org else "",
                        "id": str(item),
                    }
                )
            elif each is not None and each.date:
                items.append({"label": date_label(str(item)), "url": "", "id": str(item)})
            elif isinstance(item, bool):
                items.append({"label": "Yes" if item else "No", "url": "", "id": str(item).lower()})
            else:
                items.append({"label": str(item), "url": "", "id": str(item)})
        return items

    def label(self, record: Record, name: str) -> str:
        """What the page calls a field: its schema `title`, else its humanised name."""
        spec = self.fields.field(self.archive.collections[record.collection].spec.schema, name)
        return spec.label if spec is not None else FieldSpec(name, "text").label

    def term_links(
        self, items: list[dict[str, str]], name: str, page_url: str
    ) -> list[dict[str, str]]:
        """Point the values of a field that a facet browses by at their browse pages."""
        browse = self.archive.facets.browse_of_field(name)
        if not browse:
            return items
        return [
            {**item, "url": relative_url(page_url, self.archive.url_of_term(browse, item["id"]))}
            for item in items
        ]

    @staticmethod
    def attachment(record: Record, name: str) -> dict[str, str]:
        """URL, human size and format of a file beside the record."""
        assert record.folder is not None
        size = (record.folder / name).stat().st_size
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        return {
            "url": name,
            "size": file_size(size),
            "format": FILE_FORMATS.get(extension, extension.upper() or "File"),
        }

    def licence(self, record: Record) -> dict[str, str]:
        licence_id = str(record.fields.get("licence") or self.archive.settings.default_licence)
        vocab = self.archive.registry.vocabulary("licences")
        term = vocab.terms.get(licence_id)
        return {
            "id": licence_id,
            "label": term.label if term else licence_id,
            "url": term.url if term else "",
        }

    def card_facts(self, record: Record) -> list[str]:
        """The values a record's card shows, from its collection's `card_facts` fields, each
        field's consecutive numbered values merged ("Key stage 3–4"), as one line reads them."""
        spec = self.archive.collections[record.collection].spec
        out = []
        for name in spec.card_facts:
            labels = merge_numbered([item["label"] for item in self.display(record, name)])
            if labels:
                out.append(", ".join(labels))
        return out

    def card_badges(self, record: Record) -> list[dict[str, str]]:
        """A card's facts as labelled badges, one per field, so no chip is left unexplained:
        `label` (the field's schema `title`, else the label of the facet that reads it, else
        its name) and `value`, without the label said again ("Key stage: 3–4")."""
        spec = self.archive.collections[record.collection].spec
        badges = []
        for name in spec.card_facts:
            labels = merge_numbered([item["label"] for item in self.display(record, name)])
            if labels:
                label = self.badge_label(record, name)
                values = [unprefixed(value, label) for value in labels]
                badges.append({"label": label, "value": ", ".join(values)})
        return badges

    def badge_label(self, record: Record, name: str) -> str:
        """A field's schema `title`, else its facet's label (`Key stage`), else its name."""
        schema = self.archive.collections[record.collection].spec.schema
        field = self.fields.field(schema, name)
        if field is not None and field.title:
            return field.title
        facet = next((f for f in self.archive.facets if name in f.fields), None)
        return facet.label if facet is not None else FieldSpec(name, "text").label


def unprefixed(value: str, label: str) -> str:
    """`value` without a leading `label` it repeats: "Key stage 3–4" under "Key stage" is
    "3–4"; a value that is only the label, or does not start with it, stays whole."""
    if value.lower().startswith(label.lower() + " ") and len(value) > len(label) + 1:
        return value[len(label) + 1 :]
    return value


NUMBERED = re.compile(r"^(?P<stem>.*?)(?P<number>\d+)\b")


def merge_numbered(labels: list[str]) -> list[str]:
    """Runs of consecutive numbered labels as one range: `Key stage 3 (ages 11 to 14)` and
    `Key stage 4 (ages 14 to 16)` read `Key stage 3–4`; other labels (and labels that start
    with their number, like "3 hours") stay as they are."""
    out: list[str] = []
    run: list[tuple[str, int, str]] = []

    def flush() -> None:
        if len(run) > 1:
            out.append(f"{run[0][0]}{run[0][1]}–{run[-1][1]}")
        else:
            out.extend(label for _, _, label in run)
        run.clear()

    for label in labels:
        match = NUMBERED.match(label)
        if match is None or not match["stem"].strip():
            flush()
            out.append(label)
            continue
        stem, number = match["stem"], int(match["number"])
        if run and (stem != run[-1][0] or number != run[-1][1] + 1):
            flush()
        run.append((stem, number, label))
    flush()
    return out
