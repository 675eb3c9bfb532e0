"""Record fields as readers see them: labels for vocabulary and organisation ids, dates in
words, yes and no, links to the browse pages of the facets' fields, and the size and format
of attached files.

What a field holds comes from its `FieldSpec`, so a new collection's fields display
without Python.
"""

from __future__ import annotations

from legacy_archive.core.common.dates import date_label
from legacy_archive.core.emit.environment import human_size, relative_url
from legacy_archive.core.load.records import Record
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.validate.schema.fields import FieldViews

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
            "size": human_size(size),
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
        """The labels a record's card shows, from its collection's `card_facts` fields."""
        spec = self.archive.collections[record.collection].spec
        return [item["label"] for name in spec.card_facts for item in self.display(record, name)]
