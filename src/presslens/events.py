"""Event mentions: what happened, one record per predicate, with who, whom, where and when.

A claim is a whole sentence; a sentence often tells several events ("troops *entered* the town
and *arrested* two men after the *ambush*"). An event mention is one predicate: a full verb or a
noun that names an event, with its span, its arguments as the sentence gives them, whether it
is negated or hedged ("reportedly"), and whose voice tells it (the outlet's own, or inside a
quote, with the quote's id). Per document this is a pure function of the parsed text.

Across documents, `cluster_events` groups mentions of the same event: the same predicate (a
noun folded to its verb: "the shooting" → "shoot") in documents of the same story, where a story
is a group of documents that share their rare words and names (`group_stories`); documents
about another incident of the same kind stay apart.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from .lexicon import kinds, pairs, words
from .models import Document, EventMention, Quote, make_id
from .nlp import RulesByPos, starts_from
from .rules import Rule, Rules, stage
from .timex import Found, find_time_expressions, value_range
from .unionfind import UnionFind

EVENT_NOUNS = words("event_nouns")
FAMILY_OF = pairs("event_word_families")
NOUN_FAMILY_OF = pairs("event_noun_families")  # a noun whose family is not its verb's: "fire"
EVENT_OBJECT_VERBS = words("event_object_verbs")
VERB_PARTICLES = words("verb_particles")
LEARNED_EVENT_NOUNS = kinds("event_words_learned", "noun")
WORDNET_EVENT_NOUNS = words("event_nouns_wordnet")
LEARNED_STATE_ADJECTIVES = kinds("event_words_learned", "adjective")
NOT_EVENT_NOUNS = words("not_event_nouns")
NOT_STATE_ADJECTIVES = words("not_state_adjectives")
HEDGES = words("hedges")
REPORTING_VERBS = kinds("speech_verbs", "indirect")  # "say", "tell", "announce": acts of telling
UNNAMED_SPEAKERS = (
    words("person_pronouns")
    | words("org_pronouns")
    | words("relative_pronouns")
    | words("first_person_pronouns")
)
DEVERBAL_ENDINGS = ("ing", "tion", "sion", "ment")
MIN_DEVERBAL_LENGTH = 6  # "king", "ring", "thing" are not events
MIN_VERB_FORM = 3  # "go", "do": too short to tell a headline's verb
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "conj", "acl", "parataxis", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TIME_LABELS = frozenset({"DATE", "TIME"})
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
NEGATION_WORDS = frozenset({"not", "n't", "never", "no"})
STORY_SIMILARITY = 0.13  # idf-weighted cosine of two documents' terms to be one story (ECB+ train)
# Documents assumed beside the corpus that share none of its terms: in a corpus of five reports
# of one event the words all five use still weigh (idf log(10/5)), so the reports join (NewsWCL50
# and BASIL train: 0.08 and 0 of same-event pairs joined without it, 1.0 and 0.99 with it).
STORY_BACKGROUND = 5.0
STORY_ATTACH = 0.05  # a lone document joins its nearest document's story this alike (ECB+ train)
STORY_TERMS = 50  # a document's most distinctive terms: its candidates share one
STORY_NEIGHBOURS = 40  # per distinctive term, the next documents having it are candidates
STORY_CANDIDATES = 40  # of those, the ones sharing most terms are compared (linear in corpus)
STORY_POS = frozenset({"PROPN", "NOUN", "NUM"})
# A story chained of alike neighbours is split where its parts are, on average, this little alike
# (ECB+ train, 25 topics of two like incidents each: event-mention CoNLL 0.783 -> 0.793; 0.06 to
# 0.08 all within 0.002).
STORY_PART_LIKENESS = 0.07
STORY_PART_SMALL = 2  # a part of at most this many documents rejoins the part most like it
STORY_PART_MAX = 60  # a larger group keeps the chain's stories (every pair of a group is compared)

EVENT_MENTIONS: Rules = stage("event-mentions", "Which words of a sentence name an event.")
EVENT_CLUSTERS: Rules = stage("event-clusters", "Which event mentions tell the same event.")
EVENT_SPLITS: Rules = stage(
    "event-cluster-splits", "Which mentions of one cluster key still tell different events."
)
STORY_SPLITS: Rules = stage(
    "event-story-splits",
    "Which documents of one story, chained together by alike neighbours, tell different incidents.",
)
EVENT_DATE: Rules = stage("event-date", "Which date an event mention takes: first answer wins.")
FIELD_EVENTS: Rules = stage(
    "field-event-mentions", "Which words of a title or header line name an event the body tells."
)


# --- which words are events ---------------------------------------------------------------


@EVENT_MENTIONS.rule("verb-predicate")
@starts_from("VERB")
def verb_predicate(tok: Token) -> bool:
    """A full verb names an event: "troops entered the town" -> "entered" (not "was", "has")."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() != "be"


