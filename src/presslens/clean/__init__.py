"""RawDocument -> Document: separate the article body from everything around it.

Scraped news carries headers, bylines, captions, share buttons, author bios and reader
comments. Later stages attribute words to outlets, so anything that is not the outlet's body
must leave `text` -- but nothing is deleted silently: each piece goes to `removed` with a kind,
captions also to `captions` and reader comments also to `comments`.

Rules are data (regexes and word lists below); the control flow is in the functions after them.

Dates: header dates are parsed with dateparser (English, day+month+year required). For
all-numeric dates we decide the order ourselves: "31/03/2024" is day-first because 31 cannot be
a month, "03/31/2024" is month-first; when both readings are possible ("04/03/2024") we read
month-first (`AMBIGUOUS_NUMERIC_ORDER`), except for dotted dates ("04.03.2024"), which are a
day-first convention.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from presslens.linemodel import (
    BODY_THRESHOLD,
    body_probabilities,
    line_features,
    main_prose_run,
)
from presslens.linemodel import load_model as load_line_model
from presslens.models import Comment, Document, RawDocument, Removed, make_id

# --- data: words and patterns ---------------------------------------------------------------

AMBIGUOUS_NUMERIC_ORDER = "MDY"
DATEPARSER_SETTINGS = {
    # Absolute dates only: "yesterday" or "2 hours ago" as a publication date would be read
    # against the machine's clock, making results depend on the day of the run.
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}

# A paragraph that starts the body: long and sentence-like.
BODY_MIN_WORDS = 12
BODY_LONG_WORDS = 22
HEADER_MAX_LINES = 15  # a header longer than this is not a header
HEADER_SENTENCE_MIN_WORDS = 3  # shorter header lines ("Analysis.", "Another first.") are labels
HEADLINE_MAX_WORDS = 30
TITLE_MIN_WORDS = 3  # "World News" above a headline is a section label  # a first line standing alone and no longer than this is the headline
PULL_QUOTE_MIN_WORDS = 6  # shorter repeats ("Politics is a tough game.") are often a refrain
PULL_QUOTE_MAX_WORDS = 30
PULL_QUOTE_SKIP_STARTS = {"•", "-", "*", "–", "·"}  # key-point bullets summarise on purpose
MENU_ITEM_MAX_WORDS = 4
MENU_ITEM_EXCLUDES = re.compile(r"\d|[.!?:;\"”]\s*$")
PAGE_MENU_ITEMS = 6  # a text with fewer menu items left is an article, not a pasted page
COMMENTS_MIN_PROSE_ABOVE = 12  # words of article prose (one sentence) before reader comments
LANGUAGE_MIN_WORDS = 8
LANGUAGE_SAMPLE_CHARS = 5000
FOLLOW_PREFIX = re.compile(r"^(?:follow|like|subscribe to)\s+(?:us\s+on\s+)?", re.IGNORECASE)
BIO_TAIL_BLOCKS = 2  # an author bio is one of the last paragraphs
SENTENCE_END = re.compile(r"[.!?\"”’')\]:;…]\s*$")

MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
WEEKDAYS = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?"
TIME_PART = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?|,?\s*(?:at\s+)?\d{1,2}\s*[ap]\.?m\.?)?"
DATE_CORE = (
    rf"(?:{WEEKDAYS}\s+)?(?:"
    rf"{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # March 4, 2024
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTHS},?\s+\d{{4}}"  # 4 March 2024
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"  # 2024-03-04
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{4}"  # 04/03/2024
    r"|\d{4}[/.]\d{1,2}[/.]\d{1,2}"  # 2024/03/04
    rf"){TIME_PART}"
)
DATE_IN_TEXT = re.compile(DATE_CORE, re.IGNORECASE)
DATE_LABEL = (
    r"(?:(?:first\s+)?published(?:\s+on)?|posted(?:\s+on)?|date(?:d)?|"
    r"last\s+updated|updated(?:\s+on)?|modified|on)"
)
DATE_LINE = re.compile(
    rf"^\s*(?P<label>{DATE_LABEL})?\s*[:\-–—]?\s*(?P<date>{DATE_CORE})\s*"
    r"(?:[|·•]\s*\d+\s*min(?:ute)?s?\s+read)?\s*$",
    re.IGNORECASE,
)
NUMERIC_DATE = re.compile(r"^(\d{1,2})([/.])(\d{1,2})\2(\d{4})")
ISO_DATE = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
DATE_LINE_MAX_WORDS = 14
DATE_RESIDUE = re.compile(
    rf"^(?:\s|[,|·•:;()\-–—/]|{DATE_LABEL}\b|at\b|{WEEKDAYS}|"
    r"\d{1,2}[:.]\d{2}|[ap]\.?m\.?|\b(?:[A-Z]{2,4}|GMT[+-]?\d*|UTC[+-]?\d*)\b|[+-]\d{1,2}\b|"
    r"\d+\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago\b|"  # "Updated 2 hours ago"
    r"(?:live(?:\s+updates?|\s+blog)?|opinion|analysis|commentary|breaking|exclusive|news)\b|"  # section labels
    r"\d+\s*min(?:ute)?s?\s+read)*$",
    re.IGNORECASE,
)
PAGE_DATE_MAX_WORDS = 25  # a longer line is prose: its dates are not the page's
PAGE_DATE_LINES_INTO_BODY = 8  # a date line may sit just inside the article's first paragraphs
PAGE_DATE_LABEL_REACH = 40  # characters before a date searched for its label
PUBLISHED_NEAR = re.compile(r"\b(?:published|posted|first\s+published)\b", re.IGNORECASE)
UPDATED_NEAR = re.compile(r"\b(?:updated|modified)\b\W*(?:on|at)?\W*$", re.IGNORECASE)
UPDATED_LABEL = re.compile(r"^\s*(?:last\s+)?(?:updated|modified)", re.IGNORECASE)
RELATIVE_TIME = re.compile(
    r"^(?:\d+|an?|one)\s+(?:second|minute|min|hour|day|week|month|year)s?\s+ago$|^(?:yesterday|today|just now)$",
    re.IGNORECASE,
)

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

BYLINE = re.compile(
    r"^\s*(?:by|written by|interview(?:ed)? by|interviews? by|words by|story by|reporting by|author:?|authors:?|"
    r"posted by|published by)\s*[:\-]?\s+(?P<names>.+?)\s*$",
    re.IGNORECASE,
)
NAME_TOKEN = (
    r"(?:[A-Z][a-zA-Z'’\-]+\.?|[A-Z]\.|(?:de|da|van|von|der|del|la|le|al|bin|ibn|el)(?=\s))"
)
PERSON_NAME = re.compile(rf"^{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,4}}$")
NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*|\s*;\s*)\s*", re.IGNORECASE)
AUTHOR_HONORIFIC = re.compile(
    r"^(?:(?:dr|prof|professor|mr|mrs|ms|mx|sir|dame)\.?\s+)+", re.IGNORECASE
)
AUTHOR_ROLES = {
    "staff writer",
    "staff reporter",
    "correspondent",
    "senior correspondent",
    "foreign correspondent",
    "special correspondent",
    "reporter",
    "editor",
    "senior editor",
    "contributor",
    "contributing writer",
    "columnist",
    "staff",
    "our correspondent",
    "news desk",
    "newsdesk",
}
ROLE_PREFIX = re.compile(
    r"^(?:(?:senior|chief|special|foreign|political|security|defen[cs]e|diplomatic|staff|"
    r"regional|local|investigative|contributing)\s+)*"
    r"(?:correspondent|reporter|editor|writer|columnist|contributor|analyst)\b",
    re.IGNORECASE,
)

OUTLET_WORDS = {
    "post",
    "times",
    "news",
    "daily",
    "herald",
    "tribune",
    "journal",
    "gazette",
    "ledger",
    "courier",
    "chronicle",
    "observer",
    "review",
    "wire",
    "press",
    "agency",
    "network",
    "tv",
    "radio",
    "telegraph",
    "monitor",
    "standard",
    "guardian",
    "express",
    "mirror",
    "star",
    "sun",
    "record",
    "dispatch",
    "bulletin",
    "report",
    "today",
    "online",
    "media",
    "voice",
    "insider",
    "digest",
    "weekly",
    "magazine",
    "broadcasting",
    "broadcast",
    "service",
    "newswire",
    "sentinel",
    "examiner",
    "independent",
    "register",
    "reporter",
    "inquirer",
    "beacon",
    "clarion",
    "globe",
    "mail",
    "informer",
    "tidings",
    "watch",
    "bugle",
    "courant",
    "leader",
    "messenger",
    "pioneer",
    "telegram",
    "vanguard",
    "dawn",
    "nation",
    "frontier",
    "channel",
}
OUTLET_CONNECTORS = {"the", "of", "and", "&", "for", "de", "al", "el"}
DOMAIN_LINE = re.compile(
    r"^(?:www\.)?[a-z0-9][a-z0-9-]*\.(?:com|net|org|news|info|co\.uk|tv|media)$", re.IGNORECASE
)
COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
    r"(?P<owner>[^.|·•,]+?)\s*(?:[.|·•,].*)?$",
    re.IGNORECASE,
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
# All-caps labels that look like a dateline place but are not ("LIVE: ...", "FILE PHOTO: ...").
DATELINE_LABELS = {
    "live",
    "update",
    "updated",
    "breaking",
    "exclusive",
    "watch",
    "analysis",
    "opinion",
    "factbox",
    "explainer",
    "editorial",
    "interview",
    "interviewer",
    "file photo",
    "photo",
    "video",
    "correction",
    "timeline",
    "fact check",
    "comment",
    "review",
    "urgent",
    "flash",
}

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
    r".{0,80}\b(?:in|to) your inbox\b.{0,40}|"
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
# "3 comments", "two thoughts": a count of reader comments, alone or before "on <title>".
COMMENT_COUNT = r"(?:\d+|one|two|three)\s+(?:comments?|responses?|replies|thoughts?|reactions?)"
COMMENT_MARKER = re.compile(
    rf"^(?:{COMMENT_COUNT}(?:\s+(?:on|to)\s+.*)?|comments?(?:\s*\(\d+\))?|"
    r"leave a (?:reply|comment)|reader(?:s'?)? comments?|readers'? (?:comments|reactions|views)|"
    r"join the (?:discussion|conversation)|discussion|"
    r"(?:what|here's what) (?:our )?readers (?:say|said|think)|your comments|"
    r"(?:show|view|load) (?:all )?comments.*|responses|comments are closed\.?)\s*:?$",
    re.IGNORECASE,
)
COMMENT_COUNT_ON_TITLE = re.compile(rf"^{COMMENT_COUNT}\s+(?:on|to)\s", re.IGNORECASE)
STRONG_COMMENT_MARKER = re.compile(
    r"\d|\b(?:one|two|three)\b|leave a|reader|join the|thoughts?\b|closed|show|view|load|repl",
    re.IGNORECASE,
)
COMMENT_NOISE = re.compile(
    r"^(?:reply|report|like|likes?\s*\(?\d*\)?|\d+\s+likes?|\d+\s+repl(?:y|ies)|"
    r"leave a (?:reply|comment)|cancel reply|log in to reply|"
    r"(?:upvote|downvote|flag)|↑|↓|\d+|load more comments?|newest|oldest|most voted|"
    r"sort by.*|inline feedbacks?|view all comments|notify of.*|log ?in|sign in|"
    r"(?:\d+\s+)?(?:likes?|dislikes?|points?))\s*:?$",
    re.IGNORECASE,
)
COMMENT_HEADER_INLINE = re.compile(
    rf"^(?P<author>[^\n]{{1,60}}?)\s*(?:says|said|wrote)?\s*(?:[|·•,]|\s[-–—]|\bon\b)\s*"
    rf"(?P<date>{DATE_CORE}|(?:\d+|an?)\s+\w+\s+ago)\s*(?:says|said|wrote)?\s*:?$",
    re.IGNORECASE,
)
COMMENT_SAYS = re.compile(
    r"^(?P<author>[^\n]{1,60}?)\s+(?:says|said|wrote|commented)\s*:$", re.IGNORECASE
)
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

MARKDOWN_DECOR = re.compile(r"^\s*(?:#{1,6}\s+|>\s*)?|[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}")
MARKDOWN_CHARS = re.compile(r"[*_#>]")
WHITESPACE = re.compile(r"\s+")
SEGMENT_SPLIT = re.compile(r"\s+[|·•]\s+|\s+[—–]\s+")
TITLE_OUTLET_SPLIT = re.compile(r"^(?P<title>.+)\s+(?P<sep>[|]|[-–—])\s+(?P<outlet>[^|]{2,60})$")
WORD = re.compile(r"[A-Za-z0-9’']+")


# --- result record --------------------------------------------------------------------------


@dataclass
class Cleaned:
    """What a cleaner found: the body plus everything it separated from it."""

    text: str
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    dateline: str | None = None
    comments: list[Comment] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)  # field → where it was read


@dataclass
class _Line:
    text: str
    block: int
    kind: str | None = None  # None: body
    plain: str = ""
    rule: str | None = (
        None  # the rule that removed it, where one rule did  # the text without markdown decoration, for classification
    )

    def __post_init__(self) -> None:
        self.plain = _plain(self.text)


# --- small predicates -----------------------------------------------------------------------


def _plain(line: str) -> str:
    """The line without markdown decoration, for classification only."""
    if not MARKDOWN_CHARS.search(line):
        return line.strip()
    return MARKDOWN_DECOR.sub("", line).strip()


def _norm(text: str) -> str:
    return WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _is_short_sentence(plain: str) -> bool:
    """A header line that reads as the outlet's prose (a standfirst, a short lede): kept."""
    return (
        len(_words(plain)) >= HEADER_SENTENCE_MIN_WORDS
        and bool(SENTENCE_END.search(plain))
        and not plain.isupper()
    )


