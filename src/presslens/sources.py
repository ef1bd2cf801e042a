"""Where a document comes from: a sources manifest beside the articles, and an outlets file.

A sources manifest (CSV or JSON lines, `sources.csv` / `sources.jsonl` in an input folder, or
given with `--sources`) names, per article file or URL, its outlet, date, authors and title. Its
row goes into `RawDocument.meta` with `given_by="manifest"` before cleaning, so it wins over what
the page says. The outlets file (CSV `domain,outlet,group`) names the outlet behind a URL's
registered domain; a shipped default is overridden by a user copy kept beside the database.
Every bad row is a one-line `Problem` (file:line: reason) and reading goes on.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from tld import get_fld

from .clean import ISO_DATE, parse_date
from .ingest import Problem
from .models import Document, RawDocument

MANIFEST_NAMES = ("sources.csv", "sources.jsonl")
MANIFEST_KEYS = ("file", "url", "outlet", "published", "authors", "title")
AUTHOR_SEPARATOR = re.compile(r"\s*[;|]\s*")
GIVEN = ("jsonl", "manifest")  # provenance of an outlet the user named: a URL never overrides it
OUTLETS_HEADER = ("domain", "outlet", "group")
DOMAIN_SHAPE = re.compile(
    r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$"
)

K = TypeVar("K")  # a manifest index key: a resolved Path or a bare file name


# --- manifest ------------------------------------------------------------------------------


@dataclass
class SourceRow:
    """One manifest row: what the user says about one article file or URL."""

    line: int
    file: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)

    def meta(self) -> dict:
        """The row as `RawDocument.meta` keys (only the fields it gives)."""
        values = {
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published,
            "title": self.title,
            "authors": self.authors or None,
        }
        return {key: value for key, value in values.items() if value}


@dataclass
class Manifest:
    """The rows of one manifest file, indexed by resolved file path, bare file name and URL."""

    path: Path
    by_file: dict[Path, SourceRow] = field(default_factory=dict)
    by_name: dict[str, SourceRow] = field(default_factory=dict)
    by_url: dict[str, SourceRow] = field(default_factory=dict)

    def match(self, raw: RawDocument) -> SourceRow | None:
        """The row for a document: by its file path, then its file name, then its URL."""
        url = raw.meta.get("url")
        if url and url_key(url) in self.by_url:
            return self.by_url[url_key(url)]
        if raw.meta:  # a jsonl record: its source is a URL or "file:line", not an article file
            return None
        path = Path(raw.source)
        return self.by_file.get(path.resolve()) or self.by_name.get(path.name)


def url_key(url: str) -> str:
    """A URL as a matching key: scheme and host lower-cased, no fragment, no trailing slash."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}{query}"


def _split_authors(value) -> list[str]:
    if isinstance(value, list):
        names = [str(v) for v in value]
    else:
        names = AUTHOR_SEPARATOR.split(str(value))
    return [name.strip() for name in names if name and name.strip()]


def _valid_date(value: str) -> bool:
    value = value.strip()
    return (parse_date(value[:10]) if ISO_DATE.match(value) else parse_date(value)) is not None