@EVENT_MENTIONS.rule("event-noun")
@starts_from("NOUN")
def event_noun(tok: Token) -> bool:
    """A noun of the lexicon's event_nouns: "the funeral was held on Friday" -> "funeral"."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in EVENT_NOUNS


@EVENT_MENTIONS.rule("deverbal-noun")
@starts_from("NOUN")
def deverbal_noun(tok: Token) -> bool:
    """A noun made from a verb: "after the evacuation" -> "evacuation" (not "the government")."""
    lemma = tok.lemma_.lower()
    return (
        tok.pos_ == "NOUN"
        and len(lemma) >= MIN_DEVERBAL_LENGTH
        and lemma.endswith(DEVERBAL_ENDINGS)
        and lemma not in NOT_EVENT_NOUNS
    )


@EVENT_MENTIONS.rule("learned-event-noun")
@starts_from("NOUN")
def learned_event_noun(tok: Token) -> bool:
    """A noun that names an event in most hand-marked news sentences where it occurs (learned
    from ECB+'s train split by scripts/learn_event_words.py): "the offer was rejected" ->
    "offer", "after the transfer" -> "transfer"."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in LEARNED_EVENT_NOUNS


@EVENT_MENTIONS.rule("wordnet-event-noun")
@starts_from("NOUN")
def wordnet_event_noun(tok: Token) -> bool:
    """A noun WordNet files, first and mostly, as an act, an event, a phenomenon or a process
    (the lexicon's event_nouns_wordnet, written by scripts/wordnet_event_nouns.py): "the crowd
    cheered the touchdown" -> "touchdown", "the bullet's ricochet" -> "ricochet"."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in WORDNET_EVENT_NOUNS


@EVENT_MENTIONS.rule("learned-state-adjective")
@starts_from("ADJ")
def learned_state_adjective(tok: Token) -> bool:
    """An adjective that names a state news reports as an event (learned the same way): "the
    guard was found dead" -> "dead", "pleaded guilty" -> "guilty"."""
    return tok.pos_ == "ADJ" and tok.lemma_.lower() in LEARNED_STATE_ADJECTIVES


@EVENT_MENTIONS.rule("event-object-noun")
@starts_from("NOUN")
def event_object_noun(tok: Token) -> bool:
    """The object of a verb whose object is an act (the lexicon's event_object_verbs): "the
    club made an offer" -> "offer", "he suffered a sprain" -> "sprain" (not "made a table")."""
    return (
        tok.pos_ == "NOUN"
        and tok.dep_ in ("dobj", "nsubjpass")
        and tok.head.pos_ == "VERB"
        and tok.head.lemma_.lower() in EVENT_OBJECT_VERBS
    )


@EVENT_MENTIONS.rule("predicative-participle")
@starts_from("ADJ")
def predicative_participle(tok: Token) -> bool:
    """A participle adjective told of someone, a state the news reports: "the inmate is armed
    and dangerous" -> "armed", "the clinic was unlicensed" -> "unlicensed" (not "an alleged
    plot": only a complement of its verb, or one conjoined to it)."""
    if tok.pos_ != "ADJ" or len(tok.text) < MIN_DEVERBAL_LENGTH - 1:
        return False
    return tok.lemma_.lower().endswith("ed") and _is_complement(tok)


@EVENT_MENTIONS.rule("predicative-state-adjective")
@starts_from("ADJ")
def predicative_state_adjective(tok: Token) -> bool:
    """Any adjective told of someone or something as its state: "the hostages are alive" ->
    "alive", "the crowd grew restless and angry" -> "restless", "angry" (not "she is able to",
    "it is unclear": the lexicon's not_state_adjectives; not "a restless crowd": only a
    complement of its verb, or one conjoined to it)."""
    return (
        tok.pos_ == "ADJ" and _is_complement(tok) and tok.lemma_.lower() not in NOT_STATE_ADJECTIVES
    )


def _is_complement(tok: Token) -> bool:
    """Whether the word completes its verb ("is armed", "found dead"), or is conjoined to a word
    that does ("armed and dangerous")."""
    return tok.dep_ in ("acomp", "oprd") or (
        tok.dep_ == "conj" and tok.head.dep_ in ("acomp", "oprd")
    )


@EVENT_MENTIONS.rule("noun-conjoined-to-verb")
@starts_from("NOUN")
def noun_conjoined_to_verb(tok: Token) -> bool:
    """A bare noun conjoined to a verb is a verb the parser mistook: "Quake kills 10; 80 hurt"
    -> "hurt" (not "struck the island and the city": a noun with its determiner)."""
    return (
        tok.pos_ == "NOUN"
        and tok.dep_ == "conj"
        and tok.head.pos_ == "VERB"
        and tok.is_alpha
        and not any(c.dep_ in ("det", "poss") for c in tok.children)
    )


@EVENT_MENTIONS.rule("named-event")
def named_event(tok: Token) -> bool:
    """The head word of a name spaCy labels EVENT: "thousands watched the Olympic Games in
    Velmora" -> "Games" (a named event is told like any other)."""
    return tok.ent_type_ == "EVENT" and tok.ent_iob_ in ("B", "I") and _is_entity_root(tok)


@EVENT_MENTIONS.rule("capitalised-event-noun")
def capitalised_event_noun(tok: Token) -> bool:
    """A capitalised event noun outside any name: "Vesk Flees After Depot Shooting" -> "Shooting".

    Headlines capitalise their words and the parser then takes an event noun for a name; a word
    no name covers is read as the noun it is, and so is one the parser took for a name of that
    one word ("Arson suspected in depot fire": "Arson" as a person). Not the "Shooting Star
    Hotel"; the head of a named event is `named-event`'s."""
    if tok.pos_ != "PROPN" or tok.ent_type_ == "EVENT":
        return False
    if tok.ent_type_ and len(_entity_of(tok) or ()) > 1:
        return False
    lemma = tok.lemma_.lower()
    return _is_event_noun(lemma) or (lemma.endswith("s") and _is_event_noun(lemma[:-1]))


def _is_event_noun(lemma: str) -> bool:
    """Whether the noun rules above take `lemma` (lexicon, learned, WordNet, deverbal)."""
    deverbal = len(lemma) >= MIN_DEVERBAL_LENGTH and lemma.endswith(DEVERBAL_ENDINGS)
    return (
        lemma in EVENT_NOUNS
        or lemma in LEARNED_EVENT_NOUNS
        or lemma in WORDNET_EVENT_NOUNS
        or (deverbal and lemma not in NOT_EVENT_NOUNS)
    )


def _is_entity_root(tok: Token) -> bool:
    ent = _entity_of(tok)
    return ent is not None and ent.root == tok


def _entity_of(tok: Token) -> Span | None:
    """The named entity the token is in, read from its IOB tags (no walk over `doc.ents`)."""
    if tok.ent_iob_ not in ("B", "I"):
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def predicate_lemma(tok: Token) -> str:
    """The lemma an event mention keeps: a verb with the particle right after it, as one
    phrasal verb ("she passed away" -> "pass away", "he checked out of the clinic" -> "check
    out"), else the word's lemma ("checked into the clinic" -> "check"; "checked in Tolvane":
    a preposition with its own object is no particle)."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or tok.i + 1 >= len(tok.doc):
        return lemma
    nxt = tok.doc[tok.i + 1]
    if nxt.head != tok or nxt.lower_ not in VERB_PARTICLES:
        return lemma
    if (
        nxt.dep_ == "prt"
        or nxt.dep_ == "advmod"
        or (nxt.dep_ == "prep" and not any(c.dep_ == "pobj" for c in nxt.children))
    ):
        return f"{lemma} {nxt.lower_}"
    return lemma


def _event_kind(tok: Token) -> str:
    return {"VERB": "verb", "ADJ": "adjective"}.get(tok.pos_, "noun")


def _event_rule(tok: Token, rules: Iterable[tuple[Callable, str]]) -> str | None:
    """The ref of the first rule (function, ref) that takes the word as an event, else None."""
    for fn, ref in rules:
        if fn(tok):
            return ref
    return None


@FIELD_EVENTS.rule("headline-verb-of-the-body")
def headline_verb_of_the_body(tok: Token, body_verbs: dict[str, str]) -> str | None:
    """A headline word the parser took for a name or a noun, which the body uses as a verb:
    "Vesk Quits Over Dam Deal" -> "Quits" (lemma "quit") when the body says "Vesk quit". Gives
    the body's lemma, or None."""
    if tok.pos_ not in ("PROPN", "NOUN") or tok.ent_type_ or not tok.is_alpha:
        return None
    return body_verbs.get(tok.lower_)


def verb_forms(parsed: Doc) -> dict[str, str]:
    """{a form of a verb the parsed text uses, lower-cased: its lemma}: each form as written,
    the lemma itself and its third person ("quits", "quit", "quitting" -> "quit")."""
    forms: dict[str, str] = {}
    for tok in parsed:
        if tok.pos_ == "VERB" and tok.is_alpha and len(tok.text) >= MIN_VERB_FORM:
            lemma = tok.lemma_.lower()
            for form in (tok.lower_, lemma, lemma + "s", lemma + "es"):
                forms.setdefault(form, lemma)
    return forms


# --- arguments ------------------------------------------------------------------------------


def _phrase(tok: Token) -> str:
    """The noun phrase a token heads, without relative clauses: "two armed men"."""
    ent = _entity_in([tok], NAME_LABELS)
    if ent is not None:
        return ent.text
    left = [t for t in tok.lefts if t.dep_ in ("det", "amod", "compound", "nummod", "poss")]
    start = min([tok.i, *[t.left_edge.i for t in left]])
    return tok.doc[start : tok.i + 1].text


def _entity_in(tokens: Iterable[Token], labels: frozenset[str]) -> Span | None:
    for tok in tokens:
        if tok.ent_type_ in labels:
            return _entity_of(tok)
    return None


def _own_phrase(tok: Token) -> list[Token]:
    """The predicate's own words: its subtree without the clauses that tell other events."""
    out: list[Token] = []
    todo = [c for c in tok.children if c.dep_ not in CLAUSE_DEPS]
    while todo:
        t = todo.pop()
        out.append(t)
        todo += [c for c in t.children if c.dep_ not in CLAUSE_DEPS]
    return out


def _arguments(tok: Token) -> dict:
    subject = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
    agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children), None)
    obj = next((c for c in tok.children if c.dep_ in OBJECT_DEPS), None)
    if tok.pos_ == "NOUN":
        subject = subject or next((c for c in tok.children if c.dep_ == "poss"), None)
    own = [t for t in _own_phrase(tok) if t.dep_ not in SUBJECT_DEPS or t.ent_type_ in TIME_LABELS]
    place = _entity_in(own, PLACE_LABELS)
    time = _entity_in(own, TIME_LABELS)
    return {
        "who": _phrase(doer) if (doer := agent or subject) is not None else None,
        "whom": _phrase(obj) if obj is not None else None,
        "where": place.text if place is not None else None,
        "when": time.text if time is not None else None,
    }


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in NEGATION_WORDS for c in tok.children)


