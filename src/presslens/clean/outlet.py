"""The outlet of a pasted page, from the evidence its furniture gives: the site name after the
<title> line, "Follow X on ..." lines, copyright lines anywhere on the line, an author's bio line
("Staff writer at X"), photo credits made "for X", a short name line the page repeats (a masthead), and the names the line rules read in the header. A name two kinds of evidence agree on is the page's outlet; a section
label ("Special Reports") or a menu item is named once, by one kind only.
"""

from __future__ import annotations

import re

from ..lexicon import words
from .lines import SENTENCE_END, _Line, _words
from .meta import TITLE_OUTLET_SPLIT, _is_date_only, _outlet_name, looks_like_outlet
from .stages import CLEAN_PASS

FOLLOW_OUTLET = re.compile(
    r"^follow\s+(?!us\b|me\b|on\b|the\s+(?:author|topics?)\b|this\b|@)"
    r"(?P<name>.{2,40}?)(?:\s+on\s+\w+)?\s*:?$",
    re.IGNORECASE,
)
COPYRIGHT_ANYWHERE = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[\s.,]*"
    r"(?P<owner>[^.|·•,©\d\s][^.|·•,©]*?)\s*(?:\d{4}\s*)?(?:[.|·•,(]|\s[-–]\s|all\s+rights|$)",
    re.IGNORECASE,
)
LEGAL_FORM = re.compile(
    r"(?:[\s,]+(?:llc|inc|ltd|pvt|plc|corp|corporation|gmbh|limited))+\.?$", re.I
)
OWNER_SUFFIX = re.compile(
    r"(?:\s+(?:media|group|interactive|holdings|communications|newspapers?|company))+$", re.I
)
AUTHOR_BIO = re.compile(  # only the role words ignore case: the name must be capitalised
    r"^(?:[\w-]+\s+){0,3}?(?i:writer|reporter|editor|correspondent|columnist|contributor)"
    r"\s+(?i:at|for|with)\s+(?P<name>(?:The\s+)?[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3})"
)
_OUTLET_NAME = r"(?P<name>(?:The\s+)?[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3})"
PHOTO_CREDIT_FOR = re.compile(
    rf"^(?:Photo(?:graph)?s?|Pictures?|Images?)\s*:\s*[^:]{{2,60}}?\s+for\s+{_OUTLET_NAME}\.?$"
)
BIO_MAX_WORDS = 16
DOMAIN_END = re.compile(r"\.(?:com|co\.uk|org|net)$")
NAME_KEY_MIN = 3  # characters: shorter keys ("tv") agree with too much
PREFERENCE = {"title": 0, "follow": 1, "header": 2, "copyright": 3, "title-lower": 0}
PREFERENCE |= {"bio": 2, "repeated": 2}  # a repeated line counts only where another kind agrees
PREFERENCE |= {"credit": 3}
PREFERENCE["copyright-lower"] = 3
LOWER_NAME = re.compile(r"^[a-z][\w-]*(?:\s+\w[\w-]*){0,3}$")  # "pv magazine", "my6sense"


def owner_name(owner: str) -> str:
    """A copyright owner without its legal form: "Vessa Media Group, LLC" -> "Vessa Media Group"."""
    owner = re.sub(r"^(?:copyright|©)\s*", "", owner.strip(" ,.-"), flags=re.IGNORECASE)
    return LEGAL_FORM.sub("", owner).strip(" ,.")


def name_key(name: str) -> str:
    """What two spellings of one outlet share: "The Vessa Courier", "Vessa Courier Media, Inc."."""
    key = re.sub(r"^the\s+", "", owner_name(name).casefold())
    key = DOMAIN_END.sub("", OWNER_SUFFIX.sub("", key))
    return re.sub(r"[\W_]+", "", key)


def _agree(a: str, b: str) -> bool:
    """Two spellings of one outlet: one key starts the other, or one is the other's initials
    ("NYP" and "New York Post")."""
    if _initials_of_other(a, b):
        return True
    ka, kb = name_key(a), name_key(b)
    if min(len(ka), len(kb)) < NAME_KEY_MIN:
        return False
    return ka.startswith(kb) or kb.startswith(ka)


def _name_kind(kind: str, name: str) -> str | None:
    """`kind` for a name shaped like an outlet's; `kind`-lower for one in lower case ("pv
    magazine"), which counts only where another kind agrees with it; None for no name."""
    if looks_like_outlet(name, strict=False):
        return kind
    if LOWER_NAME.match(name):
        return f"{kind}-lower"
    return None