def _is_body_like(plain: str) -> bool:
    n = len(_words(plain))
    if n >= BODY_LONG_WORDS:
        return True
    return n >= BODY_MIN_WORDS and bool(SENTENCE_END.search(plain))


def looks_like_outlet(text: str, strict: bool = True) -> bool:
    """A short capitalised name with a newsy word ("The Meridian Post", "Kessara Wire")."""
    text = text.strip().strip("()[]").strip()
    if DOMAIN_LINE.match(text):
        return True
    words = text.split()
    if not 1 <= len(words) <= 6 or len(text) > 60:
        return False
    if any(ch in text for ch in '.,:;!?"“”') and not re.search(r"\.(?:com|net|org)\b", text):
        return False
    for word in words:
        if word.casefold() in OUTLET_CONNECTORS:
            continue
        if not (word[0].isupper() or word[0].isdigit()):
            return False
    has_outlet_word = any(
        w.casefold().strip("'’s") in OUTLET_WORDS or w.casefold() in OUTLET_WORDS for w in words
    )
    if strict:
        return has_outlet_word
    return has_outlet_word or len(words) <= 4


def parse_date(text: str) -> str | None:
    """An ISO date from a date string, or None; numeric order decided as the module doc says."""
    text = text.strip()
    iso = ISO_DATE.match(text)
    if iso:
        return _iso(int(iso.group(1)), int(iso.group(3)), int(iso.group(4)))
    numeric = NUMERIC_DATE.match(text)
    if numeric:
        a, sep, b, year = numeric.groups()
        a_i, b_i, year_i = int(a), int(b), int(year)
        if a_i > 12:
            order = "DMY"
        elif b_i > 12:
            order = "MDY"
        else:
            order = "DMY" if sep == "." else AMBIGUOUS_NUMERIC_ORDER
        month, day = (b_i, a_i) if order == "DMY" else (a_i, b_i)
        return _iso(year_i, month, day)
    import dateparser  # noqa: PLC0415 - slow import, only when a textual date is seen

    cleaned = re.sub(r"\bat\b", " ", text)
    parsed = dateparser.parse(cleaned, languages=["en"], settings=DATEPARSER_SETTINGS)
    return parsed.date().isoformat() if parsed else None


