"""The shapes of non-body lines (regexes) and the predicates that test one line against them."""

from __future__ import annotations

import re

from presslens.lexicon import words

from .lines import _words
from .meta import BYLINE, MONTHS, NAME_TOKEN, _date_from_line

# Lines that are only reading-time / section / sharing metadata in a header.
HEADER_METADATA = re.compile(
    r"^(?:\d+\s*min(?:ute)?s?\s+read|reading time:.*|home(?:\s*[>»/|›].*)?|menu|search|"
    r"skip to (?:main )?content|breaking(?: news)?|live|exclusive|opinion|analysis|news|world|"
    r"politics|updated.*|advertisement|sponsored|print|listen(?: to this article)?.*|"
    r"\d+\s+(?:views|shares))$",
    re.IGNORECASE,
)
NAV_LINE = re.compile(
    r"^(?:[A-Z][\w&]*(?:\s+[A-Z][\w&]*)?\s*(?:[|>»›/•·]\s*)){2,}[A-Z][\w&]*(?:\s+[A-Z][\w&]*)?$"
)

SIGNATURE_OUTLET = re.compile(r"^\s*[(\[](?P<outlet>[A-Z][^()\[\]]{1,60})[)\]]\s*$")
WIRE_SIGNATURE = re.compile(
    r"^\s*[-–—]*\s*\(?\s*(?:reporting|writing|additional reporting|editing|compiled|produced)\s+by\b.*$",
    re.IGNORECASE,
)
SIGNATURE_NAMES = re.compile(
    r"(?<![A-Za-z] )(?<!additional )\b(?:reporting|writing)\s+by\s+(?P<names>[^;)]+)",
    re.IGNORECASE,
)

# Dateline: "KESSARA –", "KESSARA, March 3 (Wire) -", "NEW PORT CITY, Kessara —".
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3})"
    r"(?:\s*,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2}))?"
    rf"(?:\s*,\s*(?P<date>{MONTHS}\s+\d{{1,2}}(?:,\s*\d{{4}})?))?"
    r"\s*(?:\((?P<wire>[^)]{2,40})\))?"
    r"\s*(?:[–—]|-{1,2}|:)\s+(?=\S)"
)
# A dateline standing alone on its line, with a date or a wire: "KESSARA, March 3 (Wire) --".
DATELINE_ALONE = re.compile(
    DATELINE.pattern.removesuffix(r"\s*(?:[–—]|-{1,2}|:)\s+(?=\S)") + r"\s*(?:[–—]|-{1,2}|:)?\s*$"
)
# All-caps labels that look like a dateline place but are not ("LIVE: ...", "FILE PHOTO: ...").
DATELINE_LABELS = words("dateline_labels")

# Images and captions.
IMAGE_LINE = re.compile(
    r"^(?:\[\s*(?:image|photo|picture|video|graphic|gallery|embed)\b[^\]]*\]|"
    r"!\[[^\]]*\]\([^)]*\)|"
    r"(?:image|photo|picture|photograph|video|graphic|gallery|illustration)s?"
    r"(?:\s*(?:credit|source))?\s*(?:[:,].*)?|"
    r"\(?(?:image|photo|picture)\s+(?:credit|source|by)\s*:?.*\)?|"
    r"\S+\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?)(?:\?\S*)?)$",
    re.IGNORECASE,
)
IMAGE_CREDIT = re.compile(  # "Jane Roe/AFP via Getty Images": checked on short lines only
    r"(?:^|[\s/])(?:via\s+)?(?:getty images|afp|reuters|ap|epa|shutterstock|alamy|anadolu)"
    r"(?:\s+via\s+getty images)?$",
    re.IGNORECASE,
)
IMAGE_CREDIT_MAX_CHARS = 60
CAPTION_LINE = re.compile(
    r"^(?:caption|image caption|photo caption|pictured|file (?:photo|picture|image|footage))\s*[:,]\s*(?P<text>.+)$",
    re.IGNORECASE,
)
CAPTION_CREDIT = re.compile(
    r"[(\[](?:photo|image|picture|photograph|credit|file photo|pic)s?\s*(?:by)?\s*:?\s*[^()\[\]]{1,80}[)\]]\s*$|"
    r"(?:^|[.!?]\s+)(?:photo|image|picture|photograph|credit|file photo|pic)s?\s*(?:by\s+|:\s*)"
    r"[A-Z][^.!?]{0,60}$",
    re.IGNORECASE,
)
CAPTION_MAX_WORDS = 40
# A wire photo's caption, however long: "In this May 2, 2024, file photo, the quay at Vessa ...",
# "In this photo provided by the Vessa Port Authority, ...".
WIRE_PHOTO_CAPTION = re.compile(
    r"^In this\b.{0,40}?\b(?:photo|image|picture|photograph|frame grab|video grab)s?"
    r"(?:\s*,|\s+(?:taken|made|provided|released|shot|obtained|posted|courtesy|from)\b)",
    re.IGNORECASE,
)
WIRE_PHOTO_CAPTION_MAX_WORDS = 90