def _line_evidence(lines: list[_Line]) -> list[tuple[str, str]]:
    found = []
    title = _title_line_outlet(lines[0].plain) if lines else None
    if title and (kind := _name_kind("title", title)):
        found.append((kind, title))
    for line in lines:
        follow = FOLLOW_OUTLET.match(line.plain)
        if follow and looks_like_outlet(follow.group("name"), strict=False):
            found.append(("follow", follow.group("name").strip()))
        for match in COPYRIGHT_ANYWHERE.finditer(line.plain):
            owner = owner_name(match.group("owner"))
            if owner.casefold().startswith("all"):
                continue
            if kind := _name_kind("copyright", owner):
                found.append((kind, owner))
    return found + _bio_evidence(lines) + _credit_evidence(lines) + _repeated_name_lines(lines)


def _credit_evidence(lines: list[_Line]) -> list[tuple[str, str]]:
    """("credit", name) for a photo credit made for an outlet: "Photo: Ruben Kask for The Vessa
    Courier" -> ("credit", "The Vessa Courier"). ("More from X" lines are left out: X is as often
    a programme or a section as the outlet.)"""
    found = []
    for line in lines:
        match = PHOTO_CREDIT_FOR.match(line.plain.strip())
        if match and looks_like_outlet(match.group("name"), strict=False):
            found.append(("credit", match.group("name")))
    return found


def _bio_evidence(lines: list[_Line]) -> list[tuple[str, str]]:
    """("bio", outlet) for each short author-bio line: "Science writer at Vessa Courier and
    birdwatcher" -> ("bio", "Vessa Courier")."""
    found = []
    for line in lines:
        match = AUTHOR_BIO.match(line.plain)
        if match and len(_words(line.plain)) <= BIO_MAX_WORDS:
            name = match.group("name")
            if match.group(0)[:1].isupper() and looks_like_outlet(name, strict=False):
                found.append(("bio", name))
    return found


def _repeated_name_lines(lines: list[_Line]) -> list[tuple[str, str]]:
    """("repeated", name) for a short name-shaped line the page gives twice or more, the way a
    masthead repeats: "Vessa Courier" above the title and again above a sidebar. Menu words
    repeat too, so this counts only where another kind of evidence agrees."""
    seen: dict[str, int] = {}
    for line in lines:
        text = line.plain.strip()
        if text and looks_like_outlet(text, strict=False) and not _is_date_only(text):
            seen[text] = seen.get(text, 0) + 1
    return [("repeated", text) for text, count in seen.items() if count >= 2]


MAX_HEADER_NAME_WORDS = 4


MASTHEAD_MAX_WORDS = 4  # words a part of a masthead line may have
SECTION_LABELS = frozenset(words("section_labels"))


def masthead_outlet(plain: str) -> str | None:
    """The outlet a masthead line names beside a section or programme, None for any other
    line: "The Kestrel | Live" -> "The Kestrel"; "Horizon 24 | The Evening Brief | Transcript"
    -> "Horizon 24"; "VSN | Velmoran State News" -> "Velmoran State News" (an acronym before
    its expansion); "Port strike ends | Vessa Courier" -> None (a title and its site)."""
    parts = [p.strip() for p in plain.split(" | ")]
    if not 2 <= len(parts) <= 3 or any(
        not p or len(_words(p)) > MASTHEAD_MAX_WORDS or SENTENCE_END.search(p) or _is_date_only(p)
        for p in parts
    ):
        return None
    if _acronym_of(parts[0], parts[1]):
        return parts[1]
    names = [p for p in parts if p.casefold() not in SECTION_LABELS]
    if len(names) == len(parts) and not parts[0].isupper():
        return None  # no section label, no masthead capitals: a title and its site
    first = names[0] if names else None
    if not first or not looks_like_outlet(first, strict=False):
        return None
    return first.title() if first.isupper() and " " in first else first  # "THE NORTHERN LEDGER"


def _acronym_of(short: str, long: str) -> bool:
    """ "VSN", "Velmoran State News": the short one spells the long one's initials."""
    initials = "".join(w[0] for w in long.split() if w[:1].isupper())
    return len(short) >= 2 and short.isupper() and short == initials


