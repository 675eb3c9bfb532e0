"""Reading the mapping file: every key checked against the source and the archive, every
mistake said as `mapping.yml:line: key: what is wrong (what was expected)`, all at once; a
rule on a category the source never had is a typo reported, not a rule that fits nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from legacy_archive.core.common.problems import did_you_mean, one_of, printable
from legacy_archive.core.common.textfile import read_text
from legacy_archive.core.common.yamlpos import Positioned, YamlError, field_name, parse
from legacy_archive.core.importing import mapping as model
from legacy_archive.core.importing.items import Source
from legacy_archive.core.importing.target import TargetArchive
from legacy_archive.core.importing.terms import suggestion, vocab_choices
from legacy_archive.core.validate.schema.fields import FieldSpec


class _Reader:
    """Reads the parsed file into a Mapping, collecting every problem with its line."""

    def __init__(
        self, file: str, doc: Positioned, target: TargetArchive, source: Source | None
    ) -> None:
        self.file = file
        self.doc = doc
        self.target = target
        self.source = source
        self.problems: list[str] = []

    def problem(self, path: tuple[str | int, ...], message: str) -> None:
        name = field_name(path, drop_index=False) or "file"
        self.problems.append(printable(f"{self.file}:{self.doc.line_of(path)}: {name}: {message}"))

    def known_keys(
        self, value: dict[str, Any], allowed: tuple[str, ...], path: tuple[str | int, ...]
    ) -> None:
        for key in value:
            if key not in allowed:
                self.problem(
                    (*path, str(key)),
                    f"unknown key (expected {one_of(list(allowed))}{did_you_mean(str(key), allowed)})",
                )

    def read(self) -> model.Mapping:
        data = self.doc.data
        mapping = model.Mapping(self.file)
        if data is None:
            data = {}
        if not isinstance(data, dict):
            self.problem((), "expected a mapping with 'records' and 'collections'")
            return mapping
        self.known_keys(data, model.TOP_KEYS, ())
        source = data.get("source", "")
        if source and self.source is not None and source != self.source.kind:
            self.problem(
                ("source",),
                f"this file maps a '{source}' source (expected '{self.source.kind}', the kind "
                "being imported; write a mapping for it with --init-mapping)",
            )
        mapping.source = str(source)
        records = data.get("records", [])
        if not isinstance(records, list):
            self.problem(
                ("records",), "expected a list of rules, each '- when: ...' and 'collection: ...'"
            )
            records = []
        for index, raw in enumerate(records):
            rule = self.rule(raw, ("records", index))
            if rule is not None:
                mapping.rules.append(rule)
        collections = data.get("collections", {}) or {}
        if not isinstance(collections, dict):
            self.problem(("collections",), "expected one entry per collection")
            collections = {}
        names = self.target.collection_names
        for name, raw in collections.items():
            path: tuple[str | int, ...] = ("collections", str(name))
            if name not in names:
                self.problem(
                    path,
                    f"'{name}' is not a collection of this archive (expected {one_of(names)}"
                    f"{did_you_mean(str(name), names)})",
                )
                continue
            mapping.collections[str(name)] = self.collection(str(name), raw or {}, path)
        return mapping

    def rule(self, raw: Any, path: tuple[str | int, ...]) -> model.Rule | None:
        if not isinstance(raw, dict):
            self.problem(path, "expected 'when:' and 'collection:'")
            return None
        self.known_keys(raw, ("when", "collection"), path)
        names = [*self.target.collection_names, model.SKIP]
        collection = raw.get("collection")
        if not isinstance(collection, str) or collection not in names:
            self.problem(
                (*path, "collection"),
                f"'{collection}' is not a collection of this archive (expected "
                f"{one_of(names)}{did_you_mean(str(collection), names)})",
            )
            return None
        when = raw.get("when", {}) or {}
        if not isinstance(when, dict):
            self.problem((*path, "when"), "expected conditions like {type: post, category: News}")
            return None
        self.known_keys(when, model.WHEN_KEYS, (*path, "when"))
        rule = model.Rule(collection, line=self.doc.line_of(path))
        for key, attribute in (
            ("type", "types"),
            ("category", "categories"),
            ("tag", "tags"),
            ("path", "paths"),
        ):
            if key not in when:
                continue
            values = model.strings(when[key])
            if values is None:
                self.problem((*path, "when", key), "expected a value or a list of values")
                continue
            setattr(rule, attribute, values)
            self.check_seen(key, values, (*path, "when", key))
        wanted = when.get("field", {})
        if not isinstance(wanted, dict):
            self.problem((*path, "when", "field"), "expected {NAME: value}, like {type: Event}")
        else:
            for name, value in wanted.items():
                values = model.strings(value)
                if values is None:
                    self.problem((*path, "when", "field", str(name)), "expected a value or a list")
                    continue
                rule.fields[str(name)] = values
                self.check_field_name(str(name), (*path, "when", "field", str(name)))
        return rule

    def inventory(self, heading: str) -> list[str]:
        return sorted(self.source.inventory.get(heading, {})) if self.source else []

    def check_seen(self, key: str, values: tuple[str, ...], path: tuple[str | int, ...]) -> None:
        """A condition on a value the source never has is a typo, not a rule."""
        heading = {"type": "post types", "category": "categories", "tag": "tags"}.get(key)
        if heading is None or self.source is None:
            return
        seen = self.inventory(heading)
        if key == "type":
            seen = sorted({*seen, *(item.kind for item in self.source.items)})
        for value in values:
            if value not in seen:
                self.problem(
                    path,
                    f"'{value}' is not a {key} of the source (expected {one_of(seen)}"
                    f"{did_you_mean(value, seen)})",
                )

    def check_field_name(self, name: str, path: tuple[str | int, ...]) -> None:
        if self.source is None:
            return
        seen = sorted({*self.inventory("custom fields"), *self.inventory("columns")})
        if name not in seen:
            self.problem(
                path,
                f"'{name}' is not a field of the source (expected {one_of(seen)}"
                f"{did_you_mean(name, seen)})",
            )

    def record_field(
        self, collection: str, name: str, path: tuple[str | int, ...]
    ) -> FieldSpec | None:
        spec = self.target.field(collection, name)
        if spec is None:
            names = [f.name for f in self.target.fields(collection)]
            self.problem(
                path,
                f"'{name}' is not a field of {collection} records (expected {one_of(names)}"
                f"{did_you_mean(name, names)})",
            )
        return spec

    def collection(self, name: str, raw: Any, path: tuple[str | int, ...]) -> model.CollectionMap:
        result = model.default_collection_map(name)
        if not isinstance(raw, dict):
            self.problem(path, f"expected {one_of(list(model.COLLECTION_KEYS))}")
            return result
        self.known_keys(raw, model.COLLECTION_KEYS, path)
        fields = raw.get("fields", {}) or {}
        if not isinstance(fields, dict):
            self.problem((*path, "fields"), "expected record field: source attribute pairs")
            fields = {}
        for record_field, attribute in fields.items():
            where = (*path, "fields", str(record_field))
            if self.record_field(name, str(record_field), where) is None:
                continue
            if not isinstance(attribute, str) or not self.attribute_ok(attribute, where):
                continue
            result.fields[str(record_field)] = attribute
        terms = raw.get("terms", {}) or {}
        if not isinstance(terms, dict):
            self.problem((*path, "terms"), "expected record field: {from: ..., values: ...}")
            terms = {}
        for record_field, spec in terms.items():
            term = self.term(name, str(record_field), spec, (*path, "terms", str(record_field)))
            if term is not None:
                result.terms.append(term)
        defaults = raw.get("defaults", {}) or {}
        if not isinstance(defaults, dict):
            self.problem((*path, "defaults"), "expected record field: value pairs")
            defaults = {}
        for record_field, value in defaults.items():
            where = (*path, "defaults", str(record_field))
            spec_of = self.record_field(name, str(record_field), where)
            if spec_of is None:
                continue
            if spec_of.each.vocabulary:
                ids = model.strings(value) or ()
                for vocabulary_id in ids:
                    self.check_id(spec_of.each.vocabulary, vocabulary_id, where)
            result.defaults[str(record_field)] = value
        media = raw.get("media", "")
        if media:
            choices = self.target.media_fields(name)
            if media not in choices:
                self.problem(
                    (*path, "media"),
                    f"'{media}' is not a video or audio field of {name} records (expected "
                    f"{one_of(choices) if choices else 'no media field: remove this line'})",
                )
            else:
                result.media = str(media)
        else:
            result.media = next(iter(self.target.media_fields(name)), "")
        body = raw.get("body", "")
        if body:
            if not isinstance(body, str) or not body.startswith(("field:", "column:")):
                self.problem(
                    (*path, "body"),
                    f"'{body}' is not a field (expected \"field:NAME\", a column or custom "
                    "field holding the text; leave it out for the item's own body)",
                )
            else:
                self.check_field_name(body.split(":", 1)[1], (*path, "body"))
                result.body = body
        slug = raw.get("slug", "slug")
        if slug not in model.SLUG_RULES and not (
            isinstance(slug, str) and slug.startswith("field:")
        ):
            self.problem(
                (*path, "slug"),
                f"'{slug}' is not a slug rule (expected slug (the old address's last part), "
                "title, or field:NAME)",
            )
        else:
            result.slug = str(slug)
        return result

    def attribute_ok(self, attribute: str, path: tuple[str | int, ...]) -> bool:
        if attribute.startswith(("field:", "column:")):
            self.check_field_name(attribute.split(":", 1)[1], path)
            return True
        if attribute not in model.ATTRIBUTES:
            self.problem(
                path,
                f"'{attribute}' is not something an item has (expected "
                f"{one_of([*model.ATTRIBUTES, 'field:NAME'])}{did_you_mean(attribute, model.ATTRIBUTES)})",
            )
            return False
        return True

    def term(
        self, collection: str, name: str, raw: Any, path: tuple[str | int, ...]
    ) -> model.TermMap | None:
        spec = self.record_field(collection, name, path)
        if spec is None:
            return None
        if not isinstance(raw, dict):
            self.problem(path, "expected {from: categories, values: {Source value: id}}")
            return None
        self.known_keys(raw, model.TERM_KEYS, path)
        origin = raw.get("from", "categories")
        taxonomies = sorted({v.split(": ", 1)[0] for v in self.inventory("taxonomies")})
        if not isinstance(origin, str) or not (
            origin in model.TERM_SOURCES
            or origin.startswith(("field:", "column:"))
            or self.source is None
            or origin in taxonomies
        ):
            choices = [*model.TERM_SOURCES, *taxonomies, "field:NAME"]
            self.problem(
                (*path, "from"),
                f"'{origin}' is not a kind of term of the source (expected {one_of(choices)}"
                f"{did_you_mean(str(origin), choices)})",
            )
            return None
        if origin.startswith(("field:", "column:")):
            self.check_field_name(origin.split(":", 1)[1], (*path, "from"))
        vocabulary = spec.each.vocabulary
        values: dict[str, tuple[str, ...] | None] = {}
        raw_values = raw.get("values", {}) or {}
        if not isinstance(raw_values, dict):
            self.problem((*path, "values"), "expected Source value: id pairs")
            raw_values = {}
        for value, ids in raw_values.items():
            where = (*path, "values", str(value))
            if ids is None or ids == "" or ids == []:
                values[str(value)] = None
                continue
            found = model.strings(ids)
            if found is None:
                self.problem(where, "expected an id, a list of ids, or ~ to leave it out")
                continue
            if vocabulary:
                for vocabulary_id in found:
                    self.check_id(vocabulary, vocabulary_id, where)
            values[str(value)] = found
        return model.TermMap(name, origin, values, vocabulary, self.doc.line_of(path))

    def check_id(self, vocabulary: str, value: str, path: tuple[str | int, ...]) -> None:
        vocab = self.target.vocabulary(vocabulary)
        ids = list(vocab.terms) if vocab is not None else []
        if value not in ids:
            self.problem(
                path,
                f"unknown id '{value}' in {vocabulary} (expected {one_of(ids)}"
                f"{suggestion(value, vocab_choices(self.target.vocabulary(vocabulary)))}; or add the "
                f"term to the data file's {vocabulary})",
            )


def read_mapping(
    path: Path, target: TargetArchive, source: Source | None = None, name: str = ""
) -> tuple[model.Mapping | None, list[str]]:
    """Read and check a mapping file; None and every problem when it has any."""
    name = name or path.name
    text, found = read_text(name, path)
    if text is None:
        return None, [str(p) for p in found]
    try:
        doc = parse(text)
    except YamlError as error:
        return None, [printable(f"{name}:{error.line}: file: {error.message}")]
    reader = _Reader(name, doc, target, source)
    mapping = reader.read()
    for duplicate, line, first in doc.duplicates:
        reader.problems.append(
            f"{name}:{line}: {field_name(duplicate, drop_index=False)}: given twice (first on "
            f"line {first}; expected each key once)"
        )
    return (None, reader.problems) if reader.problems else (mapping, [])
