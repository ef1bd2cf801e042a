"""Mentions: the named actors spaCy finds in one document, their descriptors and types."""

from __future__ import annotations

import re

import spacy

from presslens.lexicon import pairs, words
from presslens.models import Document, Mention, make_id
from presslens.rules import Rules

from .heuristics import (
    DATELINE_AFTER,
    DESCRIPTOR_STOP,
    ENTITY_TYPES,
    INTRODUCED_AS,
    LOCATIVE_PREPS,
    NAME_PARTICLES,
    ORG_NAME_WORDS,
    PERSON_ROLE_WORDS,
    PERSON_TITLES,
    PLACE_CUES,
    PLACE_TYPES,
    RELABEL_FROM,
    ROLE_LINKERS,
    SPAN_BREAKS,
    SPEAKER_LABEL_AFTER,
    THING_TYPES,
)
from .name_spans import (
    MIN_UNTAGGED_WORD,
    code_names,
    facility_word_after_name,
    plural_name_after_the,
    quoted_titles,
    repeated_untagged_word,
    score_after_name,
)
from .names import _is_acronym, _is_honorific, _norm_word, is_kunya, name_tokens, normalise_name
from .people_joined import (
    _split_people,
    add_given_names_left_out,
    common_word_after_person,
    cut_common_word_after_person,
    given_name_left_out,
    person_at,
    two_people_joined,
)
from .stages import ENTITY_MENTION_TYPE

HYPHEN_SUFFIX_WORDS = words("hyphen_suffix_words")
GLUED_ROLE_WORDS = words("occupation_words") | PERSON_ROLE_WORDS | words("person_role_nouns")
MAX_GLUED_NAME_PART = 4  # "Jong-un", "Jae-in", "Geun-hye"; a longer lower-case part is a word

# --------------------------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------------------------


def _descriptor_run_left(parsed: spacy.tokens.Doc, start: int, root_i: int, end: int) -> int:
    """First token index of the words an outlet puts right before a name in the same phrase.

    Walks left over honorifics ("Maj. Gen.") and lowercase nouns/adjectives ("militia
    commander", "terrorist group") and keeps the run only if it attaches to the name.
    """
    i = start - 1
    run_start = start
    while i >= 0:
        tok = parsed[i]
        if tok.is_space or "\n" in tok.text or parsed[i + 1].is_sent_start:
            break
        word = tok.text
        if _is_honorific(word):
            if word == "." and (i == 0 or not _is_honorific(parsed[i - 1].text)):
                break
            run_start = i
        elif (
            word.islower()
            and tok.pos_ in {"NOUN", "ADJ", "PROPN"}
            and tok.dep_ in {"compound", "amod", "nmod", "appos", "nsubj", "dobj", "pobj", "conj"}
            and word not in DESCRIPTOR_STOP
            and (i < tok.head.i < end or any(i < c.i < end for c in tok.rights))
        ):
            run_start = i
        elif (
            word.lower() in ROLE_LINKERS
            and i - 1 >= 0
            and _is_honorific(parsed[i - 1].text)
            and run_start == i + 1
            and run_start < start
        ):
            # "Minister of Defence Rafi Olen": "Defence" was taken as honorific above
            run_start = i
        else:
            break
        i -= 1
    if run_start == start:
        return start
    # keep it only if connected: the run and the name head each other
    inside = range(run_start, end)
    connected = parsed[root_i].head.i in range(run_start, start) or any(
        parsed[j].head.i in inside for j in range(run_start, start)
    )
    if not connected:
        return start
    # a run may not start with a linker
    while run_start < start and parsed[run_start].text.lower() in ROLE_LINKERS:
        run_start += 1
    return run_start


