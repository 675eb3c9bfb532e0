"""The archive's facets worked out against its schemas: which fields each facet reads, what
their values are, and the defaults when `mkdocs.yml` declares none.

What a value is comes from the field's `FieldSpec` (its `x-vocabulary` or `x-organisation`),
never from its name, so an organisation field is one because its schema says so.

Without `facets:` an archive filters by collection, by every field of vocabulary or
organisation ids (the fields of one vocabulary make one facet, keyed by the first field's
name; all organisation fields make one, `organisation` when there are several; each counts
1 towards related resources) and by year; it has no browse pages until it
declares them, because every browse page becomes a URL the archive must keep forever.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from legacy_archive.core.common.problems import did_you_mean, one_of
from legacy_archive.core.config.facets import (
    BUILT_IN,
    KEY_PATTERN,
    RESERVED_KEYS,
    FacetSpec,
)
from legacy_archive.core.config.option_lines import ConfigError
from legacy_archive.core.config.settings import ProjectSettings
from legacy_archive.core.load.vocabulary import Registry
from legacy_archive.core.model.facets import (
    COLLECTION,
    ORGANISATION,
    TEXT,
    VOCABULARY,
    YEAR,
    Facet,
    Facets,
)
from legacy_archive.core.validate.schema.fields import FieldSpec, FieldViews

BUILT_IN_LABELS = {"collection": "Type", "year": "Year"}
NOT_BY_DEFAULT = ("licence",)
"""Fields no default facet reads: a record without a licence has the site's default one,
so counting the field's values would miscount."""
DEFAULT_WEIGHT = 1.0

CollectionFieldSpecs = Mapping[str, Sequence[FieldSpec]]
"""Each collection's top-level fields, by collection name, in the order editors fill them."""

Kind = tuple[str, str]
"""What a facet's values are: (`VOCABULARY`, its name), (`ORGANISATION`, "") or (`TEXT`, "")."""


def collection_field_specs(
    fields: FieldViews, settings: ProjectSettings, loaded: Sequence[str]
) -> dict[str, tuple[FieldSpec, ...]]:
    """The fields of every collection whose schema is among `loaded`."""
    return {
        spec.name: fields.collection(spec.schema, spec.name).fields
        for spec in settings.collections
        if spec.schema in loaded
    }


def organisation_fields(fields: Sequence[FieldSpec]) -> tuple[str, ...]:
    """The fields holding organisation ids, in order."""
    return tuple(spec.name for spec in fields if spec.each.organisation)


def archive_facets(
    settings: ProjectSettings,
    registry: Registry,
    fields: CollectionFieldSpecs,
    complete: bool = True,
) -> tuple[Facets, list[ConfigError]]:
    """The declared facets (or the defaults), and every problem with them.

    `complete` is false when some collection's schema did not load: a field may then exist
    in it, so no field is reported missing."""
    titles = tuple((spec.name, spec.title) for spec in settings.collections)
    if settings.facets is None:
        return Facets(default_facets(registry, fields, titles)), []
    out: list[Facet] = []
    errors: list[ConfigError] = []
    linked: dict[str, str] = {}
    for spec in settings.facets:
        facet, found = _declared(spec, registry, fields, complete, titles)
        errors += found
        if facet is None:
            continue
        clash = next((linked[name] for name in facet.fields if name in linked), None)
        if facet.browse and clash is not None:
            errors.append(
                (
                    spec.where("browse"),
                    f"its field already links to the browse pages of facet '{clash}' "
                    "(expected each field in one facet with browse pages)",
                )
            )
            facet = replace(facet, browse="")
        for name in facet.fields if facet.browse else ():
            linked.setdefault(name, facet.key)
        out.append(facet)
    return Facets(tuple(out)), errors