def _hedged(tok: Token) -> bool:
    return any(c.lower_ in HEDGES for c in tok.children if c.dep_ in ("advmod", "amod"))


# --- when -------------------------------------------------------------------------------------


@EVENT_DATE.rule("event-date-in-clause")
def date_in_clause(tok: Token, time_at: dict[int, Found]) -> Found | None:
    """The time expression of the predicate's own clause (not of a clause telling another
    event): `Troops entered Orsa on Friday after police said they would leave` -> Friday's
    date for "entered", none for "leave"."""
    for t in sorted(_own_phrase(tok), key=lambda t: t.i):
        if t.i in time_at:
            return time_at[t.i]
    return None


def _time_at_tokens(parsed: Doc, document: Document) -> dict[int, Found]:
    """{token index: the time expression covering it} for the document's body (timex)."""
    tags = {tok.idx: tok.tag_ for tok in parsed}
    out: dict[int, Found] = {}
    for found in find_time_expressions(document.text, document.published, tags=tags):
        span = parsed.char_span(found.start, found.end, alignment_mode="expand")
        for t in span or ():
            out[t.i] = found
    return out


def _event_date(
    tok: Token, time_at: dict[int, Found], rules: Rules
) -> tuple[str | None, str | None]:
    """(value, rule) of the first event-date rule that gives the event a date."""
    for rule in rules:
        found = rule(tok, time_at)
        if found is not None and found.value is not None:
            return found.value, rule.ref
    return None, None