def _iso(year: int, month: int, day: int) -> str | None:
    import datetime as _dt

    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _date_from_line(plain: str) -> tuple[str | None, bool] | None:
    """(iso date, is_update) when the whole line is a date header line, else None."""
    match = DATE_LINE.match(plain)
    if match:
        label = match.group("label") or ""
        return parse_date(match.group("date")), bool(UPDATED_LABEL.match(label))
    if len(_words(plain)) > DATE_LINE_MAX_WORDS:
        return None
    found = DATE_IN_TEXT.search(plain)
    if not found:
        return None
    residue = (plain[: found.start()] + " " + plain[found.end() :]).strip()
    if not DATE_RESIDUE.match(residue):
        return None  # "Updated 3:42 PM ET, Mon March 4, 2024" passes; a sentence does not
    return parse_date(found.group(0)), bool(UPDATED_LABEL.match(residue))


def _author_name(name: str) -> str:
    """An author as a name: without "Dr."/"Prof." (gold and entity lists use bare names)."""
    return AUTHOR_HONORIFIC.sub("", name).strip()


def _clean_name(name: str) -> str:
    name = name.strip().strip(",;:|*_").strip()
    if name.endswith(".") and not re.search(r"\b[A-Z]\.$", name):
        name = name[:-1].strip()
    name = re.sub(r"^(?:and|&)\s+", "", name)
    name = re.sub(r"^(?:posted|written|comment(?:ed)?)\s+by\s+", "", name, flags=re.IGNORECASE)
    return WHITESPACE.sub(" ", name)


def parse_byline(names: str) -> tuple[list[str], str | None, str | None]:
    """'X and Y', 'X, Outlet', 'X | March 4, 2024' -> (authors, outlet, iso date)."""
    outlet = None
    published = None
    date_match = DATE_IN_TEXT.search(names)
    if date_match:
        published = parse_date(date_match.group(0))
        names = (names[: date_match.start()] + names[date_match.end() :]).strip()
        names = re.sub(
            r"\s*(?:\bon\b|\bpublished\b|\bupdated\b|[|·•,—–-])\s*$", "", names, flags=re.I
        )
    names = re.sub(r"\s*[|·•]\s*\d+\s*min(?:ute)?s?\s+read.*$", "", names, flags=re.I)
    parts = [p for p in SEGMENT_SPLIT.split(names) if p.strip()]
    if not parts:
        return [], None, published
    authors: list[str] = []
    people = parts[0]
    for extra in parts[1:]:
        if looks_like_outlet(extra) and outlet is None:
            outlet = extra.strip()
    for piece in NAME_SPLIT.split(people):
        piece = _clean_name(piece)
        if not piece:
            continue
        if piece.isupper() and len(piece) > 3:  # "BY PAUL ESTER" house style
            piece = piece.title()
        low = piece.casefold()
        if low in AUTHOR_ROLES or ROLE_PREFIX.match(piece):
            continue
        if PERSON_NAME.match(piece) and not looks_like_outlet(piece):
            authors.append(_author_name(piece))
        elif looks_like_outlet(piece, strict=False) and authors and outlet is None:
            outlet = piece
        elif " in " in piece and PERSON_NAME.match(piece.split(" in ")[0]):
            authors.append(piece.split(" in ")[0])
    return authors, outlet, published


def _byline_from_line(plain: str) -> tuple[list[str], str | None, str | None] | None:
    match = BYLINE.match(plain)
    if not match or len(_words(plain)) > 20:
        return None
    authors, outlet, published = parse_byline(match.group("names"))
    if not authors:
        return None
    return authors, outlet, published


def _bare_author_line(lines: list[_Line], i: int, plain: str) -> bool:
    """A header line that is just a person's name, next to a date line ("Jane Roe" / "May 2")."""
    if (
        not PERSON_NAME.match(plain)
        or plain.isupper()  # "MORNING EDITION": a programme name, not a person
        or looks_like_outlet(plain, strict=False)
        and len(plain.split()) > 3
    ):
        return False
    if looks_like_outlet(plain):
        return False
    neighbours = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    return any(_date_from_line(n.plain) for n in neighbours)


def _header_segments(segments: list[str]) -> tuple[list[str], str | None, str | None] | None:
    """'Jane Roe, Staff Writer · 7 min read · 04.03.2024': every segment must be metadata."""
    authors: list[str] = []
    outlet = published = None
    for seg in segments:
        if _is_date_only(seg):
            published = published or parse_date(seg)
            continue
        if HEADER_METADATA.match(seg):
            continue
        byline = _byline_from_line(seg)
        if byline:
            authors.extend(byline[0])
            outlet = outlet or byline[1]
            published = published or byline[2]
            continue
        if looks_like_outlet(seg, strict=True):
            outlet = outlet or seg
            continue
        names, role_outlet, _ = parse_byline(seg)
        head = NAME_SPLIT.split(seg)[0]
        if names and PERSON_NAME.match(_clean_name(head)):
            authors.extend(names)
            outlet = outlet or role_outlet
            continue
        if looks_like_outlet(seg, strict=False):
            outlet = outlet or seg
            continue
        return None
    return authors, outlet, published


def _split_title_outlet(line: str, others: set[str] | None = None) -> tuple[str, str | None]:
    """'Title | Outlet' -> (title, outlet); a dash needs a newsy outlet name or corroboration
    from `others` (normalised header lines: the title or outlet printed on its own line)."""
    match = TITLE_OUTLET_SPLIT.match(line)
    if not match:
        return line, None
    title, outlet = match.group("title").strip(), match.group("outlet").strip()
    corroborated = bool(others) and (_norm(title) in others or _norm(outlet) in others)
    strict = match.group("sep") != "|" and not corroborated
    if len(_words(title)) >= 2 and looks_like_outlet(outlet, strict=strict):
        return title, outlet
    return line, None


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


def _header_title(plains: list[str]) -> tuple[str | None, str | None]:
    """Title (and outlet) from header lines: a 'Title | Outlet' line or a line printed twice."""
    plains = [p for p in plains if not _is_header_furniture(p)]
    norms = [_norm(p) for p in plains]
    others = set(norms)
    for plain in plains:
        title, outlet = _split_title_outlet(plain, others)
        if outlet:
            return title, outlet
    for i, n in enumerate(norms):
        if len(_words(plains[i])) >= 3 and n in norms[i + 1 :]:
            return plains[i], None
    return None, None


