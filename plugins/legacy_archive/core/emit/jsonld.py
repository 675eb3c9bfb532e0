"""schema.org JSON-LD for record pages, so search engines and catalogues can find and cite them.

The type comes from the collection schema's `x-schema-org` keyword (`Course`,
`LearningResource`, `Event`, `Article`; `CreativeWork` when absent), so a new collection
needs no Python; properties are filled from the fields each type understands.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from legacy_archive.core.load.records import Record
from legacy_archive.core.model.archive import Archive

if TYPE_CHECKING:
    from legacy_archive.core.config.programme import Programme
    from legacy_archive.core.model.attribution import Attribution

EVENT_MODES = {
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "offline": "https://schema.org/OfflineEventAttendanceMode",
    "mixed": "https://schema.org/MixedEventAttendanceMode",
}


def _labels(archive: Archive, vocabulary: str, value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value] if value else []
    vocab = archive.registry.vocabulary(vocabulary)
    return [vocab.label_of(str(v)) for v in values]


def _organisations(archive: Archive, record: Record) -> list[dict[str, str]]:
    out = []
    for key in archive.organisation_fields(record):
        value = record.fields.get(key)
        for org_id in value if isinstance(value, list) else [value] if value else []:
            org = archive.registry.organisations.get(str(org_id))
            if org is not None:
                out.append(
                    {
                        "@type": "Organization",
                        "name": org.name,
                        **({"url": org.url} if org.url else {}),
                    }
                )
    return out


def record_jsonld(
    archive: Archive,
    record: Record,
    schema: dict[str, Any],
    attribution: Attribution,
    programme: Programme | None,
) -> dict[str, Any]:
    """The JSON-LD object for one record page."""
    kind = str(schema.get("x-schema-org", "CreativeWork"))
    fields = record.fields
    programme_org = {"@type": "Organization", "name": programme.name if programme else ""}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": kind,
        "name": record.title,
        "description": record.summary,
        "url": attribution.url,
        "inLanguage": "en",
        "license": attribution.licence.url or attribution.licence.label,
        "keywords": _labels(archive, "subjects", fields.get("subjects")),
        "audience": [
            {"@type": "EducationalAudience", "educationalRole": label}
            for label in _labels(archive, "audiences", fields.get("audiences"))
        ],
        "creditText": attribution.text,
    }
    if record.date:
        data["dateCreated"] = record.date
    partners = _organisations(archive, record)
    provider = partners or [programme_org]
    if kind in ("Course", "LearningResource"):
        data["provider"] = provider
        levels = _labels(archive, "levels", fields.get("level"))
        levels += _labels(archive, "key_stages", fields.get("key_stages"))
        if levels:
            data["educationalLevel"] = levels
        time = fields.get("duration") or fields.get("time_needed")
        if time:
            data["timeRequired"] = str(time)
        if isinstance(fields.get("ages"), dict):
            data["typicalAgeRange"] = f"{fields['ages']['from']}-{fields['ages']['to']}"
        if fields.get("skills"):
            data["teaches"] = list(fields["skills"])
        if fields.get("outcomes"):
            data["teaches"] = list(fields["outcomes"])
        if kind == "Course" and fields.get("format"):
            data["hasCourseInstance"] = {
                "@type": "CourseInstance",
                "courseMode": _labels(archive, "formats", fields["format"])[0],
                **(
                    {"endDate": str(fields["available_until"])}
                    if "available_until" in fields
                    else {}
                ),
            }
    elif kind == "Event":
        data["startDate"] = record.date
        if fields.get("end_date"):
            data["endDate"] = str(fields["end_date"])
        data["eventStatus"] = "https://schema.org/EventScheduled"
        venue, online = fields.get("venue"), bool(fields.get("online"))
        mode = "mixed" if venue and online else "online" if online else "offline"
        data["eventAttendanceMode"] = EVENT_MODES[mode]
        data["location"] = (
            {"@type": "Place", "name": str(venue)}
            if venue
            else {"@type": "VirtualLocation", "name": "Online"}
        )
        data["organizer"] = [programme_org, *partners]
    else:
        data["headline"] = record.title
        name = fields.get("name")
        data["author"] = {"@type": "Person", "name": name} if name else programme_org
        data["publisher"] = programme_org
        if fields.get("role"):
            data["about"] = {"@type": "Occupation", "name": str(fields["role"])}
    if programme is not None:
        data["isPartOf"] = {"@type": "WebSite", "name": f"{programme.name} archive"}
    return data


def jsonld_script(
    archive: Archive,
    record: Record,
    schema: dict[str, Any],
    attribution: Attribution,
    programme: Programme | None,
) -> Markup:
    """JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped so no
    record text can close the script element."""
    text = json.dumps(
        record_jsonld(archive, record, schema, attribution, programme),
        ensure_ascii=False,
        sort_keys=True,
    )
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