# --- per document -----------------------------------------------------------------------------


def extract_events(
    parsed: Doc,
    document: Document,
    quotes: Sequence[Quote] = (),
    rules: Rules = EVENT_MENTIONS,
    dates: Rules = EVENT_DATE,
    body_verbs: dict[str, str] | None = None,
) -> list[EventMention]:
    """Every event mention of a parsed document, in text order, dated by its own clause. A
    title or header line passes `body_verbs` (`verb_forms` of the body) for the field rules."""
    spans = sorted((q.start, q.end, q.id) for q in quotes)
    time_at = _time_at_tokens(parsed, document)
    table = RulesByPos(rules)  # the enabled rules, read once
    field_rules = list(FIELD_EVENTS) if body_verbs else []
    out = []
    for tok in parsed:
        rule = _event_rule(tok, table(tok.pos))
        if rule is not None:
            lemma, kind = predicate_lemma(tok), _event_kind(tok)
        elif field_rules:
            rule, lemma, kind = _field_event(tok, body_verbs or {}, field_rules)
        if rule is None:
            continue
        sent = tok.sent
        start, end = tok.idx, tok.idx + len(tok.text)
        quote_id = next((qid for qs, qe, qid in spans if qs <= start and end <= qe), None)
        when_value, when_rule = _event_date(tok, time_at, dates)
        out.append(
            EventMention(
                id=make_id(document.id, "event", start),
                doc_id=document.id,
                start=start,
                end=end,
                text=tok.text,
                lemma=lemma,
                kind=kind,
                sentence_start=sent.start_char,
                sentence_end=sent.end_char,
                rule=rule,
                negated=_negated(tok),
                hedged=_hedged(tok),
                quote_id=quote_id,
                when_value=when_value,
                when_rule=when_rule,
                **_arguments(tok),
            )
        )
    return out