def _caption_text(plain: str) -> str | None:
    """The caption when the line is one, else None."""
    match = CAPTION_LINE.match(plain)
    if match:
        return match.group("text").strip()
    if CAPTION_CREDIT.search(plain) and len(_words(plain)) <= CAPTION_MAX_WORDS:
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


def _copyright_owner(plain: str) -> str | None:
    match = COPYRIGHT.match(plain)
    if not match:
        return None
    owner = match.group("owner").strip(" ,.")
    return owner if looks_like_outlet(owner, strict=False) else None


def _is_date_only(plain: str) -> bool:
    if RELATIVE_TIME.match(plain):
        return True
    match = DATE_IN_TEXT.match(plain.strip())
    return bool(match) and match.end() >= len(plain.strip()) - 1


# --- splitting ------------------------------------------------------------------------------


def _split_lines(text: str) -> list[_Line]:
    """Lines with paragraph (block) numbers; without blank lines, each long line is a block."""
    raw_lines = text.split("\n")
    has_blank = any(not line.strip() for line in raw_lines[1:-1])
    lines: list[_Line] = []
    block = 0
    for raw in raw_lines:
        line = raw.rstrip()
        if not line.strip():
            block += 1
            continue
        if not has_blank:
            block += 1
        lines.append(_Line(line, block))
    return lines


# --- comments -------------------------------------------------------------------------------


def _comment_header(lines: list[_Line], i: int) -> tuple[str | None, str | None, int] | None:
    """(author, date, lines used) if a comment starts at line i."""
    plain = lines[i].plain
    match = COMMENT_SAYS.match(plain)
    if match:
        date = None
        used = 1
        if i + 1 < len(lines) and _is_date_only(lines[i + 1].plain):
            date = lines[i + 1].plain
            used = 2
        return _clean_name(match.group("author")), date, used
    match = COMMENT_HEADER_INLINE.match(plain)
    if match and len(_words(match.group("author"))) <= 6:
        return _clean_name(match.group("author")), match.group("date").strip(), 1
    if len(_words(plain)) <= 6 and not SENTENCE_END.search(plain) and i + 1 < len(lines):
        nxt = lines[i + 1].plain
        if _is_date_only(nxt) and not _is_date_only(plain):
            return _clean_name(plain.rstrip(":")), nxt, 2
    return None


def _parse_comments(lines: list[_Line]) -> list[Comment]:
    """Commenter name + date + text blocks; text without a header is one anonymous comment."""
    comments: list[Comment] = []
    current: Comment | None = None
    body: list[str] = []
    last_block = -1

    def flush() -> None:
        nonlocal current, body
        if body:
            text = "\n".join(body).strip()
            if current is None:
                current = Comment(author=None, date=None, text="")
            current.text = text
            comments.append(current)
        current, body = None, []

    i = 0
    while i < len(lines):
        plain = lines[i].plain
        if COMMENT_NOISE.match(plain) or COMMENT_MARKER.match(plain) or _is_boilerplate(plain):
            i += 1
            continue
        header = _comment_header(lines, i)
        if header:
            flush()
            author, date, used = header
            current = Comment(author=author or None, date=date, text="")
            i += used
            last_block = lines[i - 1].block
            continue
        if current is None and body and lines[i].block != last_block:
            flush()  # anonymous comments: one per paragraph
        body.append(lines[i].text.strip())
        last_block = lines[i].block
        i += 1
    flush()
    return comments


def _find_comment_start(lines: list[_Line], body_start: int) -> int | None:
    """The line that opens the reader-comments section. A weak marker ("Comments",
    "Discussion") counts only when a commenter header follows it, so a subheading does not
    swallow the rest of an article. A marker with hardly any prose above it is a link in the
    page header ("Leave a comment" under the byline), not the start of the comments."""
    prose_above = 0
    for i in range(max(body_start + 1, 1), len(lines)):
        plain = lines[i].plain
        if _is_body_like(lines[i - 1].plain):
            prose_above += len(_words(lines[i - 1].plain))
        if prose_above < COMMENTS_MIN_PROSE_ABOVE:
            continue
        long_ok = len(plain) <= 250 and COMMENT_COUNT_ON_TITLE.match(plain)  # "2 thoughts on "…""
        if (len(plain) > 80 and not long_ok) or not COMMENT_MARKER.match(plain):
            continue
        if STRONG_COMMENT_MARKER.search(plain) or i == len(lines) - 1:
            return i
        nxt = next(
            (j for j in range(i + 1, len(lines)) if not COMMENT_NOISE.match(lines[j].plain)),
            None,
        )
        if nxt is not None and _comment_header(lines, nxt):
            return i
    return None


# --- the text cleaner -----------------------------------------------------------------------


def _headline_first(lines: list[_Line]) -> bool:
    """Whether a long first line standing alone is a headline (pasted text often has no
    header furniture): short enough, not a dateline lede, and headline-like."""
    if len(lines) < 2 or lines[0].block == lines[1].block:
        return False
    plain = lines[0].plain
    words = _words(plain)
    if len(words) > HEADLINE_MAX_WORDS or _dateline(plain) or plain.endswith(":"):
        return False
    capitalised = sum(1 for w in words if w[0].isupper()) / max(len(words), 1)
    return (
        not SENTENCE_END.search(plain)
        or capitalised >= 0.5
        or len(words) <= 20
        or bool(_dateline(lines[1].plain))
    )


def _find_body_start(lines: list[_Line]) -> int:
    """Index of the first body line: the first long, sentence-like line within the header
    window; failing that, the first sentence after the first line (short texts keep a body)."""
    window = lines[:HEADER_MAX_LINES]
    for i, line in enumerate(window):
        plain = line.plain
        if BYLINE.match(plain) and _byline_from_line(plain):
            continue
        if _caption_text(plain) or _is_boilerplate(plain):
            continue
        if _is_body_like(plain) or (_dateline(plain) and len(_words(plain)) >= 6):
            return i
    for i, line in enumerate(window[1:], start=1):
        plain = line.plain
        if (
            len(_words(plain)) >= 4
            and SENTENCE_END.search(plain)
            and not _is_header_furniture(plain)
        ):
            return i
    if len(lines) > HEADER_MAX_LINES:
        return HEADER_MAX_LINES
    return min(1, len(lines) - 1) if len(lines) > 1 else 0


@dataclass
class _State:
    """What the passes over one text have found so far."""

    out: Cleaned
    title: str | None = None
    title_norm: str | None = None
    outlet_norm: str | None = None
    header_norms: set[str] = field(default_factory=set)
    outlets: list[tuple[int, str]] = field(default_factory=list)  # (priority, name): lower wins
    published_update: str | None = None
    fallback_title: int | None = None

    def add_authors(self, authors: list[str]) -> None:
        self.out.authors.extend(a for a in authors if a not in self.out.authors)

    def set_published(self, iso: str | None, is_update: bool = False) -> None:
        if iso and is_update:
            self.published_update = self.published_update or iso
        elif iso and not self.out.published:
            self.out.published = iso