def url_problem(url: str) -> str | None:
    """Why a string is not a usable web address, or None when it is."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return f"malformed URL {url!r} (expected http:// or https:// and a host)"
    if get_fld(url.strip(), fail_silently=True) is None:
        return f"malformed URL {url!r} (no registered domain in the host)"
    return None


def _read_csv_records(path: Path, text: str) -> Iterator[tuple[int, dict] | Problem]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        return
    header = [name.strip().lower() for name in header]
    if "file" not in header and "url" not in header:
        yield Problem(f"{path}:1", "header names neither a 'file' nor a 'url' column, ignored")
        return
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield Problem(
                f"{path}:{reader.line_num}",
                f"expected {len(header)} columns, found {len(row)}, row skipped",
            )
            continue
        yield reader.line_num, dict(zip(header, row, strict=True))


def _read_jsonl_records(path: Path, text: str) -> Iterator[tuple[int, dict] | Problem]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Problem(f"{path}:{lineno}", f"invalid JSON ({err.msg}), row skipped")
            continue
        if not isinstance(record, dict):
            yield Problem(f"{path}:{lineno}", "not a JSON object, row skipped")
            continue
        yield lineno, {key.lower(): value for key, value in record.items()}


def _row_from_record(path: Path, lineno: int, record: dict) -> tuple[SourceRow, list[Problem]]:
    """A row from one record; a bad URL or date is dropped with a Problem, the rest kept."""
    where = f"{path}:{lineno}"
    values = {key: record.get(key) for key in MANIFEST_KEYS}
    text = {k: str(v).strip() for k, v in values.items() if k != "authors" and v not in (None, "")}
    row = SourceRow(
        line=lineno,
        file=text.get("file") or None,
        url=text.get("url") or None,
        outlet=text.get("outlet") or None,
        published=text.get("published") or None,
        title=text.get("title") or None,
    )
    if values["authors"] not in (None, "", []):
        row.authors = _split_authors(values["authors"])
    problems = []
    if row.url and (reason := url_problem(row.url)):
        problems.append(Problem(where, f"{reason}, URL ignored"))
        row.url = None
    if row.published and not _valid_date(row.published):
        problems.append(Problem(where, f"date {row.published!r} does not parse, date ignored"))
        row.published = None
    return row, problems


def _file_index(folder: Path) -> dict[str, list[Path]]:
    index: dict[str, list[Path]] = {}
    for found in sorted(folder.rglob("*")):
        if found.is_file():
            index.setdefault(found.name, []).append(found.resolve())
    return index


def _index_once(
    index: dict[K, SourceRow], key: K, row: SourceRow, file: str, where: str
) -> Problem | None:
    """Put `row` under `key`, unless a row is there already (then a Problem)."""
    if key in index:
        first = index[key].line
        return Problem(where, f"second row for {file!r} (first on line {first}), skipped")
    index[key] = row
    return None


def _place_row(
    manifest: Manifest, row: SourceRow, where: str, names: Callable[[], dict[str, list[Path]]]
) -> Problem | None:
    """Index one row under its file and URL; a missing file or a second row is a Problem."""
    if row.file:
        target = (manifest.path.parent / row.file).resolve()
        bare = Path(row.file).name == row.file
        if target.is_file():
            second = _index_once(manifest.by_file, target, row, row.file, where)
        elif bare and row.file in names():
            second = _index_once(manifest.by_name, row.file, row, row.file, where)
        else:
            return Problem(where, f"file {row.file!r} not found beside the manifest, row skipped")
        if second is not None:
            return second
    elif row.url:
        key = url_key(row.url)
        if key in manifest.by_url:
            first = manifest.by_url[key].line
            return Problem(where, f"second row for {row.url!r} (first on line {first}), skipped")
    else:
        return Problem(where, "row names no file and no url, skipped")
    if row.url:
        manifest.by_url.setdefault(url_key(row.url), row)
    return None


def load_manifest(path: str | Path) -> tuple[Manifest, list[Problem]]:
    """Read a sources manifest (.csv, else JSON lines); bad rows are Problems, never raised."""
    path = Path(path)
    manifest = Manifest(path=path)
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        return manifest, [Problem(str(path), f"cannot read sources manifest ({err}), ignored")]
    reader = _read_csv_records if path.suffix.lower() == ".csv" else _read_jsonl_records
    problems: list[Problem] = []
    names_cache: list[dict] = []

    def names() -> dict[str, list[Path]]:
        if not names_cache:
            names_cache.append(_file_index(path.parent))
        return names_cache[0]

    for item in reader(path, text):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        lineno, record = item
        row, row_problems = _row_from_record(path, lineno, record)
        problems.extend(row_problems)
        if placed := _place_row(manifest, row, f"{path}:{lineno}", names):
            problems.append(placed)
    return manifest, problems


def find_manifests(paths: Iterable[str | Path], sources: str | Path | None) -> list[Path]:
    """The manifest given with --sources, else a sources.csv / sources.jsonl in each input folder."""
    if sources is not None:
        return [Path(sources)]
    found: list[Path] = []
    for given in paths:
        folder = Path(given)
        if folder.is_dir():
            found.extend(folder / name for name in MANIFEST_NAMES if (folder / name).is_file())
    return found


# --- outlets -------------------------------------------------------------------------------


class OutletsError(Exception):
    """An outlets file that cannot be edited (a bad line): said in one line, file:line: reason."""


@dataclass(frozen=True)
class OutletRow:
    """One line of an outlets file: the outlet (and its group) behind a domain."""

    domain: str
    outlet: str
    group: str | None = None


def default_outlets_text() -> str:
    """The shipped outlets file (data/outlets.csv)."""
    return resources.files("presslens").joinpath("data/outlets.csv").read_text("utf-8")


def outlets_path(db: str | Path) -> Path:
    """The user's copy of the outlets file lives beside the database, like entity pins."""
    db = str(db)
    if "://" in db:
        return Path("presslens-outlets.csv")
    return Path(db).with_name(Path(db).stem + ".outlets.csv")


