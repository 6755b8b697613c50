"""Tagged export files cut into records, every line accounted for.

RIS, MEDLINE, EndNote tagged and Web of Science plain text all write one field per line behind a
short tag, with continuation lines for long values. :func:`segment` walks the physical lines once:
tag lines fill the open record, continuation lines extend the last field, vendor header lines
('Provider: ...', 'Database: ...') and comment lines outside a record are taken as such, and any
other line is returned as an :class:`ImportProblem` (file, line, text) instead of being dropped.
A record whose end tag is missing is closed where the next one starts, with a note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from litcurate.search.imports.fields import is_comment, vendor_header
from litcurate.search.imports.model import ImportProblem


@dataclass(frozen=True)
class TaggedFormat:
    """How one tagged format writes records.

    ``tag(line)`` gives ``(tag, value)`` for a tag line, else None; ``continues(line)`` says whether a
    non-tag line right after a tag line extends that field. With ``start``/``end`` tags a record runs
    from one to the other (blank lines inside are fine); without them records are separated by
    blank lines. ``file_tags`` may stand outside records (a file header); ``list_tags`` take each
    continuation line as a new value (one author per line) instead of joining it. A ``restart``
    tag met again inside a blank-separated record starts the next record (files joined without
    the blank line between them).
    """

    name: str
    tag: Callable[[str], tuple[str, str] | None]
    continues: Callable[[str], bool]
    start: str | None = None
    end: str | None = None
    file_tags: frozenset[str] = frozenset()
    list_tags: frozenset[str] = frozenset()
    comments: bool = True
    restart: str | None = None
    normalise: Callable[[str, str], str] | None = None


@dataclass
class TaggedRecord:
    """One record: its first line, its fields (tag -> values in file order) and, when the format
    asks, its lines rewritten in the canonical layout for a library parser."""

    line: int
    fields: dict[str, list[str]] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    last_tag: str = ""


@dataclass
class Segmented:
    """What :func:`segment` found: the records (as its ``convert`` made them), problems, and the
    vendor header (name -> value)."""

    records: list[Any] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    header: dict[str, str] = field(default_factory=dict)


def segment(
    file: str,
    lines: list[str],
    fmt: TaggedFormat,
    convert: Callable[[TaggedRecord, dict[str, str]], Any] = lambda record, header: record,
) -> Segmented:
    """Cut ``lines`` (physical lines of ``file``) into records of format ``fmt``; each record is
    handed to ``convert`` with the vendor header read so far as soon as it ends, so that only
    the converted rows are kept."""
    out = Segmented()
    tag_of, continues, start, end, normalise = fmt.tag, fmt.continues, fmt.start, fmt.end, fmt.normalise
    restart = fmt.restart
    current: TaggedRecord | None = None
    previous = "blank"  # kind of the last non-empty line: tag, other; or blank

    def problem(number: int, text: str, message: str) -> None:
        out.problems.append(ImportProblem(file, number, text, message))

    def close(number: int | None = None) -> None:
        nonlocal current
        if current is None:
            return
        if fmt.end and number is not None:
            ended = (
                f"closed where the next record starts (line {number})" if number else "closed at the end of the file"
            )
            problem(current.line, lines[current.line - 1], f"record has no closing '{fmt.end}' tag; {ended}")
        out.records.append(convert(current, out.header))
        current = None

    for number, line in enumerate(lines, start=1):
        if not line or line.isspace():
            if end is None:
                close()
            previous = "blank"
            continue
        tagged = tag_of(line)
        if tagged is None and current is not None and previous == "tag" and continues(line):
            _continue(current, line.strip(), fmt)
            continue
        if tagged is not None:
            tag, value = tagged
            if restart is not None and tag == restart and current is not None and restart in current.fields:
                close()
            if current is not None and tag != start and tag != end:  # the common case first
                values = current.fields.get(tag)
                if values is None:
                    current.fields[tag] = [value]
                else:
                    values.append(value)
                current.last_tag = tag
                if normalise is not None:
                    current.lines.append(normalise(tag, value))
            elif start is not None and tag == start:
                close(number)
                current = TaggedRecord(number)
                _add(current, tag, value, fmt)
            elif end is not None and tag == end:
                if current is None:
                    problem(number, line, f"'{end}' outside a record")
                close()
            elif tag in fmt.file_tags:
                out.header.setdefault(tag, value)
            elif start is None:
                current = TaggedRecord(number)
                _add(current, tag, value, fmt)
            else:
                problem(number, line, f"tag {tag} outside a record; expected '{start}' to start one")
            previous = "tag"
            continue
        if current is None or previous == "blank":
            header = vendor_header(line)
            if header is not None:
                out.header[header[0].lower()] = header[1]  # applies to the records that follow it
                previous = "other"
                continue
            if fmt.comments and is_comment(line):
                continue
        problem(number, line, f"unreadable line: not a {fmt.name} tag line, continuation or header")
        previous = "other"
    close(0)
    return out


def _add(record: TaggedRecord, tag: str, value: str, fmt: TaggedFormat) -> None:
    record.fields.setdefault(tag, []).append(value)
    record.last_tag = tag
    if fmt.normalise is not None:
        record.lines.append(fmt.normalise(tag, value))


def _continue(record: TaggedRecord, text: str, fmt: TaggedFormat) -> None:
    values = record.fields[record.last_tag]
    if record.last_tag in fmt.list_tags:
        values.append(text)
    else:
        values[-1] = f"{values[-1]} {text}".strip()
    if fmt.normalise is not None:
        record.lines.append("      " + text)