def _field_event(
    tok: Token, body_verbs: dict[str, str], field_rules: Sequence[Rule]
) -> tuple[str | None, str, str]:
    """(rule, lemma, kind) of the first field rule that takes the word, else (None, "", "")."""
    for rule in field_rules:
        lemma = rule(tok, body_verbs)
        if lemma is not None:
            return rule.ref, lemma, "verb"
    return None, "", ""


def extract_title_events(
    parsed_title: Doc, document: Document, body_verbs: dict[str, str] | None = None
) -> list[EventMention]:
    """The event mentions of the document's title ("Vesk quits over dam deal"), with
    `field="title"` and offsets into `document.title` (the parse may be of a sentence-cased copy
    of the same length, so each word is read back from the title as written)."""
    return extract_field_events(parsed_title, document, "title", body_verbs=body_verbs)


def extract_field_events(
    parsed_field: Doc,
    document: Document,
    field_name: str,
    rules: Rules = EVENT_MENTIONS,
    body_verbs: dict[str, str] | None = None,
) -> list[EventMention]:
    """The event mentions of the document's `field_name` text: its title, or its header (the
    article's own lines cleaning took out of the body: sub-headlines, standfirsts), each with
    that `field` and offsets into it ("Dam deal collapses after vote" -> "collapses", "vote")."""
    text = getattr(document, field_name) or ""
    field_document = dataclasses.replace(document, text=text)
    events = extract_events(parsed_field, field_document, rules=rules, body_verbs=body_verbs)
    for event in events:
        event.id = make_id(document.id, f"{field_name}-event", event.start)
        event.text = text[event.start : event.end]
        event.field = field_name
    return events


def story_terms(parsed: Doc) -> Counter:
    """What a document is about, as countable terms: names and noun lemmas, lower-cased."""
    terms: Counter = Counter()
    for ent in parsed.ents:
        terms[ent.text.lower()] += 1
    for tok in parsed:
        if tok.pos_ in STORY_POS and not tok.is_stop and len(tok.text) > 2:
            terms[tok.lemma_.lower()] += 1
    return terms


# --- across documents -------------------------------------------------------------------------


def _vector(terms: Counter, idf: dict[str, float]) -> dict[str, float]:
    weights = {t: (1 + math.log(c)) * idf[t] for t, c in terms.items() if idf.get(t, 0) > 1e-9}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