def _normalise_domain(value: str) -> str:
    domain = value.strip().lower()
    domain = re.sub(r"^[a-z]+://", "", domain).split("/")[0]
    return domain.removeprefix("www.")


def _outlet_row(where: str, cells: list[str]) -> OutletRow | Problem:
    if len(cells) not in (2, 3):
        return Problem(where, f"expected 2 or 3 columns (domain,outlet,group), found {len(cells)}")
    domain, outlet = _normalise_domain(cells[0]), cells[1].strip()
    group = cells[2].strip() if len(cells) == 3 else ""
    if not domain:
        return Problem(where, "empty domain")
    if not DOMAIN_SHAPE.match(domain):
        return Problem(where, f"{cells[0].strip()!r} is not a domain name")
    if not outlet:
        return Problem(where, "empty outlet name")
    return OutletRow(domain, outlet, group or None)


def parse_outlets(text: str, name: str) -> tuple[dict[str, OutletRow], list[Problem]]:
    """domain → row from outlets CSV text; each bad line is a Problem naming `name:line`."""
    table: dict[str, OutletRow] = {}
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text))
    for cells in reader:
        where = f"{name}:{reader.line_num}"
        if not cells or not "".join(cells).strip() or cells[0].lstrip().startswith("#"):
            continue
        if [c.strip().lower() for c in cells] in (list(OUTLETS_HEADER), list(OUTLETS_HEADER[:2])):
            continue
        row = _outlet_row(where, cells)
        if isinstance(row, Problem):
            problems.append(row)
        else:
            table[row.domain] = row
    return table, problems


def read_outlets(path: Path) -> tuple[dict[str, OutletRow], list[Problem]]:
    """An outlets file from disk; an unreadable file is one Problem."""
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        return {}, [Problem(str(path), f"cannot read outlets file ({err})")]
    return parse_outlets(text, str(path))


def load_outlets(db: str | Path) -> tuple[dict[str, OutletRow], list[Problem]]:
    """The outlets table for a store: the user's copy beside it when there is one, else the default."""
    user = outlets_path(db)
    if user.is_file():
        return read_outlets(user)
    return parse_outlets(default_outlets_text(), "presslens/data/outlets.csv")


def save_outlets(table: dict[str, OutletRow], path: Path) -> None:
    """Write an outlets table as CSV, sorted by outlet then domain."""
    rows = sorted(table.values(), key=lambda r: (r.outlet.casefold(), r.domain))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(OUTLETS_HEADER)
        for row in rows:
            writer.writerow([row.domain, row.outlet, row.group or ""])


