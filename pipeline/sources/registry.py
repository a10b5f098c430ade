"""The source registry: which public documents the pipeline downloads, and what each one is.

`sources.yaml` holds one entry per document edition (a fact sheet in one language is one entry).
Loading checks every entry up front and names the entry and the field of every problem. A file that
cannot be read as a registry at all fails the run before any download; an entry with problems is kept
as a `Source` whose `problem` says what to fix: it is never downloaded, it shows as a quarantined
document in the run's report, and the other entries run.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import yaml

PUBLISHERS = ("OSCE", "IDM", "KP")
MECHANISMS = ("MCSC", "MOCR", "LPSC", "KVSP")
LANGUAGES = ("sq", "sr", "en")
FORMATS = ("pdf", "html")

REQUIRED = ("id", "publisher", "mechanism", "language", "title", "url")
OPTIONAL = ("period", "notes", "verified", "format", "hosts")
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # becomes a file name: keep it plain


class RegistryError(ValueError):
    """The registry file is missing or malformed; the message says where and how to fix it."""


@dataclass(frozen=True, slots=True)
class Source:
    id: str  # stable registry key, also the downloaded file's name (without extension)
    publisher: str  # OSCE | IDM | KP
    mechanism: str  # MCSC | MOCR | LPSC | KVSP
    language: str  # sq | sr | en
    title: str
    url: str
    period: str | None = None  # e.g. "2024" or "2015-2016", as the document states it
    notes: str | None = None
    verified: bool = False  # True only when the address was confirmed to serve this very document
    format: str | None = None  # pdf | html: what the URL must deliver; None accepts either
    hosts: tuple[str, ...] = ()  # other hosts ("host" or "host:port") its address may redirect to
    problem: str | None = None  # why this entry is skipped (set only for entries that failed the checks)


def load_registry(path: Path | str) -> list[Source]:
    """Read and validate a registry file: every entry in order, those with problems marked with them.

    Raises RegistryError only when the file itself is missing, not YAML or not a list of sources."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RegistryError(f"registry file {path} not found; pass the path of sources.yaml "
                            f"(e.g. --registry sources.yaml)") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where = ""
        if mark := getattr(exc, "problem_mark", None):
            where = f" at line {mark.line + 1}, column {mark.column + 1}"
        raise RegistryError(f"{path}: not valid YAML{where} ({getattr(exc, 'problem', exc)}); "
                            f"check indentation and quote values that contain ': '") from None

    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise RegistryError(f"{path}: expected a top-level 'sources:' key holding a list of entries "
                            f"(each entry starting with '- id: ...')")

    sources: list[Source] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(data["sources"], start=1):
        problems = _check_entry(entry)
        entry_id = entry.get("id") if isinstance(entry, dict) else None
        if not problems and entry_id in seen:
            problems = [f"id is already used by entry {seen[entry_id]}; "
                        f"give each language edition its own id (e.g. suffix -sq, -sr, -en)"]
        if problems:
            label = _label(number, entry)
            sources.append(_skipped(number, entry, f"{path}: {label} is skipped: " + "; ".join(problems)
                                    + "; fix the entry and run again"))
            continue
        seen[entry_id] = number
        sources.append(_to_source(entry))
    return sources


def _label(number: int, entry: object) -> str:
    """'entry 3 (id osce-mcsc-factsheet-2024-sq)': position plus id, so the entry is easy to find."""
    entry_id = entry.get("id") if isinstance(entry, dict) else None
    return f"entry {number}" + (f" (id {entry_id})" if isinstance(entry_id, str) and entry_id else "")


def _check_entry(entry: object) -> list[str]:
    """Every problem of one entry, each phrased as what is wrong and what is expected."""
    if not isinstance(entry, dict):
        return [f"expected a mapping of fields ({', '.join(REQUIRED)}), got {type(entry).__name__}"]

    problems = []
    for field in REQUIRED:
        value = entry.get(field)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"field '{field}' is missing or empty; it is required (a text value)")
    unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        problems.append(f"unknown field(s) {', '.join(map(str, unknown))}; allowed fields are "
                        f"{', '.join(REQUIRED + OPTIONAL)} (check the spelling)")

    for field, allowed in (("publisher", PUBLISHERS), ("mechanism", MECHANISMS), ("language", LANGUAGES),
                           ("format", FORMATS)):
        value = entry.get(field)
        if isinstance(value, str) and value and value not in allowed:
            problems.append(f"field '{field}' is {value!r}; expected one of {', '.join(allowed)}")

    entry_id = entry.get("id")
    if isinstance(entry_id, str) and entry_id and not ID_PATTERN.match(entry_id):
        problems.append(f"field 'id' is {entry_id!r}; use lowercase letters, digits and single hyphens "
                        f"(e.g. osce-mcsc-factsheet-2024-sq): it becomes a file name")
    url = entry.get("url")
    if isinstance(url, str) and url:
        parts = urlparse(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            problems.append(f"field 'url' is {url!r}; expected a full http(s):// address")
    if "verified" in entry and not isinstance(entry["verified"], bool):
        problems.append(f"field 'verified' is {entry['verified']!r}; expected true or false")
    hosts = entry.get("hosts", [])
    if not isinstance(hosts, list) or not all(isinstance(h, str) and h and "/" not in h for h in hosts):
        problems.append(f"field 'hosts' is {hosts!r}; expected a list of host names (e.g. [www.osce.org])")
    for field in ("period", "notes"):
        if field in entry and entry[field] is not None and not isinstance(entry[field], (str, int)):
            problems.append(f"field '{field}' is {entry[field]!r}; expected text (e.g. \"2024\")")
    return problems


def _to_source(entry: dict) -> Source:
    """A checked entry as a Source; a bare year (`period: 2024`) is kept as text."""
    optional_text = {f: None if entry.get(f) is None else str(entry[f]).strip() for f in ("period", "notes")}
    return Source(
        id=entry["id"], publisher=entry["publisher"], mechanism=entry["mechanism"],
        language=entry["language"], title=entry["title"].strip(), url=entry["url"].strip(),
        verified=entry.get("verified", False), format=entry.get("format"),
        hosts=tuple(h.lower() for h in entry.get("hosts", [])), **optional_text,
    )


def _skipped(number: int, entry: object, problem: str) -> Source:
    """An entry that failed the checks, with what could be read of it, so the run can report it."""
    fields = entry if isinstance(entry, dict) else {}
    text = {f: v.strip() if isinstance(v := fields.get(f), str) else "" for f in REQUIRED}
    return Source(**{**text, "id": text["id"] or f"entry-{number}"}, problem=problem)