def _top_terms(vector: dict[str, float]) -> list[str]:
    return [t for t, _ in sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:STORY_TERMS]]


def group_stories(terms_of: dict[str, Counter]) -> dict[str, str]:
    """{doc id: story id}: documents whose terms are close enough (idf-weighted cosine) are one
    story, and a story holds whatever its documents' links chain together.

    Candidates share one of their most distinctive terms (an inverted index, never all pairs).
    A term's idf counts `STORY_BACKGROUND` documents beside the corpus, so a small corpus of one
    event's reports is one story, not one per report.
    """
    n = len(terms_of)
    df: Counter = Counter(t for terms in terms_of.values() for t in terms)
    idf = {t: math.log((n + STORY_BACKGROUND) / d) for t, d in df.items()}
    vectors = {doc: _vector(terms_of[doc], idf) for doc in sorted(terms_of)}
    top = {doc: _top_terms(vector) for doc, vector in vectors.items()}
    index: dict[str, list[str]] = defaultdict(list)  # term -> documents, in id order
    for doc, terms in top.items():
        for term in terms:
            index[term].append(doc)
    uf = UnionFind(sorted(terms_of))
    loose = UnionFind(sorted(terms_of))  # chained by pairs only `STORY_ATTACH` alike
    nearest: dict[str, tuple[float, str]] = {}  # doc -> (similarity, its most similar doc)
    for doc, vector in vectors.items():
        for other in _story_candidates(doc, top[doc], index):
            if uf.find(doc) == uf.find(other):
                continue  # one story already: neither is lone, so neither needs its nearest
            similarity = _likeness(vector, vectors[other])
            if similarity >= STORY_ATTACH:
                loose.union(doc, other)
            if similarity >= STORY_SIMILARITY:
                uf.union(doc, other)
            for a, b in ((doc, other), (other, doc)):
                if similarity > nearest.get(a, (0.0, ""))[0]:
                    nearest[a] = (similarity, b)
    _attach_lone_documents(uf, nearest)
    story_of = {doc: uf.find(doc) for doc in terms_of}
    for split in STORY_SPLITS:
        story_of = _regroup_stories(story_of, loose, vectors, split)
    return story_of


def _regroup_stories(
    story_of: dict[str, str],
    loose: UnionFind,
    vectors: dict[str, dict[str, float]],
    split: Rule,
) -> dict[str, str]:
    """The stories again, each group of 3 to `STORY_PART_MAX` documents chained by loosely
    alike pairs (`loose`) regrouped into the parts `split` gives (a part is named by its first
    document); a larger group keeps the stories the closer chain made."""
    groups: dict[str, list[str]] = defaultdict(list)
    for doc in sorted(story_of):
        groups[loose.find(doc)].append(doc)
    out = dict(story_of)
    for docs in groups.values():
        if 2 < len(docs) <= STORY_PART_MAX:
            for part in split([vectors[doc] for doc in docs]):
                out.update(dict.fromkeys((docs[i] for i in part), docs[part[0]]))
    return out


