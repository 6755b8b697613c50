"""The project's codebook (data extraction form): the fields harmonised from the review tables.

A codebook file (``codebook:`` in the config; format in ``schemas/codebook.schema.yaml``)
declares the project's own fields; the built-in generic fields (``builtin_fields.yaml``:
author, year, country, design, setting, sample sizes, age, sex, follow-up, funding, quality
score...) come with the package. :func:`load_codebook` reads both, checks them and returns
one :class:`Codebook`: the single source of truth for header routing, parsing, the studies
schema, the data dictionary and the outcomes. Every problem is one line naming the file, the
field and what is wrong (:class:`~litcurate.errors.CodebookError`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

import jsonschema
import yaml

from litcurate.errors import CodebookError
from litcurate.harmonise import units

TYPES = ("text", "integer", "number", "percent", "mean-sd", "range", "count-of-n", "category", "flag")
DTYPES = {
    "text": "str",
    "category": "str",
    "integer": "Int64",
    "count-of-n": "Int64",
    "number": "float64",
    "percent": "float64",
    "mean-sd": "float64",
    "range": "float64",
    "flag": "boolean",
}
DICTIONARY_TYPES = {"str": "string", "Int64": "integer", "float64": "number", "boolean": "boolean"}
DEFAULT_PARSERS = {
    "text": "text",
    "category": "category",
    "integer": "integer",
    "number": "number",
    "percent": "percent",
    "mean-sd": "mean_sd",
    "range": "range",
    "count-of-n": "count_of_n",
    "flag": "rule",
}
NUMERIC_TYPES = {"integer", "number", "percent", "mean-sd", "range", "count-of-n"}
BUILTIN_FILE = "builtin_fields.yaml"
SCHEMA_FILE = "codebook.schema.yaml"
_RULE = re.compile(r"^\s*([a-z][a-z0-9_]*)\s*(<=|<|>=|>|==)\s*(-?[0-9]+(?:\.[0-9]+)?)\s*$")
_CHECK = re.compile(r"^\s*([a-z][a-z0-9_]*)\s*(<=|<|>=|>|==)\s*([a-z][a-z0-9_]*)\s*$")


@dataclass(frozen=True)
class Field:
    """One field of the codebook (a column of studies.csv unless ``column`` is False)."""

    name: str
    type: str
    meaning: str
    unit: str = ""
    convert_from: tuple[str, ...] = ()
    unit_column: bool = False
    range: tuple[float | None, float | None] | None = None
    synonyms: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    patterns: dict = field(default_factory=dict)
    default: str | None = None
    caption_default: dict | None = None
    parser: str = ""
    options: dict = field(default_factory=dict)
    rule: str | None = None
    merge: str = "compare"
    column: bool = True
    outcome: dict | None = None
    sd: dict | None = None
    builtin: bool = False
    parent: str | None = None  # companion column (SD, range end, denominator) of this field

    @property
    def dtype(self) -> str:
        """pandas dtype of the column."""
        return DTYPES[self.type]

    @property
    def doc(self) -> tuple[str, str, str]:
        """(type, unit, meaning) for the data dictionary; a category lists its values."""
        meaning = f"{self.meaning}: {', '.join(self.values)}" if self.values else self.meaning
        return DICTIONARY_TYPES[self.dtype], self.unit, meaning

    @property
    def rule_parts(self) -> tuple[str, str, float] | None:
        """(field, operator, threshold) of a flag's rule."""
        if not self.rule:
            return None
        m = _RULE.match(self.rule)
        return m.group(1), m.group(2), float(m.group(3))


def _companions(f: Field) -> list[Field]:
    """The extra columns a field type writes: the SD of a mean, the ends of a range, a denominator."""
    if f.type == "mean-sd":
        sd = f.sd or {"name": f"{f.name}_sd", "meaning": f"SD of {f.meaning}"}
        return [Field(sd["name"], "number", sd["meaning"], f.unit, range=(0, None), parent=f.name, builtin=f.builtin)]
    if f.type == "range":
        return [
            Field(f"{f.name}_low", "number", f"{f.meaning}: low end", f.unit, parent=f.name, builtin=f.builtin),
            Field(f"{f.name}_high", "number", f"{f.meaning}: high end", f.unit, parent=f.name, builtin=f.builtin),
        ]
    if f.type == "count-of-n":
        return [Field(f"{f.name}_of", "integer", f"Denominator of {f.name}", "", parent=f.name, builtin=f.builtin)]
    return []