def _declared(
    spec: FacetSpec,
    registry: Registry,
    fields: CollectionFieldSpecs,
    complete: bool,
    titles: tuple[tuple[str, str], ...],
) -> tuple[Facet | None, list[ConfigError]]:
    if spec.built_in:
        kind = COLLECTION if spec.built_in == "collection" else YEAR
        label = spec.label or BUILT_IN_LABELS[spec.built_in]
        facet = Facet(
            spec.key,
            label,
            kind,
            browse=spec.browse,
            related_weight=spec.related_weight,
            position=spec.position,
            titles=titles,
        )
        return facet, []
    errors: list[ConfigError] = []
    kinds: dict[Kind, list[str]] = {}
    for name in spec.fields:
        found = [(c, f) for c, specs in fields.items() for f in specs if f.name == name]
        if not found and complete:
            errors.append((spec.where("field"), _unknown_field(name, fields)))
        for collection, field in found:
            if field.each.kind == "object" or field.each.kind == "list":
                errors.append(
                    (
                        spec.where("field"),
                        f"'{name}' holds fields of its own in {collection}, not values "
                        "(expected a field of ids or short text, like 'subjects')",
                    )
                )
                continue
            kinds.setdefault(_kind(field), []).append(f"{name} in {collection}")
    if len(kinds) > 1:
        described = "; ".join(f"{_described(k)} ({', '.join(w)})" for k, w in kinds.items())
        errors.append(
            (
                spec.where("field"),
                f"its fields hold different kinds of values: {described} (expected ids of one "
                "vocabulary, organisation ids or text in every field of a facet)",
            )
        )
    if errors or not kinds:
        return None, errors
    (kind, vocabulary), _ = next(iter(kinds.items()))
    browse = spec.browse
    if browse and kind == TEXT:
        errors.append(
            (
                spec.where("browse"),
                f"'{spec.fields[0]}' holds text as written, which cannot make page addresses "
                "(expected browse pages only for a facet of vocabulary or organisation ids, "
                "'collection' or 'year')",
            )
        )
        browse = ""
    label = spec.label or _label(kind, vocabulary, spec.fields[0], registry)
    facet = Facet(
        spec.key,
        label,
        kind,
        spec.fields,
        vocabulary,
        browse,
        spec.related_weight,
        spec.position,
    )
    return facet, errors


def default_facets(
    registry: Registry, fields: CollectionFieldSpecs, titles: tuple[tuple[str, str], ...]
) -> tuple[Facet, ...]:
    """Collection, every vocabulary and the organisations, then year (see the module)."""
    groups: dict[Kind, list[str]] = {}
    for specs in fields.values():
        for field in specs:
            group = _kind(field)
            if group[0] == TEXT or field.name in NOT_BY_DEFAULT or field.each.kind == "object":
                continue
            names = groups.setdefault(group, [])
            if field.name not in names:
                names.append(field.name)
    out = [Facet("collection", BUILT_IN_LABELS["collection"], COLLECTION, titles=titles)]
    used = {"collection", "year", *RESERVED_KEYS}
    for (kind, vocabulary), names in groups.items():
        several = kind == ORGANISATION and len(names) > 1
        key = "organisation" if several else names[0]
        if key in used or not KEY_PATTERN.match(key):
            continue
        used.add(key)
        label = "Organisations" if several else _label(kind, vocabulary, key, registry)
        out.append(Facet(key, label, kind, tuple(names), vocabulary, related_weight=DEFAULT_WEIGHT))
    out.append(Facet("year", BUILT_IN_LABELS["year"], YEAR))
    return tuple(out)


def _kind(field: FieldSpec) -> Kind:
    each = field.each
    if each.vocabulary:
        return (VOCABULARY, each.vocabulary)
    if each.organisation:
        return (ORGANISATION, "")
    return (TEXT, "")


def _described(kind: Kind) -> str:
    if kind[0] == VOCABULARY:
        return f"'{kind[1]}' ids"
    return "organisation ids" if kind[0] == ORGANISATION else "text"


def _label(kind: str, vocabulary: str, field: str, registry: Registry) -> str:
    """The vocabulary's own label when the data file gives one, else the field's name."""
    declared = registry.vocabularies.get(vocabulary) if kind == VOCABULARY else None
    if declared is not None and declared.label != declared.name:
        return declared.label
    return field.replace("_", " ").capitalize()


def _unknown_field(name: str, fields: CollectionFieldSpecs) -> str:
    choices = sorted({f.name for specs in fields.values() for f in specs} | set(BUILT_IN))
    return (
        f"no collection has a field '{name}' (expected {one_of(choices)}"
        f"{did_you_mean(name, choices)})"
    )