def _apposition_descriptor(
    parsed: spacy.tokens.Doc, root: spacy.tokens.Token, end: int
) -> str | None:
    """ "Red Hand, an armed group backed by ..." gives "armed group": the appositive head noun."""
    for child in root.rights:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i >= end:
            words = [
                t
                for t in child.lefts
                if t.dep_ in {"amod", "compound", "nmod"} and t.i > root.i and t.pos_ != "PROPN"
            ]
            first = min((t.left_edge for t in words), key=lambda t: t.i, default=child)
            if first.i <= root.i or first.dep_ == "det":
                first = min(words, key=lambda t: t.i) if words else child
            return re.sub(r"\s+", " ", parsed[first.i : child.i + 1].text)
    # "the regime's interior minister, Aldous Brenner": the name is the appositive of a noun
    # phrase before it, which is the descriptor (its possessor included, its article not)
    head = root.head
    if root.dep_ == "appos" and head.pos_ == "NOUN" and head.i < root.i:
        words = [t for t in parsed[head.left_edge.i : head.i + 1] if t.dep_ != "det"]
        if words and len(words) <= 6 and not any(t.is_punct and t.text != "'s" for t in words):
            return re.sub(r"\s+", " ", parsed[words[0].i : head.i + 1].text)
    # "Ilyas Bekmen and Sevda Orhun, the two martyrs killed …": after the last of several names
    conjuncts = [c for c in root.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    if conjuncts:
        end = max(end, conjuncts[-1].i + 1)
    # "Fighters of the Northern Liberation Front, a resistance movement ...": spaCy hangs the
    # appositive on the phrase head, but it sits right after the name
    if end + 2 < len(parsed) and parsed[end].text == ",":
        k = end + 1
        while k < len(parsed) and k < end + 7:
            tok = parsed[k]
            coordinated = bool(conjuncts) or (root.dep_ == "conj" and root.head.pos_ == "PROPN")
            plural_label = (
                coordinated and tok.tag_ == "NNS" and tok.dep_ not in ("nsubj", "nsubjpass")
            )
            if (tok.dep_ == "appos" or plural_label) and tok.pos_ == "NOUN":
                words = [
                    t
                    for t in parsed[end + 1 : k]
                    if t.dep_ != "det" and t.lower_ not in DESCRIPTOR_STOP
                ]
                start_i = words[0].i if words else k
                return re.sub(r"\s+", " ", parsed[start_i : k + 1].text)
            if tok.dep_ not in {"det", "amod", "compound", "nmod", "advmod", "nummod"}:
                break
            if tok.is_punct:
                break
            k += 1
    return None


@ENTITY_MENTION_TYPE.rule("title-makes-person")
def title_makes_person(parsed: spacy.tokens.Doc, start: int, end: int, label: str) -> bool:
    """A span spaCy labelled ORG/GPE/... that opens with a person's title is a person, its
    title cut off into the descriptor: "General Ilan Vesk" (ORG) -> PERSON "Ilan Vesk"."""
    return label in RELABEL_FROM and start < end and _norm_word(parsed[start].text) in PERSON_TITLES


def _clean_span(
    parsed: spacy.tokens.Doc, ent: spacy.tokens.Span, rules: Rules = ENTITY_MENTION_TYPE
) -> tuple[int, int, int, str]:
    """Token bounds (name_start, name_end, descriptor_start) and label after fixing common
    spaCy slips: a trailing "'s", a leading "the", a title inside the name, a dateline dash."""
    start, end, label = ent.start, ent.end, ent.label_
    # a dateline ("KESSARA – Militia ...") or a line break glued into one entity: keep root side
    cuts = [i for i in range(start, end) if parsed[i].text in SPAN_BREAKS or "\n" in parsed[i].text]
    if cuts:
        root = ent.root.i
        left = max((c for c in cuts if c < root), default=start - 1) + 1
        right = min((c for c in cuts if c > root), default=end)
        if root in cuts:
            return start, start, start, label
        start, end = left, right
    while end > start and (
        parsed[end - 1].tag_ == "POS"
        or parsed[end - 1].text in {"'s", "’s", "'", "’"}
        or parsed[end - 1].is_punct
        and parsed[end - 1].text not in {".", ")"}
    ):
        end -= 1
    while end > start and parsed[end - 1].text == ")" and "(" not in ent.text:
        end -= 1
    while start < end and (parsed[start].lower_ in {"the", "a", "an"} or parsed[start].is_punct):
        start += 1
    desc_start = start
    if label == "PERSON" or (
        rules.enabled(title_makes_person.id) and title_makes_person(parsed, start, end, label)
    ):
        while start < end - 1 and _is_honorific(parsed[start].text):
            start += 1
        if start < end and _is_honorific(parsed[start].text):
            start = end  # the whole "name" is a title
        if start > desc_start:
            label = "PERSON"
    if label == "PERSON" and rules.enabled(role_word_glued.id):
        while role_word_glued(parsed, start, end):
            start += 1
    if rules.enabled(opening_word_glued.id) and opening_word_glued(parsed, start, end):
        start += 1
        desc_start = max(desc_start, start)
    return start, end, desc_start, label


GLUED_OPENING_POS = frozenset({"VERB", "ADP", "ADV", "SCONJ", "CCONJ", "AUX", "PRON"})


@ENTITY_MENTION_TYPE.rule("opening-word-glued-to-name")
def opening_word_glued(parsed: spacy.tokens.Doc, start: int, end: int) -> bool:
    """A sentence's first word the parser itself reads as a verb, preposition or adverb is not
    part of the name it glued it to: "Following Vesk's arrest, ..." tagged "Following Vesk"
    -> "Vesk"."""
    first = parsed[start]
    return end - start >= 2 and bool(first.is_sent_start) and first.pos_ in GLUED_OPENING_POS


@ENTITY_MENTION_TYPE.rule("role-word-glued-to-name")
def role_word_glued(parsed: spacy.tokens.Doc, start: int, end: int) -> bool:
    """A capitalised role word the parser took into a person's name, before at least two name
    words, is the name's descriptor: "Comedian Ellen Marsh" -> "Ellen Marsh" ("Comedian")."""
    if end - start < 3:
        return False
    first = parsed[start]
    return (
        first.text.istitle()
        and first.lower_ in GLUED_ROLE_WORDS
        and parsed[start + 1].text[:1].isupper()
    )


def _trim_chars(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop stray punctuation glued to a name ("-Donald Trump", "Obama,"); keep "U.S." dots."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum() and text[end - 1] != ".":
        end -= 1
    if end > start and text[end - 1] == "." and "." not in text[start : end - 1]:
        end -= 1  # a sentence full stop, not an abbreviation
    return start, end


def _person_descriptor(descriptor: str | None) -> bool:
    return bool(descriptor) and any(
        _norm_word(w) in PERSON_ROLE_WORDS for w in re.split(r"[\s;,]+", descriptor or "")
    )


@ENTITY_MENTION_TYPE.rule("person-descriptor")
def person_descriptor(descriptor: str | None) -> bool:
    """A name of two or more words spaCy labelled ORG/GPE/... whose descriptor is a person's
    role is a person: "the spokesman Tarek Maaloul" (ORG) -> PERSON."""
    return _person_descriptor(descriptor)


def _descriptor_of(
    parsed: spacy.tokens.Doc,
    document: Document,
    span: spacy.tokens.Span,
    desc_start: int,
    trailing: list[str],
) -> str | None:
    """The outlet's words for the named one: titles and nouns before the name, lowercase words
    spaCy glued after it, an apposition, and "a man who gave his name as"."""
    parts: list[str] = []
    if desc_start < span.start:
        left = document.text[parsed[desc_start].idx : span.start_char].strip()
        left = re.sub(r"\s+", " ", left)
        if left:
            parts.append(left)
    if trailing:
        parts.append(" ".join(trailing))
    appos = _apposition_descriptor(parsed, span.root, span.end)
    if appos and appos not in parts:
        parts.append(appos)
    intro = INTRODUCED_AS.search(document.text, max(0, span.start_char - 60), span.start_char)
    if intro:
        parts.append(re.sub(r"\s+", " ", intro.group(1)))
    parts = [p for p in parts if any(w.lower() not in DESCRIPTOR_STOP for w in p.split())]
    return "; ".join(parts) if parts else None


def _hyphen_part_at(parsed: spacy.tokens.Doc, i: int) -> bool:
    """Whether token i is a hyphen glued inside a person's name: "Moon Jae" "-" "in", not
    "Vesk" "-" "led" (lexicon: hyphen_suffix_words)."""
    if not 0 < i < len(parsed) - 1 or parsed[i].text != "-":
        return False
    before, after = parsed[i - 1], parsed[i + 1]
    return (
        not before.whitespace_
        and not parsed[i].whitespace_
        and before.ent_type_ == "PERSON"
        and before.text[:1].isupper()
        and after.is_alpha
        and after.lower_ not in HYPHEN_SUFFIX_WORDS
        and (after.text[:1].isupper() or len(after.text) <= MAX_GLUED_NAME_PART)
    )


def _mention_of(
    parsed: spacy.tokens.Doc, document: Document, ent: spacy.tokens.Span, rules: Rules
) -> tuple[Mention, int] | None:
    """The mention an entity span names (its descriptor split off, its label fixed), and the
    token its descriptor starts at; None when nothing name-like is left."""
    start, end, desc_start, label = _clean_span(parsed, ent, rules)
    while _hyphen_part_at(parsed, end):  # "Moon Jae" + "-in": the name goes on
        end += 2
    if rules.enabled(score_after_name.id):
        end -= score_after_name(parsed, start, end)
    trailing: list[str] = []
    while (
        end - start > 1
        and parsed[end - 1].text.isalpha()
        and parsed[end - 1].text.islower()
        and not _hyphen_part_at(parsed, end - 2)  # "Kim Jong-un": "un" is the name's
    ):
        trailing.insert(0, parsed[end - 1].text)
        end -= 1
    if start >= end:
        return None
    if rules.enabled(facility_word_after_name.id):
        more = facility_word_after_name(parsed, document.text, end)
        if more:
            end += more
            label = label if label in {"ORG", "FAC"} else "ORG"
    span = parsed[start:end]
    if not any(ch.isupper() for ch in span.text):
        return None
    desc_start = min(desc_start, _descriptor_run_left(parsed, desc_start, span.root.i, end))
    descriptor = _descriptor_of(parsed, document, span, desc_start, trailing)
    if (
        label in RELABEL_FROM
        and rules.enabled(person_descriptor.id)
        and person_descriptor(descriptor)
        and len(span) >= 2
    ):
        label = "PERSON"
    start_char, end_char = _trim_chars(document.text, span.start_char, span.end_char)
    if end_char <= start_char:
        return None
    mention = Mention(
        id=make_id("mention", document.id, start_char, end_char),
        doc_id=document.id,
        start=start_char,
        end=end_char,
        text=document.text[start_char:end_char],
        type=label,
        descriptor=descriptor,
    )
    return mention, desc_start


def _place_evidence(
    parsed: spacy.tokens.Doc, document: Document, m: Mention, desc_start: int
) -> tuple[bool, bool]:
    """Whether the mention reads as a place (after "in", "near"..., a dateline, a place word
    in its descriptor), and whether it is a dateline."""
    before = parsed[desc_start - 1].lower_ if desc_start > 0 else ""
    line_start = document.text.rfind("\n", 0, m.start) + 1
    dateline = not document.text[line_start : m.start].strip() and bool(
        DATELINE_AFTER.match(document.text, m.end)
    )
    place_word = any(_norm_word(w) in PLACE_CUES for w in re.split(r"[\s;,]+", m.descriptor or ""))
    return before in LOCATIVE_PREPS or dateline or place_word, dateline


def extract_mentions(
    parsed: spacy.tokens.Doc, document: Document, rules: Rules = ENTITY_MENTION_TYPE
) -> list[Mention]:
    """One Mention per named actor/place spaCy finds, title and outlet wording in `descriptor`.

    A second pass makes labels consistent inside the document: a bare surname or a repeated
    full name that spaCy labelled ORG/GPE/NORP becomes PERSON when the document names that
    person (but not after "in", "near", ... where it is a place). The relabelling rules are
    those of `rules`.
    """
    mentions: list[Mention] = []
    locative: list[bool] = []
    datelines: list[bool] = []
    _MENTION_CACHE.clear()
    for ent in parsed.ents:
        if ent.label_ not in ENTITY_TYPES:
            continue
        found = _mention_of(parsed, document, ent, rules)
        if found is None or (
            rules.enabled(common_word_as_work.id) and common_word_as_work(found[0], document.text)
        ):
            continue
        mention, desc_start = found
        mentions.append(mention)
        is_place, dateline = _place_evidence(parsed, document, mention, desc_start)
        locative.append(is_place)
        datelines.append(dateline)
    _fix_labels(mentions, locative, datelines, rules, document.text)
    mentions.extend(_missed_names(parsed, document, mentions))
    if rules.enabled(transcript_turn.id):
        for m in mentions:
            if m.type in RELABEL_FROM and transcript_turn(document.text, m.start, m.end):
                m.type = "PERSON"  # "FERRO:" opening a transcript turn speaks: a person
    mentions = list({m.id: m for m in reversed(mentions)}.values())  # one mention a span
    mentions.sort(key=lambda m: m.start)
    _MENTION_CACHE[(id(parsed), document.id)] = (parsed, [_copy_mention(m) for m in mentions])
    return mentions


@ENTITY_MENTION_TYPE.rule("common-word-as-work")
def common_word_as_work(m: Mention, text: str) -> bool:
    """A one-word work, product or law the article also writes in lower case is a word, not a
    name: a sign that said "Peace" ... "peace talks" -> no mention."""
    if m.type not in THING_TYPES or " " in m.text.strip():
        return False
    return re.search(r"\b" + re.escape(m.text.lower()) + r"\b", text) is not None


@ENTITY_MENTION_TYPE.rule("transcript-turn-person")
def transcript_turn(text: str, start: int, end: int) -> bool:
    """An upper-case name opening a line and followed by "(ROLE):" or ":" speaks, so is a
    person: "NADIA FERRO (HOST): Good evening." -> PERSON "NADIA FERRO"."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    return (
        text[start:end].isupper()
        and (not before.strip() or (before.isupper() and before.replace(" ", "").isalpha()))
        and SPEAKER_LABEL_AFTER.match(text, end) is not None
    )


def _known_names(mentions: list[Mention], text: str = "") -> tuple[dict[str, str], set[str]]:
    """The surnames and acronyms a bare token may repeat ({word: label}), and the full person
    names the parser may have missed elsewhere."""
    known: dict[str, str] = {}
    full_names: set[str] = set()
    org_lasts: set[str] = set()
    for m in mentions:
        words = m.text.split()
        if m.type == "PERSON" and len(words) >= 2 and not is_kunya(name_tokens(m.text)):
            known.setdefault(words[-1], "PERSON")
            if not any(t in ORG_NAME_WORDS for t in name_tokens(m.text)):
                full_names.add(m.text)  # not "Ballot Watch", a PERSON label slip
        elif m.type == "ORG" and _is_acronym(m.text):
            known.setdefault(m.text, "ORG")
        elif m.type == "ORG" and len(words) >= 2 and ENTITY_MENTION_TYPE.enabled(org_last_word.id):
            if org_last_word(words, text):
                org_lasts.add(words[-1])
    for word in org_lasts - set(known):  # a person's surname stays the person's
        known[word] = "ORG"
    return known, full_names


MIN_ORG_LAST_WORD = 4


@ENTITY_MENTION_TYPE.rule("org-last-word-alone")
def org_last_word(words: list[str], text: str) -> bool:
    """The last word of an organisation's name, when it is no organisation word and the article
    never writes it in lower case, names it alone: "Tolvane Harriers" ... "the Harriers won" ->
    ORG "Harriers" (but not "Council" of "Tolvane Council", nor "Power" if "power" is a word,
    nor "Holt" of "Kasimir van der Holt", a person's name with a particle)."""
    word = words[-1]
    return (
        not any(w in NAME_PARTICLES for w in words[:-1])
        and len(word) >= MIN_ORG_LAST_WORD
        and word[:1].isupper()
        and not word.isupper()
        and word.lower() not in ORG_NAME_WORDS
        and re.search(r"\b" + re.escape(word.lower()) + r"\b", text) is None
    )


def _new_mention(document: Document, start: int, end: int, text: str, type_: str) -> Mention:
    return Mention(
        id=make_id("mention", document.id, start, end),
        doc_id=document.id,
        start=start,
        end=end,
        text=text,
        type=type_,
    )


def _in_longer_name(parsed: spacy.tokens.Doc, tok: spacy.tokens.Token) -> bool:
    """A capitalised proper noun next to the token: part of a name the parser did not tag."""
    nxt = parsed[tok.i + 1] if tok.i + 1 < len(parsed) else None
    prev = parsed[tok.i - 1] if tok.i > 0 else None
    return (nxt is not None and nxt.text[:1].isupper() and nxt.pos_ == "PROPN") or (
        prev is not None
        and prev.text[:1].isupper()
        and prev.pos_ == "PROPN"
        and not prev.is_sent_start
    )


def _missed_names(
    parsed: spacy.tokens.Doc, document: Document, mentions: list[Mention]
) -> list[Mention]:
    """Bare surnames and acronyms the parser skipped although the article names them in full
    ("Okafor said" after "Selene Okafor"): one pass over the tokens."""
    covered = bytearray(len(parsed))
    for ent in parsed.ents:
        covered[ent.start : ent.end] = b"\x01" * (ent.end - ent.start)
    untagged = _repeated_untagged(parsed, document, covered)
    if ENTITY_MENTION_TYPE.enabled(code_names.id):
        untagged += _spans_as_mentions(document, mentions, code_names(document.text), "PRODUCT")
    if ENTITY_MENTION_TYPE.enabled(quoted_titles.id):
        quoted = quoted_titles(document.text)
        untagged += [
            m
            for m in _spans_as_mentions(document, mentions, quoted, "WORK_OF_ART")
            if not common_word_as_work(m, document.text)
        ]
    known, full_names = _known_names(mentions, document.text)
    if not known:
        return untagged
    found: list[Mention] = []
    taken = bytearray(len(document.text))  # characters inside a mention already
    for m in mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    for name in sorted(full_names, key=len, reverse=True):
        # "Luka Ferenc had not planned ...": a full name the parser tagged elsewhere in the
        # article but not here (often at a sentence start)
        for hit in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", document.text):
            if any(taken[hit.start() : hit.end()]):
                continue
            taken[hit.start() : hit.end()] = b"\x01" * (hit.end() - hit.start())
            found.append(_new_mention(document, hit.start(), hit.end(), name, "PERSON"))
    for tok in parsed:  # one pass: building a Token costs more than reading it
        if taken[tok.idx]:
            covered[tok.i] = 1
        label = known.get(tok.text)
        if label is None or covered[tok.i] or _in_longer_name(parsed, tok):
            continue
        found.append(_new_mention(document, tok.idx, tok.idx + len(tok.text), tok.text, label))
    for m in found:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    return found + [m for m in untagged if not any(taken[m.start : m.end])]


MIN_UNTAGGED_REPEATS = 2  # an untagged name must be written this often in the article
_CALENDAR_WORDS = frozenset(pairs("month_names")) | words("weekday_names")


@ENTITY_MENTION_TYPE.rule("repeated-untagged-name")
def repeated_untagged_name(words: list[str], count: int, inside_sentence: bool) -> bool:
    """Two to four capitalised proper nouns the parser tagged nowhere, written alike at least
    twice in the article and once inside a sentence, name a thing: "a patch for Ostrel
    Navigator ... Ostrel Navigator users" -> PRODUCT "Ostrel Navigator" (not "Prime Minister",
    nor a run of month or weekday names); a PERSON where it is told like one ("Ivo Tarn, who
    runs ...", "Ivo Tarn said", "— Ivo Tarn (@ivo)")."""
    return (
        2 <= len(words) <= 4
        and count >= MIN_UNTAGGED_REPEATS
        and inside_sentence
        and all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words)
        and not any(w.lower() in PERSON_ROLE_WORDS or w.lower() in _CALENDAR_WORDS for w in words)
    )


MIN_PLURAL_NAME = 4  # "Reds" is a word too often; "Harriers", "Colts" are names


@ENTITY_MENTION_TYPE.rule("repeated-plural-name")
def repeated_plural_name(word: str, tag: str, count: int, inside_sentence: bool) -> bool:
    """A capitalised plural proper noun the parser tagged nowhere, written at least twice in
    the article and once inside a sentence, names a group, mostly a team: "the Harriers beat
    Orsk ... the Harriers now lead" -> ORG "Harriers"."""
    return (
        tag == "NNPS"
        and count >= MIN_UNTAGGED_REPEATS
        and inside_sentence
        and len(word) >= MIN_PLURAL_NAME
        and word[:1].isupper()
        and word[1:].islower()
        and word.isalpha()
        and word.lower() not in PERSON_ROLE_WORDS
    )


def _name_like(tok: spacy.tokens.Token) -> bool:
    """A proper noun, or a capitalised common noun inside a sentence ("Internet" to the parser)."""
    return tok.pos_ == "PROPN" or (tok.tag_ == "NN" and tok.is_title and not tok.is_sent_start)


def _capitalised_neighbour(parsed: spacy.tokens.Doc, tok: spacy.tokens.Token) -> bool:
    """A capitalised word right before (inside the sentence) or after the token."""
    nxt = parsed[tok.i + 1] if tok.i + 1 < len(parsed) else None
    prev = parsed[tok.i - 1] if tok.i > 0 else None
    return (nxt is not None and nxt.is_title) or (
        prev is not None and prev.is_title and not prev.is_sent_start
    )


def _untagged_runs(parsed: spacy.tokens.Doc, covered: bytearray) -> list[tuple[int, int]]:
    """Maximal runs of proper nouns outside every entity: [(first token, end token)]."""
    runs, i = [], 0
    while i < len(parsed):
        j = i
        while j < len(parsed) and not covered[j] and _name_like(parsed[j]):
            j += 1
        if j > i:
            runs.append((i, j))
        i = max(j, i + 1)
    return runs


def _repeated_untagged(
    parsed: spacy.tokens.Doc, document: Document, covered: bytearray
) -> list[Mention]:
    """The mentions rule repeated-untagged-name makes in one article."""
    by_text: dict[str, list[tuple[int, int]]] = {}
    inside: set[str] = set()
    people: set[str] = set()
    tags: dict[str, str] = {}
    last_tags: dict[str, str] = {}
    after_the: set[str] = set()
    for i, j in _untagged_runs(parsed, covered):
        span = parsed[i:j]
        by_text.setdefault(span.text, []).append((span.start_char, span.end_char))
        tags[span.text] = parsed[i].tag_ if j == i + 1 else ""
        last_tags[span.text] = parsed[j - 1].tag_
        if _reads_as_person(parsed, i, j):
            people.add(span.text)
        if not parsed[i].is_sent_start:
            inside.add(span.text)
        if i > 0 and parsed[i - 1].lower_ == "the":
            after_the.add(span.text)
    found = []
    on = {rule.id for rule in ENTITY_MENTION_TYPE}
    for text, spans in by_text.items():
        words = text.split()
        if repeated_untagged_name.id in on and repeated_untagged_name(
            words, len(spans), text in inside
        ):
            type_ = "PERSON" if text in people else "PRODUCT"
            found += [_new_mention(document, a, b, text, type_) for a, b in spans]
        elif (
            repeated_plural_name.id in on
            and repeated_plural_name(text, tags[text], len(spans), text in inside)
        ) or (
            plural_name_after_the.id in on
            and plural_name_after_the(words, last_tags[text], text in after_the)
        ):
            found += [_new_mention(document, a, b, text, "ORG") for a, b in spans]
    if repeated_untagged_word.id in on:
        singles = {text for text, spans in by_text.items() if " " not in text}
        found += _repeated_untagged_words(parsed, document, covered, singles)
    return found


def _spans_as_mentions(
    document: Document, mentions: list[Mention], spans: list[tuple[int, int]], type_: str
) -> list[Mention]:
    """Mentions of type `type_` at the spans where no mention stands."""
    if not spans:
        return []
    taken = bytearray(len(document.text))
    for m in mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    return [
        _new_mention(document, a, b, document.text[a:b], type_)
        for a, b in spans
        if not any(taken[a:b])
    ]


def _repeated_untagged_words(
    parsed: spacy.tokens.Doc, document: Document, covered: bytearray, singles: set[str]
) -> list[Mention]:
    """The mentions rule repeated-untagged-word makes: capitalised nouns outside every entity
    and every run of proper nouns ("Internet" is a common noun to the parser), looked up
    where the text writes them (a sentence's first word too) when one stands alone inside a
    sentence (`singles`)."""
    text = document.text
    found = []
    for word in singles:
        if len(word) < MIN_UNTAGGED_WORD or not word.istitle() or text.count(word) < 2:
            continue
        toks = []
        for match in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text):
            span = parsed.char_span(match.start(), match.end())
            if span is None or len(span) != 1:
                continue
            tok = span[0]
            if (
                tok.tag_ in {"NNP", "NN"}
                and not covered[tok.i]
                and not _capitalised_neighbour(parsed, tok)
                and tok.lower_ not in _CALENDAR_WORDS
            ):
                toks.append(tok)
        inside = any(not t.is_sent_start for t in toks)
        if repeated_untagged_word(word, len(toks), inside, text):
            people = any(_reads_as_person(parsed, t.i, t.i + 1) for t in toks)
            type_ = "PERSON" if people else "PRODUCT"
            found += [_new_mention(document, t.idx, t.idx + len(word), word, type_) for t in toks]
    return found


_SAYING_LEMMAS = frozenset({"say", "tell", "write", "add", "post", "state"})


def _reads_as_person(parsed: spacy.tokens.Doc, i: int, j: int) -> bool:
    """Whether the run parsed[i:j] is told like a person: "X, who ...", "X said", a post's
    "— X (@handle)" sign-off."""
    after = [t.text for t in parsed[j : j + 3]]
    before = parsed[i - 1].text if i > 0 else ""
    root = parsed[i:j].root
    return (
        after[:2] == [",", "who"]
        or (after[:1] == ["("] and len(after) > 1 and after[1].startswith("@"))
        or before in {"—", "–", "-"}
        or (root.dep_ == "nsubj" and root.head.lemma_ in _SAYING_LEMMAS)
    )


@ENTITY_MENTION_TYPE.rule("dateline-place")
def dateline_place(m: Mention, norm: str, dateline: bool) -> bool:
    """A short name opening the body before a dash is the place the story is filed from:
    "DUNMAR – Police said ..." with "DUNMAR" labelled ORG -> GPE."""
    return dateline and len(norm.split()) <= 2 and m.type in {"ORG", "PERSON", "NORP"}


@ENTITY_MENTION_TYPE.rule("person-named-in-doc")
def person_named_in_doc(norm: str, full: set[str], surnames: set[str]) -> bool:
    """A name spaCy labelled ORG/GPE/... that is the full name or surname of a person the
    article names is that person: "Okafor" (ORG) after "Selene Okafor" -> PERSON."""
    return norm in full or norm in surnames


@ENTITY_MENTION_TYPE.rule("word-glued-before-person")
def word_glued_before_person(m: Mention, full: set[str]) -> bool:
    """A capitalised word the parser glued before the full name of a person the article names
    elsewhere is that person's descriptor: "American Tavo Renn" (ORG), with "Tavo Renn" named
    in the article -> PERSON "Tavo Renn", descriptor "American"."""
    words = m.text.split()
    return (
        m.type != "PERSON"
        and len(words) >= 3
        and words[0][:1].isupper()
        and normalise_name(" ".join(words[1:])) in full
    )


def _without_first_word(m: Mention) -> Mention:
    cut = len(m.text) - len(m.text[m.text.index(" ") :].lstrip())
    return person_at(m, m.start + cut, m.text[cut:], m.text[:cut].strip())


@ENTITY_MENTION_TYPE.rule("first-name-named-in-doc")
def first_name_named_in_doc(norm: str, full: set[str]) -> bool:
    """A lone word spaCy labelled ORG/GPE/PRODUCT/... that is the given name of exactly one
    person the article names in full is that person: "Kessa" (GPE) after "Kessa Thorne"
    -> PERSON (not when two people of the article share the name)."""
    return " " not in norm and sum(n.split()[0] == norm for n in full) == 1


@ENTITY_MENTION_TYPE.rule("bare-name-as-place")
def bare_name_as_place(m: Mention) -> bool:
    """A one-word PERSON after "in", "near"... or with a place word in its descriptor, that no
    person of the article is called, is a place: "fled to Varesh" (PERSON) -> GPE."""
    return not m.descriptor or not _person_descriptor(m.descriptor)


@ENTITY_MENTION_TYPE.rule("place-name-throughout")
def place_name_throughout(m: Mention, places: set[str]) -> bool:
    """A bare PERSON name the article also uses as a place is a place throughout: "in Dunmar"
    then "Dunmar (PERSON) was quiet" -> GPE."""
    return m.type == "PERSON" and not m.descriptor and normalise_name(m.text) in places


def _person_words(mentions: list[Mention]) -> tuple[set[str], set[str]]:
    """The article's full person names (normalised) and their surnames."""
    full = {normalise_name(m.text) for m in mentions if m.type == "PERSON"}
    full = {n for n in full if len(n.split()) >= 2 and not is_kunya(n.split())}
    surnames = {n.split()[-1] for n in full} | {  # "Tahir-Beg" of "Leyla Tahir-Beg"
        normalise_name(m.text.split()[-1])
        for m in mentions
        if m.type == "PERSON" and " " in m.text.strip() and "-" in m.text.split()[-1]
    }
    return full, surnames


def _reshape_person_spans(
    mentions: list[Mention],
    evidence: tuple[list[bool], list[bool]],
    people: tuple[set[str], set[str]],
    on: set[str],
    text: str = "",
) -> None:
    """A word glued before or a common word after a person's name cut off; two people in one
    span split in two."""
    full, surnames = people
    if word_glued_before_person.id in on:
        for i, m in enumerate(mentions):
            if word_glued_before_person(m, full):
                mentions[i] = _without_first_word(m)
    if two_people_joined.id in on:
        _split_people(mentions, *evidence, full, surnames)
    if common_word_after_person.id in on and text:
        cut_common_word_after_person(mentions, full, text)
    if given_name_left_out.id in on and text:
        add_given_names_left_out(mentions, full, text)


def _fix_labels(
    mentions: list[Mention],
    place_cue: list[bool],
    datelines: list[bool],
    rules: Rules = ENTITY_MENTION_TYPE,
    text: str = "",
) -> None:
    """Document-level label consistency (spaCy's small model often calls a bare surname ORG
    or GPE, and a town PERSON): a bare name that is the surname of a person named in the
    document is a PERSON unless a preposition or dateline makes it a place; a bare PERSON
    name that the document also uses as a place ("in Dunmar") is a place throughout."""
    full, surnames = _person_words(mentions)
    person_words = surnames | {n.split()[0] for n in full}
    on = {rule.id for rule in rules}
    _reshape_person_spans(mentions, (place_cue, datelines), (full, surnames), on, text)
    places: set[str] = set()
    for m, is_place, dateline in zip(mentions, place_cue, datelines, strict=True):
        norm = normalise_name(m.text)
        if dateline_place.id in on and dateline_place(m, norm, dateline):
            m.type = "GPE"
        if m.type in RELABEL_FROM and not is_place:
            if person_named_in_doc.id in on and person_named_in_doc(norm, full, surnames):
                m.type = "PERSON"
            elif first_name_named_in_doc.id in on and first_name_named_in_doc(norm, full):
                m.type = "PERSON"
        elif (
            m.type == "PERSON" and is_place and len(norm.split()) == 1 and norm not in person_words
        ):
            if bare_name_as_place.id in on and bare_name_as_place(m):
                m.type = "GPE"
                places.add(norm)
        elif m.type in PLACE_TYPES and len(norm.split()) == 1:
            places.add(norm)
    if places and place_name_throughout.id in on:
        for m in mentions:
            if place_name_throughout(m, places):
                m.type = "GPE"


def _copy_mention(m: Mention) -> Mention:
    return Mention(m.id, m.doc_id, m.start, m.end, m.text, m.type, m.descriptor)


_MENTION_CACHE: dict[tuple[int, str], tuple[spacy.tokens.Doc, list[Mention]]] = {}


def _cached_mentions(parsed: spacy.tokens.Doc, document: Document) -> list[Mention]:
    """The pipeline calls extract_mentions then find_alias_links on one Doc: parse-free reuse."""
    key = (id(parsed), document.id)
    hit = _MENTION_CACHE.get(key)
    if hit is not None and hit[0] is parsed:
        return hit[1]
    _MENTION_CACHE.clear()
    mentions = extract_mentions(parsed, document)
    _MENTION_CACHE[key] = (parsed, mentions)
    return mentions