def classify_lines(text: str, known_title: str | None = None) -> tuple[list[_Line], _State]:
    """The rule passes over scraped/pasted text: every line gets a kind (None: body)."""
    lines = _split_lines(text)
    body_start = _find_body_start(lines)
    if body_start == 0 and known_title is None and _headline_first(lines):
        body_start = 1
    comment_start = _find_comment_start(lines, body_start)
    end = comment_start if comment_start is not None else len(lines)
    header_end = min(body_start, end)

    state = _State(out=Cleaned(text=""))
    header_plains = [ln.plain for ln in lines[:header_end]]
    guessed_title, guessed_outlet = _header_title(header_plains)
    state.title = known_title or guessed_title
    state.title_norm = _norm(state.title) if state.title else None
    state.outlet_norm = _norm(guessed_outlet) if guessed_outlet else None
    state.header_norms = {_norm(p) for p in header_plains}
    if guessed_outlet:
        state.outlets.append((1, guessed_outlet))

    for i in range(header_end):
        lines[i].kind = _header_line_kind(lines, i, state)
    if state.title is None and state.fallback_title is not None:  # only short lines: take one
        lines[state.fallback_title].kind = "title"
        state.title = lines[state.fallback_title].plain
        state.title_norm = _norm(state.title)
    _body_pass(lines, body_start, end, state)
    _mark_pull_quotes(lines)
    if comment_start is not None:
        zone = lines[comment_start:]
        for line in zone:
            line.kind = "comments"
        state.out.comments = _parse_comments(zone)
    return lines, state


def _is_menu_item(line: _Line) -> bool:
    """A kept line of at most a few words, without a digit or a sentence's end: "World", "Sign In"."""
    plain = line.plain
    return (
        line.kind is None
        and len(_words(plain)) <= MENU_ITEM_MAX_WORDS
        and not MENU_ITEM_EXCLUDES.search(plain)
    )


def _drop_page_furniture(lines: list[_Line]) -> None:
    """Pasted page text: lines the rules kept but the learned line model calls furniture
    (menus, teaser headlines, share bars, footers) become `furniture` (rule `line-model`), and
    a "pull quote" it calls an article line goes back to the body.
    An article pasted on its own (few menu items left) is left alone."""
    model = load_line_model()
    if model is None or sum(map(_is_menu_item, lines)) < PAGE_MENU_ITEMS:
        return
    rows = line_features([ln.plain for ln in lines], [ln.kind is not None for ln in lines])
    for line, p in zip(lines, body_probabilities(rows, model), strict=True):
        if line.kind is None and p < BODY_THRESHOLD:
            line.kind = "furniture"
            line.rule = "line-model"
        elif line.kind == "pull-quote" and p >= BODY_THRESHOLD:  # a page repeats its own
            line.kind = None  # lines in teasers: the article's copy is not a pull quote


def _page_date(lines: list[_Line]) -> tuple[str, int] | None:
    """(ISO date, line index) of the publication date a pasted page states near its article:
    the date on a short line ("Published Nov 18, 2019 at 4:07 PM | Updated …", "Jane Roe -
    Nov 19, 2019, 10:31 pm CST") closest above the page's main run of prose, a "published" label
    first and an "updated" one last. Dates inside sentences of prose are not page dates."""
    first, _last = main_prose_run([ln.plain for ln in lines])
    end = min(len(lines), first + PAGE_DATE_LINES_INTO_BODY)
    best: tuple[int, int, str] | None = None
    for i in range(end):
        plain = lines[i].plain
        if len(_words(plain)) > PAGE_DATE_MAX_WORDS:
            continue
        prose = _is_body_like(plain)
        for found in DATE_IN_TEXT.finditer(plain):
            if prose and found.start() > 0:  # "said on April 2, 2024 that …"
                continue
            iso = parse_date(found.group(0))
            if not iso:
                continue
            before = plain[max(0, found.start() - PAGE_DATE_LABEL_REACH) : found.start()]
            rank = 2 if UPDATED_NEAR.search(before) else 0 if PUBLISHED_NEAR.search(before) else 1
            candidate = (rank, abs(first - i), iso)
            if best is None or candidate[:2] < best[:2]:
                best = candidate
                index = i
    return (best[2], index) if best else None


def _outlet_name(candidate: str) -> str | None:
    """An outlet candidate as a name: "Follow The Daily Vessa" is The Daily Vessa; a bare year
    ("© 2024") names nobody."""
    name = FOLLOW_PREFIX.sub("", candidate.strip())
    return name if re.search(r"[^\W\d_]", name) else None


def _page_title_outlet(lines: list[_Line]) -> str | None:
    """The outlet a pasted page names in its first line, the HTML <title> a browser copies
    first ("Crane collapse halts port - The Vessa Courier"), when the headline part stands again
    on a line of its own further down: then the rest of that first line is the site's name."""
    if len(lines) < 2:
        return None
    match = TITLE_OUTLET_SPLIT.match(lines[0].plain)
    if not match:
        return None
    headline, outlet = _norm(match.group("title")), match.group("outlet").strip()
    repeated = any(_norm(ln.plain) == headline for ln in lines[1:])
    if repeated and looks_like_outlet(outlet, strict=False):
        return outlet
    return None


def clean_text(text: str, known_title: str | None = None, pasted: bool = True) -> Cleaned:
    """Rules for scraped/pasted plain text and markdown (see module data for the patterns);
    `pasted` text (not the paragraphs trafilatura took from HTML) also goes through the line model."""
    lines, state = classify_lines(text, known_title)
    if pasted:
        _drop_page_furniture(lines)
    out = state.out
    out.title = state.title
    if not out.published and state.published_update:
        out.published = state.published_update
    if pasted and (page_outlet := _page_title_outlet(lines)):
        state.outlets.append((0, page_outlet))
    names = sorted((rank, n) for rank, raw in state.outlets if (n := _outlet_name(raw)))
    if names:
        out.outlet = names[0][1]
    if out.published:
        out.provenance["published"] = "text date line"
    elif pasted and (page_date := _page_date(lines)):
        out.published = page_date[0]
        out.provenance["published"] = (
            f"text line {page_date[1] + 1}: {lines[page_date[1]].plain[:80]}"
        )
    if out.outlet:
        out.provenance["outlet"] = "text"
    out.text, out.removed = _assemble(lines)
    return out


def _header_line_kind(lines: list[_Line], i: int, state: _State) -> str | None:
    """Classify one line above the body: title, byline, date, outlet, image ... or body."""
    plain = lines[i].plain
    norm = _norm(plain)
    if state.title_norm and norm == state.title_norm:
        return "title"
    if state.outlet_norm and norm == state.outlet_norm:
        return "metadata"
    split_title, split_outlet = _split_title_outlet(plain, state.header_norms)
    if state.title_norm and split_outlet and _norm(split_title) == state.title_norm:
        state.outlets.append((1, split_outlet))
        return "title"
    byline = _byline_from_line(plain)
    if byline:
        authors, b_outlet, b_date = byline
        state.add_authors(authors)
        if b_outlet:
            state.outlets.append((3, b_outlet))
        state.set_published(b_date)
        return "byline"
    date_info = _date_from_line(plain)
    if date_info:
        state.set_published(*date_info)
        return "metadata"
    furniture = _furniture_kind(plain, state)
    if furniture:
        return furniture
    if NAV_LINE.match(plain) or HEADER_METADATA.match(plain):
        return "metadata"
    if looks_like_outlet(plain) and (state.title is None or i < 3 or len(_words(plain)) <= 4):
        state.outlets.append((2, plain.strip("()[] ")))
        return "metadata"
    segments = [s.strip() for s in SEGMENT_SPLIT.split(plain) if s.strip()]
    if state.title is not None and len(segments) > 1:
        found = _header_segments(segments)
        if found is not None:
            seg_authors, seg_outlet, seg_date = found
            state.add_authors(seg_authors)
            if seg_outlet:
                state.outlets.append((2, seg_outlet))
            state.set_published(seg_date)
            return "byline" if seg_authors else "metadata"
    if state.title is None and len(_words(plain)) >= TITLE_MIN_WORDS:
        state.title, t_outlet = _split_title_outlet(plain)
        state.title_norm = _norm(state.title)
        if t_outlet:
            state.outlets.append((1, t_outlet))
        return "title"
    if state.title is not None and _bare_author_line(lines, i, plain):
        state.add_authors([_author_name(_clean_name(plain))])
        return "byline"
    if state.title is None or not _is_short_sentence(plain):
        if state.title is None and len(_words(plain)) >= 2 and state.fallback_title is None:
            state.fallback_title = i
        return "metadata"
    return None  # a standfirst or short lede: the outlet's prose