# Boilerplate lines removed wherever they appear.
BOILERPLATE_LINE = re.compile(
    r"^(?:share(?:\s+(?:this|on|via|the article|the story|article|story)\b.{0,60})?|share:?|tweet|pin it|email|print|"
    r"copy link|whatsapp|telegram|facebook|twitter|linkedin|reddit|x|"
    r"(?:(?:facebook|twitter|linkedin|whatsapp|email|reddit|telegram|x)\s*[|·•,/]?\s*){2,}|"
    r"like this:?|loading\.*|related|advertisement|sponsored(?: content)?|ad|"
    r"subscribe\b.{0,120}|sign up\b.*newsletter.*|.*\bnewsletter\b.*(?:sign up|subscribe|inbox).*|"
    r"(?:support (?:us|our|independent|quality|local|free)\b|donate\b|please donate\b|"
    r"make a donation\b|become a (?:member|supporter|patron)\b).{0,160}|"
    r".{0,60}\b(?:donate|donation)s?\b.{0,60}(?:independent journalism|support us|keep us|"
    r"our journalism|our work|our reporting).{0,40}|"
    r"(?:we|this (?:site|website)) uses? cookies.*|.*\bcookie (?:policy|settings|preferences)\b.*|"
    r".{0,80}\b(?:use of|accept|agree to|consent to)(?: our| the)? cookies\b.*|"
    r"accept(?: all)?(?: cookies)?|"
    r"follow (?:us|by email|on).*|"
    r".{0,60}\b(?:reader|listener|viewer|member)-(?:funded|supported)\b.*|"
    r"(?:watch|listen to|listen)\b.{0,60}\blive\b.{0,40}(?:channel|online|app|on\b).*|"
    r"follow\b.{0,40}\b(?:on|via)\s+(?:telegram|twitter|x|facebook|instagram|whatsapp|youtube|tiktok)\b.*|"
    r"(?:join|subscribe to) (?:us|our channel) on\b.*|"
    r"(?:read|see) (?:more|also)\s*:.*|read more|continue reading\b.{0,80}|"
    r"click here\b.{0,120}|"
    r"(?:tags?|topics?|filed under|categories|category)\s*:.*|"
    r"(?:previous|next) (?:article|post|story).*|"
    r"all rights reserved\.?|"
    r"(?:©|\(c\)|copyright)\s.*|"
    r"your email address will not be published.*|required fields are marked.*|"
    r"(?:name|email|website|comment)\s*\*?|post comment|submit|"
    r"save my name, email.*|notify me of .*|"
    r"(?:this (?:article|story) (?:was|has been) (?:updated|corrected|amended).*)|"
    r"this (?:article|story|piece|analysis|interview|column) (?:was|is) (?:first |originally )?"
    r"(?:published|posted|appeared)\b.{0,160}|"
    r".{0,160}\brepublished (?:here )?(?:with|by) (?:kind )?permission\b.{0,40}|"
    r"(?:for|get) the latest .* (?:follow|visit|download).*|"
    r"download (?:our|the) app.*|"
    r".{0,80}\b(?:in|to|meet) your inbox\b.{0,80}|"
    r".{0,80}\b(?:sign up for|subscribe to) (?:our|the)\b.{0,40}\bnewsletters?\b.{0,40}|"
    r".{0,80}\bunsubscribe at any time\b.{0,120}|"
    r"(?:story continues|article continues) below.*|continue reading the main story|"
    r"scroll (?:down )?to continue.*|share full article|gift this article|save(?: article)?|"
    r"listen to this article.*|"
    r"(?:related|also read|read also|see also|more)\s*:\s*.{0,150}|"
    r"our standards\s*:.{0,120}|.{0,60}\btrust principles\b.{0,80}|"
    r".{0,80}\bis (?:listener|reader|viewer|member|audience)[- ]supported\b.{0,200}|"
    r".{0,80}\bis (?:funded|supported|paid for|made possible) by (?:its |our )?"
    r"(?:readers|listeners|viewers|members|subscribers|donors|supporters)\b.{0,200}|"
    r".{0,60}\bdonate (?:today|now)\b.{0,160}|"
    r"more(?!\s+than\b)(?:\s+[A-Za-z]+){1,3}\s*:\s*.{1,150}|"
    r".{1,60}\b(?:airs|is broadcast|broadcasts|is on air|can be heard|can be seen)\b.{0,60}"
    r"\b(?:every|each|weekdays|weeknights|weekends|daily|weekly|nightly)\b.{0,80}|"
    r"(?:[-*_=]\s*){3,})$",
    re.IGNORECASE,
)
# An outlet describing itself at the end ("The Ardun Courier is an independent newspaper ...").
OUTLET_SELF_DESCRIPTION = re.compile(
    r"^(?P<outlet>(?:The\s+)?[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,5})\s+is\s+(?:an?|the)\s+"
    r"(?:[\w-]+\s+){0,4}(?:independent|non-?profit|not-for-profit|public|daily|weekly|"
    r"community|digital|news)\b.{0,200}$"
)
# Lines that open a trailing section of non-body material: kind, and what follows it.
SECTION_MARKERS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"^(?:related(?:\s+(?:posts?|articles?|stories|coverage|news|reading))?|"
            r"more (?:from|on|stories|news).*|you (?:may|might) also (?:like|be interested).*|"
            r"recommended(?: for you)?|most (?:read|popular|viewed)|trending(?: now)?|"
            r"also read|read next|latest (?:news|stories)|what to read next|"
            r"popular (?:posts|stories))\s*:?$",
            re.IGNORECASE,
        ),
        "boilerplate",
    ),
    (
        re.compile(
            r"^(?:about (?:the )?authors?|about the writer|author bio(?:graphy)?|"
            r"about the contributor)\s*:?$",
            re.IGNORECASE,
        ),
        "bio",
    ),
    (
        re.compile(
            r"^(?:tags?|topics?|filed under|share this(?: article| story)?|share|"
            r"follow by email|stay (?:informed|connected|updated)|newsletter)\s*:?$",
            re.IGNORECASE,
        ),
        "boilerplate",
    ),
]