def _title_line_outlet(plain: str) -> str | None:
    """The site name of a first line split by "|" or a dash: the last part ("Crane collapse |
    Vessa Courier"), unless only the first part reads as a name: "Nahra TV | Evening Bulletin |
    Transcript" -> "Nahra TV" (a header line naming the outlet, then its programme)."""
    if masthead := masthead_outlet(plain):
        return masthead
    match = TITLE_OUTLET_SPLIT.match(plain)
    if not match:
        return None
    last = match.group("outlet").strip()
    first = re.split(r"\s+(?:[|]|[-–—])\s+", plain, maxsplit=1)[0].strip()
    if (
        not looks_like_outlet(last)
        and looks_like_outlet(first)
        and len(first.split()) <= MAX_HEADER_NAME_WORDS
    ):
        return first
    return last


def brand_name(owner: str) -> str:
    """A copyright owner as the outlet's brand: "Vessa Media" -> "Vessa", "Orsk Courier Group"
    -> "Orsk Courier" (an owner suffix dropped when a name is left)."""
    stripped = OWNER_SUFFIX.sub("", owner).strip()
    return stripped if len(stripped) >= NAME_KEY_MIN and stripped[-1:].isalnum() else owner


def _initials_of_other(a: str, b: str) -> bool:
    """One name spells the other's initials ("NYP", "New York Post"), either way round."""
    a, b = a.strip(), b.strip()
    return _acronym_of(a, b) or _acronym_of(b, a)


def _same_name(a: str, b: str) -> bool:
    """One outlet name exactly, up to case, "The", legal and owner words, or as initials."""
    return _initials_of_other(a, b) or name_key(a) == name_key(b)


def _repeats_named_elsewhere(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The evidence without the repeated lines no other kind names as such ("Sports" repeats
    in every menu; "Vessa Courier" repeated beside "© Vessa Courier Media" stays)."""
    others = [n for k, n in found if k != "repeated"]
    return [
        (k, n) for k, n in found if k != "repeated" or any(_same_name(n, other) for other in others)
    ]


SUPPORT_ONLY = frozenset({"credit"})  # "Photo: X for NBC" on an "NBC News" page


def _agreed(found: list[tuple[str, str]]) -> str | None:
    """The name most kinds of evidence agree on, when at least two do; a photo credit's name
    only lends support where another kind gives an agreeing name (often the longer one)."""
    best: tuple[int, int, int, str] | None = None
    for index, (kind, name) in enumerate(found):
        if kind in SUPPORT_ONLY and any(
            k not in SUPPORT_ONLY and _agree(name, other) for k, other in found
        ):
            continue
        support = len({k.removesuffix("-lower") for k, other in found if _agree(name, other)})
        candidate = (-support, PREFERENCE[kind], index, name)  # ties: the earlier, better rank
        if best is None or candidate < best:
            best = candidate
    return best[3] if best is not None and -best[0] >= 2 else None


@CLEAN_PASS.rule("outlet-evidence")
def outlet_evidence(lines: list[_Line], ranked: list[tuple[int, str]]) -> str | None:
    """A pasted page's outlet, the name two kinds of evidence agree on: the <title> line "Crane
    collapse halts port - Vessa Courier" and "Follow The Vessa Courier on Twitter" -> "Vessa
    Courier"; a masthead line the page repeats ("Vessa Courier Post" twice) agrees with the
    acronym owner "© VCP Holdings". Without agreement: the title or header name (rank 0-1), a
    "Follow X" name, a byline or signature outlet (rank 3-4), an author bio ("Staff writer at X"),
    a copyright owner as a brand ("© 2024 Vessa Courier Media LLC" -> "Vessa Courier"), a photo
    credit "for X", and only then a bare header label ("Harbour Reports"), which is as often a section or menu name."""
    # by rank, then in the order the page gives them ("The Lantern Review" before "Features")
    names = sorted(((r, n) for r, raw in ranked if (n := _outlet_name(raw))), key=lambda x: x[0])
    found = _line_evidence(lines) + [("header", n) for _rank, n in names if _rank != 5]
    found = [(k, brand_name(n) if k == "copyright" else n) for k, n in found]
    found = _repeats_named_elsewhere(found)
    agreed = _agreed(found)
    if agreed:
        return agreed
    by_kind = {kind: [n for k, n in found if k == kind] for kind in PREFERENCE}
    order = [
        [n for rank, n in names if rank <= 1],
        by_kind["title"],
        by_kind["follow"],
        [n for rank, n in names if rank in (3, 4)],
        by_kind["bio"],
        by_kind["copyright"],
        by_kind["credit"],
        [n for _rank, n in names],
    ]
    return next((group[0] for group in order if group), None)