def _likeness(a: dict[str, float], b: dict[str, float]) -> float:
    """The cosine of two unit term vectors, summed over the shorter one."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return sum(w * large.get(t, 0.0) for t, w in small.items())


@STORY_SPLITS.rule("story-parts-on-average-alike")
def story_parts_on_average_alike(vectors: list[dict[str, float]]) -> list[list[int]]:
    """Parts of one story whose documents are alike on average, not just through a chain: two
    title fights of one boxer, his name in every report, chain into one story, but the reports
    of each fight are more alike among themselves (its opponent, its town) than across.

    Average-link merging of the documents (given as unit term vectors) while two parts are at
    least `STORY_PART_LIKENESS` alike on average; a part of at most `STORY_PART_SMALL`
    documents then rejoins the large part most like it; with no large part, no parts are
    given and the documents keep the stories the chain made.

    >>> fight_a, fight_b = {"vesk": 0.6, "orsa": 0.8}, {"vesk": 0.6, "tarsk": 0.8}
    >>> story_parts_on_average_alike([fight_a, fight_a, fight_a, fight_b, fight_b, fight_b])
    [[0, 1, 2], [3, 4, 5]]
    """
    n = len(vectors)
    likeness = [[1.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            likeness[i][j] = likeness[j][i] = _likeness(vectors[i], vectors[j])
    parts = {i: [i] for i in range(n)}
    summed = {(i, j): likeness[i][j] for i in range(n) for j in range(i + 1, n)}
    average = dict(summed)  # (part, part) -> their documents' mean likeness; parts by first id
    while average:
        a, b = max(average, key=average.__getitem__)
        if average[a, b] < STORY_PART_LIKENESS:
            break
        parts[a] += parts.pop(b)
        for c in parts:
            if c != a:
                ac, bc = (min(a, c), max(a, c)), (min(b, c), max(b, c))
                summed[ac] += summed.pop(bc)
                average[ac] = summed[ac] / (len(parts[a]) * len(parts[c]))
                del average[bc]
        del summed[a, b], average[a, b]
    return _rejoin_small_parts(list(parts.values()), likeness)


def _rejoin_small_parts(parts: list[list[int]], likeness: list[list[float]]) -> list[list[int]]:
    """Each part of at most `STORY_PART_SMALL` documents joins the large part it is on average
    most like; no large part: no parts (the stories stay as the chain made them)."""
    large = [sorted(p) for p in parts if len(p) > STORY_PART_SMALL]
    if not large:
        return []
    for part in (p for p in parts if len(p) <= STORY_PART_SMALL):
        nearest = max(
            large, key=lambda big: sum(likeness[i][j] for i in part for j in big) / len(big)
        )
        nearest.extend(part)
    return sorted(sorted(p) for p in large)


def _story_candidates(doc: str, terms: list[str], index: dict[str, list[str]]) -> list[str]:
    """The documents after `doc` to compare it with: per distinctive term, the next
    `STORY_NEIGHBOURS` documents that have it (a sorted-neighbourhood block, so a corpus of
    one story is not all pairs); of those, the `STORY_CANDIDATES` sharing the most terms.

    >>> index = {"dam": ["a", "b", "c"], "vote": ["a", "c"]}
    >>> _story_candidates("a", ["dam", "vote"], index)
    ['c', 'b']
    """
    shared: Counter = Counter()
    for term in terms:
        posting = index[term]
        i = bisect.bisect_right(posting, doc)
        shared.update(posting[i : i + STORY_NEIGHBOURS])
    ranked = sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))
    return [other for other, _ in ranked[:STORY_CANDIDATES]]


def _attach_lone_documents(uf: UnionFind, nearest: dict[str, tuple[float, str]]) -> None:
    """A document left alone joins the story of the document most like it, when that one is
    at least `STORY_ATTACH` alike: a short report of one event shares fewer rare words with
    the others than they share among themselves."""
    size = Counter(uf.find(doc) for doc in nearest)
    lone = [doc for doc in sorted(nearest) if size[uf.find(doc)] == 1]
    for doc in lone:
        similarity, other = nearest[doc]
        if similarity >= STORY_ATTACH:
            uf.union(doc, other)


def _verb_of(noun: str, verbs: set[str]) -> str:
    """The verb a deverbal noun comes from, when the corpus uses it: "shooting" -> "shoot",
    "negotiation" -> "negotiate", "election" -> "elect", "announcement" -> "announce"."""
    for ending, cut in (("ing", 3), ("ion", 3), ("ment", 4)):
        if not noun.endswith(ending) or len(noun) - cut < 3:
            continue
        stem = noun[:-cut]
        doubled = stem[:-1] if stem[-1:] == stem[-2:-1] else None
        for candidate in (stem, stem + "e", doubled):
            if candidate and candidate in verbs:
                return candidate
    return noun


@EVENT_CLUSTERS.rule("same-family-same-story")
def same_family_same_story(event: EventMention, story: str, verbs: set[str]) -> tuple:
    """Mentions of one predicate family in one story are one event: "died", "the death" and
    "was killed" in two reports of the same crash -> one cluster (the lexicon's
    event_word_families; a noun of event_noun_families keys on its own family: "the fire" is
    a blaze where "fired" is a shot); a predicate in no family keys on itself, as below."""
    if event.kind == "noun" and event.lemma in NOUN_FAMILY_OF:
        return (story, NOUN_FAMILY_OF[event.lemma])
    lemma = _verb_of(event.lemma, verbs) if event.kind == "noun" else event.lemma
    return (story, FAMILY_OF.get(lemma, lemma))


@EVENT_CLUSTERS.rule("same-predicate-same-story")
def same_predicate_same_story(event: EventMention, story: str, verbs: set[str]) -> tuple:
    """Mentions of one predicate in one story are one event: "shot" and "the shooting" in two
    reports of the same attack -> one cluster; a shooting in another story stays apart."""
    lemma = _verb_of(event.lemma, verbs) if event.kind == "noun" else event.lemma
    return (story, lemma)


def _speaker_word(event: EventMention) -> str | None:
    """The last word of the doer as written, lower-cased, unless a pronoun: "Chief Vesk" ->
    "vesk", "police" -> "police", "he" -> None."""
    words_ = (event.who or "").lower().split()
    return words_[-1] if words_ and words_[-1] not in UNNAMED_SPEAKERS else None


@EVENT_SPLITS.rule("reporting-verb-by-speaker")
def reporting_verb_by_speaker(event: EventMention, usual: str | None) -> str | None:
    """A reporting verb keys on its speaker too: "Vesk said" and "police said" are two events.

    Within one cluster key (one story, one predicate family), each speaker's telling is its own
    event; "he said" (no name) joins `usual`, the speaker the key's reporting verbs most often
    have. Not a reporting verb: None (no split)."""
    if event.lemma not in REPORTING_VERBS:
        return None
    return _speaker_word(event) or usual


def cluster_events(
    events: Iterable[EventMention],
    story_of: dict[str, str],
    rules: Rules = EVENT_CLUSTERS,
    splits: Rules = EVENT_SPLITS,
) -> list[EventMention]:
    """Set `cluster_id` on every event mention (a mention alone is a cluster of one): the first
    event-clusters rule gives each mention a key (blocking: one pass, no pairs), and each
    event-cluster-splits rule may add a part that tells the key's mentions apart."""
    events = list(events)
    verbs = {e.lemma for e in events if e.kind == "verb"}
    keyed = [r for r in rules]
    keys = []
    for event in events:
        story = story_of.get(event.doc_id, event.doc_id)
        keys.append(keyed[0](event, story, verbs) if keyed else (event.id,))
    for split in splits:
        usual_of = _usual_speakers(events, keys)
        keys = [
            (*key, part) if (part := split(event, usual_of.get(key))) is not None else key
            for event, key in zip(events, keys, strict=True)
        ]
    for event, key in zip(events, keys, strict=True):
        event.cluster_id = make_id("event-cluster", *key)
    return events


