"""Read files and folders into RawDocuments: decoding only, no parsing of content.

Every user error (missing path, binary file, bad jsonl line ...) becomes a `Problem` the CLI can
print in one line; nothing here raises for bad input. Documents stream one at a time so a big
folder or a big .jsonl never sits in memory whole.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from presslens.models import RawDocument

# --- data -----------------------------------------------------------------------------------

MAX_FILE_BYTES = 20 * 1024 * 1024  # one article file; a .jsonl streams and is capped per line
MAX_JSONL_LINE_BYTES = 20 * 1024 * 1024
MAX_META_CHARS = 10_000  # a title, outlet, url or author name longer than this is not one

FORMAT_BY_SUFFIX = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
}

JSONL_META_KEYS = ("url", "title", "outlet", "authors", "published")

# Order matters: strict UTF-8 first, then the Windows code page most scraped text comes in,
# then Latin-1 (which decodes every byte, so it is only reached for the 5 bytes cp1252 leaves
# undefined).
ENCODINGS = ("utf-8", "cp1252", "latin-1")
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")  # checked first: LE starts like UTF-16's

# Share of control characters (other than whitespace) above which decoded text is binary.
MAX_CONTROL_SHARE = 0.02
MIN_CONTROLS = 4  # a stray byte in a short latin-1 file is not binary
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")

HTML_SNIFF = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|article|p|div|br|h[1-6]|span|section|meta)\b",
    re.IGNORECASE,
)
WHITESPACE_RUN = re.compile(r"\s+")


# --- records --------------------------------------------------------------------------------


@dataclass
class Problem:
    """One input the user gave that could not be read, with a one-line reason."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


# --- helpers --------------------------------------------------------------------------------