@dataclass(frozen=True)
class Codebook:
    """The active fields of a project, in output order, and how headers route onto them."""

    path: str
    fields: tuple[Field, ...]  # every active field, written or not, companions included, output order
    composites: dict[str, tuple[str, ...]]
    checks: tuple[tuple[str, str, str], ...]

    @cached_property
    def by_name(self) -> dict[str, Field]:
        """Active fields by name."""
        return {f.name: f for f in self.fields}

    @cached_property
    def columns(self) -> list[Field]:
        """The fields written to studies.csv, in order."""
        return [f for f in self.fields if f.column]

    @cached_property
    def column_names(self) -> list[str]:
        """Names of the fields written to studies.csv, in order."""
        return [f.name for f in self.columns]

    @cached_property
    def unit_fields(self) -> list[str]:
        """Fields written with the printed unit beside them (``<field>_unit``)."""
        return [f.name for f in self.columns if f.unit_column]

    @cached_property
    def lookup(self) -> dict[str, tuple[str, ...]]:
        """Normalised header phrase -> the fields it names."""
        from litcurate.harmonise.headers import normalise_header

        out = {normalise_header(s): (f.name,) for f in self.fields for s in f.synonyms}
        out.update({normalise_header(p): fields for p, fields in self.composites.items()})
        return out

    @cached_property
    def outcomes(self) -> list[Field]:
        """Fields that are outcomes, in order."""
        return [f for f in self.columns if f.outcome]

    def sd_of(self, name: str) -> str | None:
        """The SD column of a mean-sd field."""
        field = self.by_name.get(name)
        if field is None or field.type != "mean-sd":
            return None
        return next(f.name for f in self.fields if f.parent == name)

    def has(self, name: str) -> bool:
        """True when the field is active in this project."""
        return name in self.by_name