def _body_pass(lines: list[_Line], body_start: int, end: int, state: _State) -> None:
    """Classify lines from the body start to the comments: furniture, bios, signatures."""
    out = state.out
    section: str | None = None
    body_blocks = sorted({ln.block for ln in lines[body_start:end] if _is_body_like(ln.plain)})
    tail_blocks = set(body_blocks[-BIO_TAIL_BLOCKS:])
    last_body_block = body_blocks[-1] if body_blocks else -1
    dateline_checked = False
    for i in range(body_start, end):
        line = lines[i]
        plain = line.plain
        marker = next((kind for pattern, kind in SECTION_MARKERS if pattern.match(plain)), None)
        if marker and len(plain) <= 60:
            line.kind = section = marker
            continue
        if section == "bio":  # an "About the author" section runs to the end
            line.kind = "bio"
            bio = BIO_LINE.match(plain)
            if bio and not out.authors:
                out.authors.append(bio.group("name"))
            continue
        if section:
            if not _is_body_like(plain):
                line.kind = section
                continue
            section = None
        if state.title_norm and _norm(plain) == state.title_norm and i < body_start + 5:
            line.kind = "title"
            continue
        if EMBED_ATTRIBUTION.match(plain):
            continue  # quoted social-media post: stays in the body
        in_tail = line.block > last_body_block or i >= end - 3
        line.kind = _body_line_kind(plain, line.block in tail_blocks or in_tail, in_tail, state)
        if line.kind is None and not dateline_checked:
            dateline_checked = True
            match = _dateline(plain)
            if match:
                out.dateline = match.group("place").strip()
                if match.group("wire"):
                    state.outlets.append((7, match.group("wire").strip()))


def _furniture_kind(plain: str, state: _State) -> str | None:
    """Images, captions, copyright lines and boilerplate: the same wherever they stand."""
    if _is_image(plain):
        return "image"
    caption = _caption_text(plain)
    if caption:
        state.out.captions.append(caption)
        return "caption"
    owner = _copyright_owner(plain)
    if owner:
        state.outlets.append((5, owner))
        return "metadata"
    if _is_boilerplate(plain):
        return "boilerplate"
    return None


def _body_line_kind(plain: str, near_end: bool, in_tail: bool, state: _State) -> str | None:
    """Kind of one body-zone line, or None to keep it in the body."""
    out = state.out
    furniture = _furniture_kind(plain, state)
    if furniture:
        return furniture
    bio = BIO_LINE.match(plain)
    if bio and near_end and len(_words(plain)) <= 80:
        if not out.authors:
            out.authors.append(bio.group("name"))
        return "bio"
    if BIO_CONTACT.match(plain) and near_end:
        return "bio"
    self_desc = OUTLET_SELF_DESCRIPTION.match(plain)
    if self_desc and near_end and looks_like_outlet(self_desc.group("outlet"), strict=False):
        return "boilerplate"
    if not in_tail:
        return None
    signature = SIGNATURE_OUTLET.match(plain)
    if signature and looks_like_outlet(signature.group("outlet"), strict=False):
        state.outlets.append((4, signature.group("outlet").strip()))
        return "signature"
    if WIRE_SIGNATURE.match(plain):  # "(Reporting by X; Writing by Y; Editing by Z)"
        if not out.authors:  # a byline wins; editors are never authors
            for names in SIGNATURE_NAMES.finditer(plain):
                state.add_authors(parse_byline(names.group("names"))[0])
        return "credits"
    byline = _byline_from_line(plain)
    if byline:
        if not out.authors:
            out.authors.extend(byline[0])
        return "byline"
    if looks_like_outlet(plain) and len(_words(plain)) <= 5:
        state.outlets.append((6, plain.strip("()[] ")))
        return "metadata"
    return None


def _mark_pull_quotes(lines: list[_Line]) -> None:
    """A short standalone paragraph repeating words of another body paragraph is a pull quote
    (design furniture): removed once, the body sentence stays. One C-speed scan per candidate."""
    kept = [ln for ln in lines if ln.kind is None]
    blocks: dict[int, int] = {}
    for ln in kept:
        blocks[ln.block] = blocks.get(ln.block, 0) + 1
    norms = [" ".join(_words(ln.plain)).casefold() for ln in kept]
    joined = " | " + " | ".join(norms) + " | "
    for ln, norm in zip(kept, norms, strict=True):
        n = len(norm.split())
        if not PULL_QUOTE_MIN_WORDS <= n <= PULL_QUOTE_MAX_WORDS or blocks[ln.block] != 1:
            continue
        if ln.plain[:1] in PULL_QUOTE_SKIP_STARTS:
            continue
        if joined.count(f" {norm} ") > 1:  # its own paragraph plus another occurrence
            ln.kind = "pull-quote"
            joined = joined.replace(f" | {norm} | ", " | ", 1)


def _assemble(lines: list[_Line]) -> tuple[str, list[Removed]]:
    """Body paragraphs joined by blank lines; removed pieces merged per run of one kind."""
    paragraphs: list[list[str]] = []
    removed: list[Removed] = []
    last_block = None
    last_kind = None
    for line in lines:
        if line.kind is None:
            if paragraphs and line.block == last_block:
                paragraphs[-1].append(line.text)
            else:
                paragraphs.append([line.text])
            last_block = line.block
            last_kind = None
            continue
        if removed and last_kind == (line.kind, line.rule):
            removed[-1].text += "\n" + line.text.strip()
        else:
            removed.append(Removed(kind=line.kind, text=line.text.strip(), rule=line.rule))
        last_kind = (line.kind, line.rule)
    text = "\n\n".join("\n".join(p) for p in paragraphs).strip()
    return text, removed


# --- HTML -----------------------------------------------------------------------------------

COMMENT_CONTAINER = re.compile(
    r"(?:^|[\s_-])(?:comments?|commentlist|comment-list|comments-area|discussion|disqus)(?:$|[\s_-])",
    re.IGNORECASE,
)
COMMENT_ITEM = re.compile(
    r"(?:^|\s)(?:comment|comment-body|comment-item|single-comment|reader-comment)(?:$|\s)",
    re.IGNORECASE,
)
COMMENT_AUTHOR_CLASS = re.compile(r"author|name|user|fn", re.IGNORECASE)
COMMENT_DATE_CLASS = re.compile(r"date|time", re.IGNORECASE)
COMMENT_SKIP_CLASS = re.compile(r"reply|respond|vote|like|report|actions", re.IGNORECASE)
COMMENT_SAYS_SUFFIX = re.compile(r"\s*(?:says|said|wrote)?\s*:?\s*$", re.IGNORECASE)
BYLINE_CLASS = re.compile(r"byline|author", re.IGNORECASE)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
COMMENT_HINT = re.compile(r"comment", re.IGNORECASE)
SITE_NAME_CLASS = re.compile(r"site-?title|site-?name|brand|masthead|logo", re.IGNORECASE)
LEAF_BLOCK_TAGS = (
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figcaption",
    "td",
    "th",
    "dt",
    "dd",
    "blockquote",
    "div",
    "section",
    "header",
    "footer",
    "nav",
    "aside",
    "time",
    "address",
    "pre",
)
SKIP_TAGS = {"script", "style", "noscript", "template"}