def checked_outlets(db: str | Path) -> dict[str, OutletRow]:
    """The outlets table for editing: a bad line raises OutletsError instead of being skipped."""
    table, problems = load_outlets(db)
    if problems:
        raise OutletsError(str(problems[0]))
    return table


def add_outlet(db: str | Path, domain: str, outlet: str, group: str | None = None) -> OutletRow:
    """Add (or replace) one domain row in the user's outlets file beside the database."""
    table = checked_outlets(db)
    row = _outlet_row("argument", [domain, outlet, group or ""])
    if isinstance(row, Problem):
        raise OutletsError(f"{domain!r}: {row.reason}")
    table[row.domain] = row
    save_outlets(table, outlets_path(db))
    return row


def outlet_for_url(url: str, table: dict[str, OutletRow]) -> OutletRow | None:
    """The row for a URL's host: the most specific domain listed, down to the registered domain."""
    url = url.strip()
    fld = get_fld(url, fail_silently=True)
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if not fld or not host.endswith(fld):
        return None
    labels = host.split(".")
    for i in range(len(labels)):
        candidate = ".".join(labels[i:])
        if candidate in table:
            return table[candidate]
        if candidate == fld:
            break
    return None


def rename_in_table(table: dict[str, OutletRow], old: str, new: str) -> int:
    """Every row naming outlet `old` names `new` instead; returns how many rows changed."""
    changed = 0
    for domain, row in list(table.items()):
        if row.outlet == old:
            table[domain] = OutletRow(domain, new, row.group)
            changed += 1
    return changed


def add_renaming(renames: dict[str, str], old: str, new: str) -> dict[str, str]:
    """Renames after `old` → `new`: earlier renames to `old` now go to `new`, no cycles kept."""
    updated = {k: (new if v == old else v) for k, v in renames.items()}
    updated[old] = new
    return {k: v for k, v in updated.items() if k != v}


# --- applying them to a run ----------------------------------------------------------------


@dataclass
class SourceContext:
    """What a run knows about where documents come from: manifests, outlets, user renames."""

    manifests: list[Manifest] = field(default_factory=list)
    outlets: dict[str, OutletRow] = field(default_factory=dict)
    renames: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def skip(self) -> set[Path]:
        """Manifest files: never read as articles."""
        return {m.path.resolve() for m in self.manifests}

    def annotate(self, raw: RawDocument) -> None:
        """Put the matching manifest row's fields into `raw.meta` (given_by="manifest")."""
        for manifest in self.manifests:
            row = manifest.match(raw)
            if row is not None:
                raw.meta = {**raw.meta, **row.meta(), "given_by": "manifest"}
                return

    def finish(self, document: Document, raw: RawDocument) -> None:
        """Outlet from the URL when no outlet was given, then the user's renames."""
        url = raw.meta.get("url")
        if url and document.provenance.get("outlet") not in GIVEN:
            row = outlet_for_url(url, self.outlets)
            if row is not None:
                document.outlet = row.outlet
                document.provenance["outlet"] = f"url {row.domain}"
        if document.outlet in self.renames:
            old = document.outlet
            document.outlet = self.renames[old]
            where = document.provenance.get("outlet", "?")
            document.provenance["outlet"] = f"{where}, renamed from {old}"


def source_context(
    paths: Iterable[str | Path], sources: str | Path | None, db: str | Path, renames: dict
) -> SourceContext:
    """Load the manifests, the outlets table and the renames for one run."""
    context = SourceContext(renames=dict(renames))
    context.outlets, context.problems = load_outlets(db)
    for path in find_manifests(paths, sources):
        if not path.is_file():
            context.problems.append(Problem(str(path), "no such sources manifest"))
            continue
        manifest, problems = load_manifest(path)
        context.manifests.append(manifest)
        context.problems.extend(problems)
    return context