def _read_yaml(path: Path, what: str) -> dict:
    if not path.is_file():
        raise CodebookError(f"{what} not found: {path} (set 'codebook' in the config)")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        raise CodebookError(f"{path}{line}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CodebookError(f"{path}: expected a mapping with 'fields', got {type(data).__name__}")
    return data


def _schema() -> dict:
    text = resources.files("litcurate.schemas").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _where(data: dict, path: list) -> str:
    """'field 'x'' for an error inside fields[i], else the key path."""
    if len(path) >= 2 and path[0] == "fields" and isinstance(path[1], int):
        entry = (data.get("fields") or [])[path[1]]
        name = entry.get("name") if isinstance(entry, dict) else None
        rest = ".".join(str(p) for p in path[2:])
        label = f"field '{name}'" if name else f"fields[{path[1]}]"
        return f"{label}{' ' + rest if rest else ''}"
    return "key '" + ".".join(str(p) for p in path) + "'" if path else "top level"


def _check_shape(data: dict, path: Path) -> None:
    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        error = errors[0]
        raise CodebookError(f"{path}: {_where(data, list(error.absolute_path))}: {error.message}")


def _field(entry: dict, builtin: bool) -> Field:
    kind = entry["type"]
    return Field(
        name=entry["name"],
        type=kind,
        meaning=entry["meaning"],
        unit=entry.get("unit", "%" if kind == "percent" else ""),
        convert_from=tuple(entry.get("convert_from", ())),
        unit_column=entry.get("unit_column", False),
        range=tuple(entry["range"]) if "range" in entry else ((0, 100) if kind == "percent" else None),
        synonyms=tuple(entry.get("synonyms", ())),
        values=tuple(entry.get("values", ())),
        patterns=dict(entry.get("patterns", {})),
        default=entry.get("default"),
        caption_default=entry.get("caption_default"),
        parser=entry.get("parser") or DEFAULT_PARSERS.get(kind, ""),
        options=dict(entry.get("options", {})),
        rule=entry.get("rule"),
        merge=entry.get("merge", "compare"),
        column=entry.get("column", True),
        outcome=entry.get("outcome"),
        sd=entry.get("sd"),
        builtin=builtin,
    )


def _problem(f: Field) -> str | None:
    """What is wrong with one field on its own, or None."""
    from litcurate.harmonise.parsers import PARSERS

    if f.type not in TYPES:
        return f"unknown type '{f.type}' (expected one of {', '.join(TYPES)})"
    for unit in (f.unit, *f.convert_from):
        if unit and not units.known(unit):
            return f"unknown unit '{unit}' (known units: {', '.join(units.UNITS)})"
    for unit in f.convert_from:
        if not f.unit:
            return f"convert_from {unit} without a unit to convert into"
        if units.dimension(unit) != units.dimension(f.unit):
            return f"cannot convert '{unit}' ({units.dimension(unit)}) into '{f.unit}' ({units.dimension(f.unit)})"
    if f.range is not None:
        low, high = f.range
        if f.type not in NUMERIC_TYPES:
            return f"bad range {list(f.range)}: a {f.type} field has no numeric range"
        if low is not None and high is not None and low > high:
            return f"bad range {list(f.range)}: low end above high end"
    if f.type == "category" and not f.values:
        return "a category needs its allowed values"
    if f.values and f.type != "category":
        return f"values given for a {f.type} field (only a category has allowed values)"
    if f.default is not None and f.default not in f.values:
        return f"default '{f.default}' is not one of its values"
    if f.caption_default and f.caption_default["value"] not in (f.values or (f.caption_default["value"],)):
        return f"caption_default value '{f.caption_default['value']}' is not one of its values"
    if f.caption_default:
        try:
            re.compile(f.caption_default["pattern"])
        except re.error as exc:
            return f"caption_default pattern is not a regular expression ({exc})"
    for value, pattern in f.patterns.items():
        if value not in f.values:
            return f"pattern for '{value}', which is not one of its values"
        try:
            re.compile(pattern)
        except re.error as exc:
            return f"pattern for '{value}' is not a regular expression ({exc})"
    if f.type == "flag" and not f.rule:
        return "a flag needs a rule such as 'total_dose >= 400'"
    if f.rule and f.type != "flag":
        return "a rule is only for a flag"
    if f.parser not in PARSERS:
        return f"unknown parser '{f.parser}' (known: {', '.join(sorted(PARSERS))})"
    if f.outcome and f.type not in ("number", "percent", "mean-sd", "integer"):
        return f"an outcome must be a number, percent, mean-sd or integer, not {f.type}"
    return None


def _ordered(builtins: list[Field], own: list[Field], order: list[str] | None, path: Path) -> list[Field]:
    by_name = {f.name: f for f in builtins + own}
    if order is None:
        chosen = builtins + own
    else:
        seen = set()
        for name in order:
            if name not in by_name:
                raise CodebookError(f"{path}: order: '{name}' is neither a built-in field nor one of the codebook's")
            if name in seen:
                raise CodebookError(f"{path}: order: '{name}' named twice")
            seen.add(name)
        missing = [f.name for f in own if f.column and f.name not in seen]
        if missing:
            raise CodebookError(f"{path}: field '{missing[0]}': not placed in 'order'")
        chosen = [by_name[n] for n in order] + [f for f in own if not f.column]
    out = []
    for f in chosen:
        out.append(f)
        out.extend(_companions(f))
    return out


def _check_synonyms(fields: list[Field], composites: dict, path: Path) -> None:
    from litcurate.harmonise.headers import normalise_header

    owner: dict[str, str] = {}
    for f in fields:
        for synonym in f.synonyms:
            key = normalise_header(synonym)
            if key in owner and owner[key] != f.name:
                raise CodebookError(
                    f"{path}: field '{f.name}': synonym '{synonym}' is already claimed by field '{owner[key]}'"
                )
            owner[key] = f.name
    names = {f.name for f in fields}
    for phrase, targets in composites.items():
        key = normalise_header(phrase)
        if key in owner:
            raise CodebookError(f"{path}: composites '{phrase}': phrase is already a synonym of field '{owner[key]}'")
        unknown = [t for t in targets if t not in names]
        if unknown:
            raise CodebookError(f"{path}: composites '{phrase}': unknown field '{unknown[0]}'")


def _check_references(fields: list[Field], checks: list[str], path: Path) -> list[tuple[str, str, str]]:
    names = {f.name for f in fields}
    for f in fields:
        parts = f.rule_parts
        if parts and parts[0] not in names:
            raise CodebookError(f"{path}: field '{f.name}': rule names unknown field '{parts[0]}'")
    out = []
    for check in checks:
        m = _CHECK.match(check)
        for name in (m.group(1), m.group(3)):
            if name not in names:
                raise CodebookError(f"{path}: checks '{check}': unknown field '{name}'")
        out.append((m.group(1), m.group(2), m.group(3)))
    return out


def _builtin_data() -> dict:
    text = resources.files("litcurate.harmonise").joinpath(BUILTIN_FILE).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def load_codebook(path: str | Path | None) -> Codebook:
    """The built-in fields plus the project's codebook at ``path`` (None: built-in fields only)."""
    builtin_data = _builtin_data()
    builtins = [_field(e, True) for e in builtin_data["fields"]]
    data = _read_yaml(Path(path), "codebook") if path else {}
    where = Path(path) if path else Path(BUILTIN_FILE)
    _check_shape(data, where)
    own = [_field(e, False) for e in data.get("fields", [])]
    builtin_names = {f.name for f in builtins}
    seen: set[str] = set()
    for f in own:
        if f.name in builtin_names:
            raise CodebookError(f"{where}: field '{f.name}': name of a built-in field (list it in 'order' instead)")
        if f.name in seen:
            raise CodebookError(f"{where}: field '{f.name}': defined twice")
        seen.add(f.name)
    for f in builtins + own:
        problem = _problem(f)
        if problem:
            raise CodebookError(f"{where if not f.builtin else BUILTIN_FILE}: field '{f.name}': {problem}")
    fields = _ordered(builtins, own, data.get("order"), where)
    composites = {k: tuple(v) for k, v in (data.get("composites") or {}).items()}
    _check_synonyms(fields, composites, where)
    checks = _check_references(fields, data.get("checks", []), where)
    return Codebook(str(where), tuple(fields), composites, tuple(checks))


def codebook_input(paths) -> str | None:
    """The codebook file a rule was given as its ``codebook`` input (none: built-in fields only)."""
    if isinstance(paths, str):
        return paths
    paths = list(paths or [])
    return str(paths[0]) if paths else None