BIO_LINE = re.compile(
    rf"^(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,3}})\s+(?:"
    r"(?:is|has been|serves as|works as)\s+(?:a|an|the|our|one of)\b.{0,80}?\b(?:analyst|reporter|"
    r"correspondent|writer|journalist|editor|fellow|professor|lecturer|researcher|contributor|"
    r"columnist|author|commentator|freelancer?|blogger)\b"
    r"|(?:covers|writes about|reports on|writes on)\b.{0,120}\b(?:for|at)\b"
    r"|(?:hosts|co-hosts|presents|anchors|produces)\s+(?:[A-Z][\w'’-]*\s+){1,5}(?:on|at|for)\b)",
)
BIO_CONTACT = re.compile(r"^(?:follow|contact|email|reach)\b.*(?:@|twitter|on x\b)", re.IGNORECASE)

# Embedded social-media posts: the attribution line that follows the post text. Kept in body.
EMBED_ATTRIBUTION = re.compile(r"^[—–-]{1,2}\s*.{1,80}\(@\w{1,30}\)")
EMBED_SPLIT = re.compile(r"(?<=\S)[ \t]*(?=[—–][ \t]*[^—–\n()]{1,80}\(@\w{1,30}\))")


def _is_header_furniture(plain: str) -> bool:
    """Header lines that can never be the title."""
    return bool(
        BYLINE.match(plain)
        or _date_from_line(plain)
        or _is_image(plain)
        or _caption_text(plain)
        or _is_boilerplate(plain)
        or HEADER_METADATA.match(plain)
        or NAV_LINE.match(plain)
    )


def _caption_text(plain: str) -> str | None:
    """The caption when the line is one, else None."""
    match = CAPTION_LINE.match(plain)
    if match:
        return match.group("text").strip()
    if CAPTION_CREDIT.search(plain) and len(_words(plain)) <= CAPTION_MAX_WORDS:
        return plain
    if WIRE_PHOTO_CAPTION.match(plain) and len(_words(plain)) <= WIRE_PHOTO_CAPTION_MAX_WORDS:
        return plain
    return None


def _is_image(plain: str) -> bool:
    if (
        len(plain) <= IMAGE_CREDIT_MAX_CHARS
        and IMAGE_CREDIT.search(plain)
        and ("/" in plain or " via " in plain.casefold() or len(plain.split()) <= 3)
    ):
        return True
    return (
        bool(IMAGE_LINE.match(plain))
        and len(_words(plain)) <= CAPTION_MAX_WORDS
        and not CAPTION_LINE.match(plain)
    )


def _dateline(plain: str) -> re.Match[str] | None:
    """A dateline opening the line, unless its "place" is a label such as LIVE or FILE PHOTO."""
    match = DATELINE.match(plain)
    if match and match.group("place").casefold() in DATELINE_LABELS:
        return None
    return match


def _is_boilerplate(plain: str) -> bool:
    return len(plain) <= 300 and bool(BOILERPLATE_LINE.match(plain))