def _el_text(el) -> str:
    return WHITESPACE.sub(" ", el.text_content() or "").strip()


def _innermost(elements: list) -> list:
    chosen = set(elements)
    return [el for el in elements if not any(d in chosen for d in el.iterdescendants())]


def _class_of(el) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _html_comment(item) -> Comment | None:
    """One comment element -> Comment(author, date, text)."""
    inner = [el for el in item.iterdescendants() if isinstance(el.tag, str)]
    authors = _innermost(
        [el for el in inner if el.tag == "cite" or COMMENT_AUTHOR_CLASS.search(el.get("class", ""))]
    )
    author_el = authors[0] if authors else None
    date_el = next((el for el in inner if el.tag == "time"), None)
    if date_el is None:
        dates = _innermost([el for el in inner if COMMENT_DATE_CLASS.search(el.get("class", ""))])
        date_el = next((el for el in dates if el is not author_el), None)
    skip = [el for el in (author_el, date_el) if el is not None]
    skip += [el for el in inner if COMMENT_SKIP_CLASS.search(el.get("class", ""))]

    def outside(el) -> bool:
        return not any(el is s or s in el.iterancestors() for s in skip)

    paras = [_el_text(p) for p in item.iter("p") if outside(p)]
    text = "\n".join(p for p in paras if p)
    if not text:
        text = _el_text(item)
        for el in skip:
            text = text.replace(_el_text(el), " ", 1)
        text = WHITESPACE.sub(" ", text).strip()
    author = _el_text(author_el) if author_el is not None else ""
    author = COMMENT_SAYS_SUFFIX.sub("", author).strip() or None
    date = None
    if date_el is not None:
        date = date_el.get("datetime") or _el_text(date_el) or None
    return Comment(author=author, date=date, text=text) if text else None


def _html_comments(tree) -> tuple[list[Comment], list[str]]:
    """Reader comments from comment sections/lists, and their raw texts (kept out of the body)."""
    comments: list[Comment] = []
    texts: list[str] = []
    containers = [
        el
        for el in tree.iter("section", "div", "ol", "ul", "aside")
        if COMMENT_CONTAINER.search(_class_of(el)) and not COMMENT_ITEM.search(el.get("class", ""))
    ]
    chosen = set(containers)
    outer = [el for el in containers if not any(a in chosen for a in el.iterancestors())]
    for container in outer:
        inner = [el for el in container.iterdescendants() if isinstance(el.tag, str)]
        items = _innermost([el for el in inner if COMMENT_ITEM.search(el.get("class", ""))])
        if not items:
            items = _innermost([el for el in inner if el.tag == "li"])
        for item in items:
            comment = _html_comment(item)
            if comment:
                comments.append(comment)
        texts.append("\n".join(t.strip() for t in container.itertext() if t.strip()))
    return comments, texts


def _block_texts(tree, skip_norms: set[str]) -> list[str]:
    """Texts of the innermost block elements (or the whole page), outside comment sections."""
    texts: list[str] = []
    for el in tree.iter(*LEAF_BLOCK_TAGS):
        if any(d.tag in LEAF_BLOCK_TAGS for d in el.iterdescendants() if isinstance(d.tag, str)):
            continue
        if any(a.tag in SKIP_TAGS for a in el.iterancestors()):
            continue
        text = _el_text(el)
        if (
            text
            and _norm(text) not in skip_norms
            and not any(COMMENT_CONTAINER.search(_class_of(a)) for a in el.iterancestors())
        ):
            texts.append(text)
    if not texts:
        for bad in tree.xpath("//script|//style|//noscript|//template"):
            bad.drop_tree()
        whole = _el_text(tree)
        texts = [whole] if whole else []
    return texts


def _leftover_kind(plain: str) -> str:
    if BIO_LINE.match(plain):
        return "bio"
    if _byline_from_line(plain):
        return "byline"
    if _date_from_line(plain) or HEADER_METADATA.match(plain) or NAV_LINE.match(plain):
        return "metadata"
    if _is_image(plain):
        return "image"
    return "boilerplate"


