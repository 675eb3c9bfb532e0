"""schema.org JSON-LD for record pages, so search engines and catalogues can find and cite them.

Everything a record type adds is declared in its schema (see
`validate/schema/schema_org.py`): the type (`x-schema-org` at the top, `CreativeWork` when
absent), the property each field fills and the properties no single field fills. This
module only reads a record through those declarations; what every record has (its name,
summary, address, licence, credit line and the archive it is part of) is filled here.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from legacy_archive.core.load.records import Record
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.model.attribution import absolute_url
from legacy_archive.core.validate.schema.fields import CollectionFields, FieldSpec
from legacy_archive.core.validate.schema.schema_org import PROGRAMME, SchemaOrgProperty

if TYPE_CHECKING:
    from legacy_archive.core.config.programme import Programme
    from legacy_archive.core.model.attribution import Attribution

DEFAULT_TYPE = "CreativeWork"


class _Reader:
    """Turns one record's fields into schema.org values, as their `FieldSpec`s say."""

    def __init__(
        self,
        archive: Archive,
        record: Record,
        fields: CollectionFields,
        programme: Programme | None,
        site_url: str,
    ) -> None:
        self.archive = archive
        self.record = record
        self.specs = {spec.name: spec for spec in fields.fields}
        self.programme = {"@type": "Organization", "name": programme.name if programme else ""}
        self.site_url = site_url

    def one(self, spec: FieldSpec | None, value: Any, declared: SchemaOrgProperty) -> Any:
        """One value (a list's item) as schema.org has it, or None to leave it out."""
        each = spec.each if spec is not None else None
        if each is not None and each.vocabulary:
            value = self.archive.registry.vocabulary(each.vocabulary).label_of(str(value))
        elif each is not None and each.organisation:
            org = self.archive.registry.organisations.get(str(value))
            if org is None:
                return None
            return {
                "@type": "Organization",
                "name": org.name,
                **({"url": org.url} if org.url else {}),
            }
        elif each is not None and each.record:
            target = self.archive.get(str(value))
            value = absolute_url(self.site_url, self.archive.url_of(target)) if target else None
        elif each is not None and each.attachment:
            value = absolute_url(self.site_url, self.archive.url_of(self.record) + str(value))
        elif isinstance(value, dict):
            if not declared.format:
                return None
            value = re.sub(r"\{(\w+)\}", lambda m: str(value.get(m.group(1), "")), declared.format)
        elif each is not None and each.kind == "text":
            value = str(value)
        if value is None:
            return None
        return {"@type": declared.type, declared.key: value} if declared.type else value

    def values(self, source: str, declared: SchemaOrgProperty) -> tuple[list[Any], bool]:
        """What one source gives, and whether it is a list."""
        if source == PROGRAMME:
            return [self.programme], False
        raw = self.record.fields.get(source)
        spec = self.specs.get(source)
        items = raw if isinstance(raw, list) else [raw] if raw not in (None, "", False) else []
        found = [v for v in (self.one(spec, item, declared) for item in items) if v is not None]
        return found, isinstance(raw, list) or (spec is not None and spec.kind == "list")

    def set(self, name: str) -> bool:
        return self.record.fields.get(name) not in (None, "", False, [])

    def fill(self, declared: SchemaOrgProperty, sources: tuple[str, ...]) -> Any:
        """The property's value, or None when it has none."""
        if declared.value:
            return json.loads(declared.value)
        if declared.cases or declared.properties:
            for when, value in declared.cases:
                if all(self.set(name) for name in when):
                    return json.loads(value)
            nested = self.object(declared.properties)
            if nested:
                return {"@type": declared.type, **nested}
            return self.default(declared, False)
        found: list[Any] = []
        listed = declared.as_list
        for source in sources:
            values, is_list = self.values(source, declared)
            found += values
            listed = listed or is_list
        if not found:
            return self.default(declared, listed)
        return found if listed else found[0]

    def default(self, declared: SchemaOrgProperty, listed: bool) -> Any:
        if not declared.default:
            return None
        value = self.programme if declared.default == PROGRAMME else json.loads(declared.default)
        return [value] if listed else value

    def object(self, declarations: tuple[SchemaOrgProperty, ...]) -> dict[str, Any]:
        out = {}
        for declared in declarations:
            value = self.fill(declared, declared.sources)
            if value is not None:
                out[declared.property] = value
        return out


def record_jsonld(
    archive: Archive,
    record: Record,
    fields: CollectionFields,
    attribution: Attribution,
    programme: Programme | None,
    site_url: str = "",
) -> dict[str, Any]:
    """The JSON-LD object for one record page."""
    reader = _Reader(archive, record, fields, programme, site_url)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": fields.schema_org or DEFAULT_TYPE,
        "name": record.title,
        "description": record.summary,
        "url": attribution.url,
        "inLanguage": archive.settings.site.language,
        "license": attribution.licence.url or attribution.licence.label,
        "creditText": attribution.text,
    }
    for spec in fields.fields:
        if spec.schema_org is not None:
            value = reader.fill(spec.schema_org, (spec.name,))
            if value is not None:
                data[spec.schema_org.property] = value
    data.update(reader.object(fields.schema_org_properties))
    if programme is not None:
        data["isPartOf"] = {"@type": "WebSite", "name": f"{programme.name} archive"}
    return data


def jsonld_script(
    archive: Archive,
    record: Record,
    fields: CollectionFields,
    attribution: Attribution,
    programme: Programme | None,
    site_url: str = "",
) -> Markup:
    """JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped so no
    record text can close the script element."""
    text = json.dumps(
        record_jsonld(archive, record, fields, attribution, programme, site_url),
        ensure_ascii=False,
        sort_keys=True,
    )
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