def _usual_speakers(events: list[EventMention], keys: list[tuple]) -> dict[tuple, str]:
    """{cluster key: the speaker its reporting verbs most often name} (ties: alphabetical)."""
    counts: dict[tuple, Counter] = defaultdict(Counter)
    for event, key in zip(events, keys, strict=True):
        if event.lemma in REPORTING_VERBS and (word := _speaker_word(event)) is not None:
            counts[key][word] += 1
    return {k: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for k, c in counts.items()}


def cluster_dates(dated: Iterable[tuple[str, str | None, str]]) -> dict:
    """The dates one event's mentions give, never resolved silently: `dated` is (event mention
    id, its `when_value`, its outlet). Returns {"date": the value most mentions give (then the
    finest, then the earliest), "dates": [{value, mentions, outlets, event_ids}] most told first,
    "dates_differ": whether two of them cannot be the same day}. "2024-03-03" and "2024-03"
    agree (the month holds the day); "2024-03-03" and "2024-03-05" differ."""
    by_value: dict[str, dict] = {}
    for event_id, value, outlet in dated:
        if not value or value_range(value) is None:
            continue
        row = by_value.setdefault(
            value, {"value": value, "mentions": 0, "outlets": set(), "event_ids": []}
        )
        row["mentions"] += 1
        row["outlets"].add(outlet)
        row["event_ids"].append(event_id)
    rows = sorted(by_value.values(), key=lambda r: (-r["mentions"], -len(r["value"]), r["value"]))
    for row in rows:
        row["outlets"] = sorted(row["outlets"])
    ranges = [value_range(r["value"]) for r in rows]
    differ = any(
        a[1] < b[0] or b[1] < a[0] for i, a in enumerate(ranges) for b in ranges[i + 1 :] if a and b
    )
    return {"date": rows[0]["value"] if rows else None, "dates": rows, "dates_differ": differ}