def _html_leftovers(tree, seen: set[str]) -> list[Removed]:
    """Page text trafilatura left out (menus, footers, bylines): listed so nothing goes silently."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    seen_text = "\n".join(seen)
    removed: list[Removed] = []
    for el in root.iter(*LEAF_BLOCK_TAGS):
        if any(d.tag in LEAF_BLOCK_TAGS for d in el.iterdescendants() if isinstance(d.tag, str)):
            continue
        if any(a.tag in SKIP_TAGS for a in el.iterancestors()):
            continue
        text = _el_text(el)
        n = _norm(text)
        if not n or n in seen_text:
            continue
        kind = _leftover_kind(text)
        if removed and removed[-1].kind == kind:
            removed[-1].text += "\n" + text
        else:
            removed.append(Removed(kind, text))
        seen_text += "\n" + n
    return removed


def _meta(tree, *names: str) -> str | None:
    for name in names:
        for el in tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]'):
            content = (el.get("content") or "").strip()
            if content:
                return content
    return None


def _html_authors(tree, meta_author: str | None) -> list[str]:
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("meta", "html", "body", "article", "main"):
            continue
        if el.get("rel") == "author" or BYLINE_CLASS.search(
            f"{el.get('class', '')} {el.get('itemprop', '')}"
        ):
            if any(
                COMMENT_CONTAINER.search(f"{a.get('class', '')} {a.get('id', '')}")
                for a in el.iterancestors()
            ):
                continue
            text = _el_text(el)
            if not text or len(text) > 200:
                continue
            byline = _byline_from_line(text)
            authors = byline[0] if byline else parse_byline(text)[0]
            if authors:
                return authors
    if meta_author:
        return parse_byline(meta_author.replace(";", ","))[0]
    return []


def _trafilatura_comments(html: str) -> tuple[list[Comment], list[str]]:
    """Fallback when no comment markup was recognised: trafilatura's own comment extraction
    (one Comment per paragraph, author and date unknown)."""
    import trafilatura  # noqa: PLC0415

    doc = trafilatura.bare_extraction(html, include_comments=True, with_metadata=False)
    text = getattr(doc, "comments", None) if doc is not None else None
    if not text:
        return [], []
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    comments = [
        Comment(author=None, date=None, text=ln)
        for ln in lines
        if not COMMENT_MARKER.match(ln) and not COMMENT_NOISE.match(ln)
    ]
    return comments, ["\n".join(lines)]


def _table_row_text(row) -> str:
    """A table row as one line, its cells separated by spaces."""
    cells = (WHITESPACE.sub(" ", "".join(c.itertext())).strip() for c in row.iter("cell"))
    return " ".join(c for c in cells if c)


def _trafilatura_paragraphs(html: str):
    import trafilatura  # noqa: PLC0415 - heavy import, HTML only

    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=True,
        include_images=False,
        with_metadata=True,
        deduplicate=False,
    )
    if doc is None:
        return [], None
    paragraphs: list[str] = []
    body = getattr(doc, "body", None)
    if body is not None:
        for el in body:
            if el.tag == "list":
                items = [
                    WHITESPACE.sub(" ", "".join(i.itertext())).strip() for i in el.iter("item")
                ]
                text = "\n".join(i for i in items if i)
            elif el.tag == "table":  # one line a row, cells apart: "Pos. Driver Points"
                text = "\n".join(_table_row_text(row) for row in el.iter("row")).strip()
            else:
                text = WHITESPACE.sub(" ", "".join(el.itertext())).strip()
            if text:
                paragraphs.append(text)
    elif doc.text:
        paragraphs = [p.strip() for p in doc.text.split("\n") if p.strip()]
    return paragraphs, doc


def clean_html(html: str, known_title: str | None = None) -> Cleaned:
    """trafilatura for the body, lxml for what it drops or gets wrong (captions, title, byline)."""
    import lxml.etree  # noqa: PLC0415
    import lxml.html  # noqa: PLC0415

    html = XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        return Cleaned(text="")
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return clean_text(re.sub(r"<[^>]+>", "", html), known_title=known_title)

    h1 = next((_el_text(el) for el in tree.iter("h1") if _el_text(el)), None)
    og_title = _meta(tree, "og:title", "twitter:title")
    head_title = _el_text(tree.find(".//title")) if tree.find(".//title") is not None else None
    site_name = _meta(tree, "og:site_name", "application-name", "publisher")
    meta_author = _meta(tree, "author", "article:author", "byl", "parsely-author", "dc.creator")
    meta_date = _meta(
        tree,
        "article:published_time",
        "datePublished",
        "pubdate",
        "publish-date",
        "date",
        "dc.date",
    )
    time_el = next(
        (
            el
            for el in tree.iter("time")
            if el.get("datetime")
            and not any(
                COMMENT_CONTAINER.search(f"{a.get('class', '')} {a.get('id', '')}")
                for a in el.iterancestors()
            )
        ),
        None,
    )

    raw_captions = [_el_text(el) for el in tree.iter("figcaption") if _el_text(el)]
    captions = [_caption_text(c) or c for c in raw_captions]
    comments, comment_texts = _html_comments(tree)
    if not comments and COMMENT_HINT.search(html):
        comments, comment_texts = _trafilatura_comments(html)

    paragraphs, tdoc = _trafilatura_paragraphs(html)
    if not paragraphs:  # trafilatura gives up on tiny or odd pages: take the blocks ourselves
        paragraphs = _block_texts(tree, {_norm(t) for t in comment_texts})
    title = known_title or h1 or og_title
    if not title and head_title:
        title = _split_title_outlet(head_title)[0]
    if not title and tdoc is not None and tdoc.title and tdoc.title != site_name:
        title = tdoc.title

    caption_norms = {_norm(c) for c in raw_captions + captions}
    comment_norms = [_norm(t) for t in comment_texts]
    removed: list[Removed] = []
    kept: list[str] = []
    for para in paragraphs:
        para = EMBED_SPLIT.sub(
            "\n", para
        )  # "Stay safe.— Name (@handle)": signature on its own line
        n = _norm(para)
        if n in caption_norms:
            continue
        if n != _norm(title or "") and len(n) > 20 and any(n in ct for ct in comment_norms):
            removed.append(Removed("comments", para))
            continue
        kept.append(para)

    result = clean_text("\n\n".join(kept), known_title=title, pasted=False)
    result.removed = removed + result.removed
    for raw_cap, cap in zip(raw_captions, captions, strict=True):
        result.removed.append(Removed("caption", raw_cap))
        if cap not in result.captions:
            result.captions.append(cap)
    if comments:
        result.comments = comments + [
            c for c in result.comments if c.text not in {x.text for x in comments}
        ]
        result.removed.append(Removed("comments", "\n".join(comment_texts)))

    # Metadata: structured HTML wins over what the text rules guessed.
    result.title = title or result.title
    if title and not any(r.kind == "title" for r in result.removed):
        result.removed.insert(0, Removed("title", title))
    seen = {_norm(result.text)} | caption_norms | set(comment_norms)
    seen |= {_norm(r.text) for r in result.removed}
    result.removed.extend(_html_leftovers(tree, seen))
    html_authors = _html_authors(tree, meta_author)
    if html_authors:
        result.authors = html_authors
    elif not result.authors and tdoc is not None and tdoc.author:
        result.authors = parse_byline(tdoc.author.replace(";", ","))[0]
    date_source = meta_date or (time_el.get("datetime") if time_el is not None else None)
    published = _normalise_meta_date(date_source) if date_source else None
    if not published and tdoc is not None and tdoc.date:
        published = parse_date(tdoc.date)
    result.published = published or result.published
    outlet = site_name
    if not outlet and head_title:
        outlet = _split_title_outlet(head_title, {_norm(title or "")})[1]
    if not outlet:
        outlet = next(
            (
                _el_text(el)
                for el in tree.iter()
                if isinstance(el.tag, str)
                and SITE_NAME_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}")
                and 0 < len(_el_text(el).split()) <= 6
            ),
            None,
        )
    if not outlet:
        owners = (_copyright_owner(ln) for r in result.removed for ln in r.text.split("\n"))
        outlet = next((o for o in owners if o), None)
    result.outlet = outlet or result.outlet
    return result


# --- public entry point ---------------------------------------------------------------------


def _normalise_meta_date(value: str) -> str | None:
    value = value.strip()
    return parse_date(value[:10]) if ISO_DATE.match(value) else parse_date(value)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the body's language (py3langid, offline); "en" for a text too short to
    tell. Later stages (quotes, entities, claims, framing) are English-only: a body in another
    language is kept and stored with its language, and those stages find little in it.

    >>> detect_language("O governo anunciou ontem novas medidas para a economia do país.")
    'pt'
    """
    if len(_words(text)) < LANGUAGE_MIN_WORDS:
        return "en"
    import py3langid  # noqa: PLC0415 - loads its model once, on first use

    return py3langid.classify(text[:LANGUAGE_SAMPLE_CHARS])[0]


def clean_document(raw: RawDocument) -> Document:
    """Clean one RawDocument; metadata given with the input (a jsonl record, a sources manifest)
    wins over what the page says, and `provenance` records where each field was read."""
    if raw.format == "html":
        cleaned = clean_html(raw.text, known_title=raw.meta.get("title"))
    else:
        cleaned = clean_text(raw.text, known_title=raw.meta.get("title"))
    meta = raw.meta or {}
    given_by = meta.get("given_by", "jsonl")  # "jsonl" record or "manifest" row
    authors = meta.get("authors")
    if isinstance(authors, str):
        authors = [authors]
    published = _normalise_meta_date(meta["published"]) if meta.get("published") else None
    provenance = dict(cleaned.provenance)
    language = detect_language(cleaned.text)
    given = {"outlet": meta.get("outlet"), "title": meta.get("title"), "authors": authors}
    given["published"] = published
    for name, value in given.items():
        if value:
            provenance[name] = given_by
    return Document(
        id=make_id("doc", raw.content_hash),
        source=raw.source,
        text=cleaned.text,
        outlet=meta.get("outlet") or cleaned.outlet,
        title=meta.get("title") or cleaned.title,
        authors=list(authors) if authors else cleaned.authors,
        published=published or cleaned.published,
        language=language,
        dateline=cleaned.dateline,
        comments=cleaned.comments,
        captions=cleaned.captions,
        removed=cleaned.removed,
        format=raw.format,
        content_hash=raw.content_hash,
        provenance={k: v for k, v in provenance.items() if v},
    )