def normalise_text(text: str) -> str:
    """NFC and \\n line endings, so offsets and hashes do not depend on the editor that saved it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def content_hash(text: str) -> str:
    """sha1 of the text with whitespace runs collapsed: exact duplicates share it."""
    collapsed = WHITESPACE_RUN.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha1(collapsed.encode("utf-8")).hexdigest()


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = len(CONTROL_CHARS.findall(text))
    return controls > MIN_CONTROLS and controls / len(text) > MAX_CONTROL_SHARE


def decode_bytes(data: bytes) -> tuple[str, str] | str:
    """Decode article bytes: (text, encoding) or a reason string when it is not text."""
    if data.startswith(UTF32_BOMS):
        try:
            return normalise_text(data.decode("utf-32")), "utf-32"
        except UnicodeDecodeError:
            return "starts with a UTF-32 byte-order mark but is not valid UTF-32, skipped"
    if data.startswith(UTF16_BOMS):  # Windows "Unicode" text: NUL bytes but not binary
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return "starts with a UTF-16 byte-order mark but is not valid UTF-16, skipped"
        return normalise_text(text), "utf-16"
    if b"\x00" in data:
        return "binary file (contains NUL bytes), skipped"
    if data.startswith(UTF8_BOM):
        try:
            text, encoding = data[len(UTF8_BOM) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            return "starts with a UTF-8 byte-order mark but is not valid UTF-8, skipped"
    else:
        for encoding in ENCODINGS:
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:  # pragma: no cover - latin-1 decodes every byte
            return "undecodable bytes, skipped"
    if _looks_binary(text):
        return "binary file (undecodable control bytes), skipped"
    return normalise_text(text), encoding


def looks_like_html(text: str) -> bool:
    """Whether a jsonl record's text is HTML (then the HTML cleaner handles it)."""
    return HTML_SNIFF.search(text[:5000]) is not None


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _special_file(path: Path) -> str | None:
    """Why a folder entry is not an article file (a FIFO would block the run forever), or None."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        return f"cannot read file ({err.strerror or err}), skipped"
    if stat.S_ISREG(mode):
        return None
    kinds = {stat.S_ISFIFO: "a named pipe", stat.S_ISSOCK: "a socket", stat.S_ISDIR: "a folder"}
    kind = next((name for test, name in kinds.items() if test(mode)), "a device")
    return f"not a regular file ({kind}), skipped"


def _iter_folder(folder: Path, skip: frozenset[Path] = frozenset()) -> Iterator[Path | Problem]:
    """Article files under a folder, recursively, sorted, hidden entries and `skip` left out."""
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not _is_hidden(d))
        for name in sorted(files):
            if _is_hidden(name):
                continue
            path = Path(root) / name
            if path.suffix.lower() in FORMAT_BY_SUFFIX and not (skip and path.resolve() in skip):
                special = _special_file(path)
                yield Problem(safe_name(path), special) if special else path
        while errors:
            err = errors.pop(0)
            yield Problem(str(err.filename or folder), f"cannot read folder ({err.strerror})")
    while errors:
        err = errors.pop(0)
        yield Problem(str(err.filename or folder), f"cannot read folder ({err.strerror})")


def _read_bytes(path: Path) -> bytes | Problem:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Problem(
                safe_name(path),
                f"file too large ({size / 1e6:.1f} MB > {MAX_FILE_BYTES / 1e6:.1f} MB limit), skipped",
            )
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        return Problem(safe_name(path), f"cannot read file ({err.strerror or err}), skipped")


def _read_article_file(path: Path, fmt: str) -> Iterator[RawDocument | Problem]:
    data = _read_bytes(path)
    if isinstance(data, Problem):
        yield data
        return
    decoded = decode_bytes(data)
    if isinstance(decoded, str):
        yield Problem(safe_name(path), decoded)
        return
    text, encoding = decoded
    if not text.strip():
        yield Problem(safe_name(path), "empty file, skipped")
        return
    yield RawDocument(
        source=safe_name(path),
        text=text,
        format=fmt,
        content_hash=content_hash(text),
        encoding=encoding,
    )


def _has_surrogate(value: str) -> bool:
    """JSON escapes can spell lone surrogates ("\\ud800"), which no store or file can hold."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def safe_name(path: str | Path) -> str:
    """A path as text that can be stored and printed: undecodable bytes in a file name (which
    Python keeps as lone surrogates) become \\xNN escapes."""
    name = str(path)
    if not _has_surrogate(name):
        return name
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _meta_string(key: str, value: object) -> str | None:
    """A scalar metadata field as clean text; raises ValueError naming what is wrong."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f'field "{key}" must be text, not {_json_kind(value)}')
    text = str(value).replace("\x00", "").strip()
    if _has_surrogate(text):
        raise ValueError(f'invalid Unicode in "{key}" (a lone surrogate escape)')
    if len(text) > MAX_META_CHARS:
        raise ValueError(f'field "{key}" is longer than {MAX_META_CHARS} characters')
    return text or None


def _json_kind(value: object) -> str:
    kinds = {bool: "true/false", dict: "an object", list: "a list", type(None): "null"}
    return next((name for kind, name in kinds.items() if isinstance(value, kind)), "a number")


def _meta_from_record(record: dict) -> dict:
    """The metadata fields of a jsonl record, checked: ValueError names the first bad field."""
    meta: dict = {}
    for key in JSONL_META_KEYS:
        value = record.get(key)
        if value is None or value == "" or value == []:
            continue
        if key == "authors":
            items = value if isinstance(value, list) else [value]
            if isinstance(value, dict):
                raise ValueError('field "authors" must be a name or a list of names, not an object')
            names = [_meta_string(key, v) for v in items]
            value = [n for n in names if n]
            if not value:
                continue
        else:
            value = _meta_string(key, value)
            if value is None:
                continue
        meta[key] = value
    return meta


def _read_jsonl_line(path: Path, lineno: int, line: bytes) -> RawDocument | Problem | None:
    where = f"{safe_name(path)}:{lineno}"
    if len(line) > MAX_JSONL_LINE_BYTES:
        return Problem(where, f"line too large ({len(line) / 1e6:.1f} MB), skipped")
    decoded = decode_bytes(line)
    if isinstance(decoded, str):
        return Problem(where, decoded)
    raw_line, encoding = decoded
    if not raw_line.strip():
        return None
    try:
        record = json.loads(raw_line)
    except json.JSONDecodeError as err:
        return Problem(where, f"invalid JSON ({err.msg} at column {err.colno}), skipped")
    except RecursionError:
        return Problem(where, "JSON nested too deeply to read, skipped")
    except ValueError as err:  # an integer literal past Python's digit limit
        return Problem(where, f"invalid JSON ({str(err).split(':')[0]}), skipped")
    if not isinstance(record, dict):
        return Problem(where, "not a JSON object, skipped")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Problem(where, 'missing or empty "text" field, skipped')
    if _has_surrogate(text):
        return Problem(where, 'invalid Unicode in "text" (a lone surrogate escape), skipped')
    text = normalise_text(text.replace("\x00", ""))  # NUL: PostgreSQL text cannot hold it
    try:
        meta = _meta_from_record(record)
    except ValueError as problem:
        return Problem(where, f"{problem}, skipped")
    return RawDocument(
        source=meta.get("url") or where,
        text=text,
        format="html" if looks_like_html(text) else "jsonl",
        content_hash=content_hash(text),
        encoding=encoding,
        meta=meta,
    )


def _read_jsonl_file(path: Path) -> Iterator[RawDocument | Problem]:
    """One article per line; a bad line is a Problem and reading continues."""
    found_any = False
    try:
        with path.open("rb") as handle:
            for lineno, line in enumerate(handle, start=1):
                if lineno == 1 and line.startswith(UTF8_BOM):
                    line = line[len(UTF8_BOM) :]
                item = _read_jsonl_line(path, lineno, line)
                if item is None:
                    continue
                found_any = True
                yield item
    except OSError as err:
        yield Problem(safe_name(path), f"cannot read file ({err.strerror or err}), skipped")
        return
    if not found_any:
        yield Problem(safe_name(path), "empty file, skipped")


def _read_path(path: Path) -> Iterator[RawDocument | Problem]:
    fmt = FORMAT_BY_SUFFIX[path.suffix.lower()]
    if fmt == "jsonl":
        yield from _read_jsonl_file(path)
    else:
        yield from _read_article_file(path, fmt)


# --- public ---------------------------------------------------------------------------------


def iter_raw_documents(
    paths: Iterable[str | Path], skip: Iterable[Path] = ()
) -> Iterator[RawDocument | Problem]:
    """Yield one RawDocument (or Problem) at a time for the given files and folders; files in
    `skip` (resolved paths of sources manifests) are never read as articles."""
    if isinstance(paths, str | Path):
        paths = [paths]
    skip = frozenset(skip)
    for given in paths:
        path = Path(given)
        try:
            is_dir, is_file = path.is_dir(), path.is_file()
        except OSError as err:
            yield Problem(safe_name(path), f"cannot access path ({err.strerror or err})")
            continue
        if is_dir:
            found = False
            for item in _iter_folder(path, skip):
                if isinstance(item, Problem):
                    yield item
                    continue
                found = True
                yield from _read_path(item)
            if not found:
                kinds = ", ".join(sorted(FORMAT_BY_SUFFIX))
                yield Problem(safe_name(path), f"folder contains no article files ({kinds})")
        elif is_file:
            if skip and path.resolve() in skip:
                continue
            if path.suffix.lower() not in FORMAT_BY_SUFFIX:
                yield Problem(
                    safe_name(path),
                    f"unsupported file type '{path.suffix or '(none)'}' "
                    "(use .txt, .md, .html, .htm or .jsonl), skipped",
                )
                continue
            yield from _read_path(path)
        elif os.path.lexists(path):
            yield Problem(safe_name(path), "not a regular file or folder (broken link?), skipped")
        else:
            yield Problem(safe_name(path), "no such file or folder")
