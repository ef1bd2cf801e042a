"""How an outlet names each actor in one parsed document, in its own voice only.

Each rule of the "framing-naming" stage reads one construction off the dependency parse:

- a title or premodifier before a name: "Deputy Foreign Minister Abbas Tarvel", "rebel leader X";
- an apposition: "Abbas Tarvel, the regime's chief negotiator," -> "chief negotiator";
- a predicate nominal or adjective: "the Front is a terrorist group" -> "terrorist group";
- a noun phrase headed by an actor noun, named or not: "the angry protesters", "the administration";
- a predicate: what the outlet says an actor did ("the envoy stormed out" -> "stormed out"),
  or sought to do ("the council sought to block the levy" -> "sought to block").

An actor with a name is anchored on the name (`Naming.actor_start`), which the entity resolver
owns; an unnamed one is known by its head noun and the modifiers saying which one
(`Naming.concept`: "transit official"), grouped within the story later. Nothing inside a
speaker's words is read (`OutletVoice`). presslens reports the words; it never labels an actor.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import spacy.symbols
from spacy.tokens import Doc, Span, Token

from ..lexicon import kinds, valence, words
from ..models import Document, Naming, Quote, make_id
from ..nlp import RulesByPos, starts_from, token_starting_at
from ..rules import Rules, stage
from .voice import OutletVoice

FRAMING_NAMING: Rules = stage(
    "framing-naming", "How an outlet names an actor, in its own voice: each construction read."
)

NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})
ACTOR_NOUNS = (
    words("actor_nouns")
    | words("person_role_nouns")
    | words("org_role_nouns")
    | kinds("titles", "person-title")
    | kinds("titles", "person-role")
)
NOT_ACTOR_NOUNS = words("not_actor_nouns")
KINSHIP_NOUNS = words("kinship_nouns")
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "nummod", "npadvmod", "advmod", "quantmod"})
LEADING_DROPS = frozenset({"det", "poss", "case", "punct", "predet", "cc", "prep"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
COPULAS = frozenset({"be", "become", "remain"})  # "X is/became/remained Y": Y is said of X
STANCE_VERBS = words("stance_verbs")
INTENT_VERBS = words("intent_verbs")
LOADED_VALENCE = 1.0  # |VADER valence| from which a word carries a stance (NewsWCL50/BASIL train)
NOT_LOADED = words("not_loaded_words")
HEDGES = words("hedges")
PERSON_PRONOUNS = words("person_pronouns")
ORG_PRONOUNS = words("org_pronouns")
PERSON_OBJECT_PRONOUNS = words("person_object_pronouns")
PERSON_POSSESSIVES = words("person_possessive_pronouns")
PRONOUN_REACH = 2  # sentences back (the pronoun's own included) searched for its person
PRESS_AUDIENCE = words("press_audience_nouns")
CUE_VERBS = kinds("speech_verbs", "cue")
PLAIN_VERBS = words("light_predicates") | words("stative_verbs")
CONTROLLED_DEPS = frozenset({"xcomp", "advcl"})  # "sought to close X", "left, seeking X"
# "accused Vesk of leaking", "blamed Vesk for losing": the object did what the clause says
OBJECT_BLAME_PREPOSITIONS = frozenset({"of", "for"})
MAX_ACTION_WORDS = 8  # a verb and the noun phrase it acts on, at most: longer is a clause
SETTING_LABELS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})  # where and when an act was
# An actor's act read whole ("raised the draconian levy"): its loaded words are read again alone.
ACTION_RULES = frozenset({"actor-action-object", "actor-action-prep-object"})
HONORIFICS = kinds("titles", "honorific")
NOT_NATIONALITY = words("not_nationality_words")
COUNTRY_NAMES = words("country_names")
NAMED_GROUP_LABELS = frozenset({"ORG", "GPE", "FAC", "NORP"})  # a title word inside is the name's
STATE_MEDIA = kinds("state_media_words", "head")
STATE_CONTROL = kinds("state_media_words", "control")
COUNT_WORDS = frozenset({"both"})  # with numerals: "the two Koreas", "both Valdorias"
WHICH_PREPOSITIONS = frozenset({"from", "in", "on", "at", "to", "for"})
MAX_OF_PHRASE = 4  # "secretary of state", "chief of staff": a short of-phrase is part of the role


class Context:
    """One document's parse and the outlet-voice test, shared by the rules."""

    def __init__(self, parsed: Doc, document: Document, quotes: Sequence[Quote]) -> None:
        self.parsed = parsed
        self.document = document
        self.voice = OutletVoice(document.text, quotes)
        self.name_of: dict[int, Span] = {}
        for ent in parsed.ents:
            if ent.label_ in NAME_LABELS:
                for tok in ent:
                    self.name_of[tok.i] = ent

    def own(self, tokens: Sequence[Token]) -> bool:
        """Whether the tokens are all in the outlet's own voice."""
        return bool(tokens) and self.voice.is_outlets(
            tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        )

    def naming(
        self, tokens: Sequence[Token], kind: str, rule: str, stage: Rules | None = None, **actor
    ) -> Naming | None:
        """A Naming over contiguous tokens, or None when empty or in a speaker's words; `rule`
        is registered in `stage` (the framing-naming stage by default)."""
        tokens = _trim(tokens)
        if not tokens or not self.own(tokens):
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        text = self.document.text[start:end]
        term = normalise_words(text)
        if not term or not any(ch.isalpha() for ch in term):
            return None
        return Naming(
            id=make_id(self.document.id, "naming", start, end, rule),
            doc_id=self.document.id,
            start=start,
            end=end,
            text=text,
            term=term,
            kind=kind,
            rule=(stage or FRAMING_NAMING).ref(rule),
            **actor,
        )


def normalise_words(text: str) -> str:
    """Lower-case, one space, no leading article or possessive, no edge punctuation.

    >>> normalise_words("The  Regime's")
    "regime's"
    """
    words_ = text.lower().replace("’", "'").split()
    while words_ and words_[0] in {"the", "a", "an", "its", "their", "his", "her", "our"}:
        words_ = words_[1:]
    return " ".join(words_).strip(" ,.;:\"'“”()-")


def _trim(tokens: Sequence[Token]) -> list[Token]:
    """Drop determiners, possessives, punctuation and conjunctions at both edges."""
    out = list(tokens)
    while out and (out[0].dep_ in LEADING_DROPS or out[0].is_punct or out[0].pos_ == "DET"):
        if out[0].dep_ == "poss" and (out[0].pos_ in {"PRON", "PROPN"} or len(out) == 1):
            break  # "his administration", "Valdor's envoy" as written (the term drops "his");
        out = out[1:]  # a head that is itself a possessor stays: "the envoy's" -> "envoy"
    while out and (out[-1].is_punct or out[-1].dep_ in {"cc", "case", "prep"}):
        out = out[:-1]
    return out


# --- what an actor is ---------------------------------------------------------------------


def is_actor_noun(tok: Token) -> bool:
    """A common noun naming a person by role, a group of people or an institution."""
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    lemma = tok.lemma_.lower()
    if tok.pos_ == "PROPN" and tok.tag_ == "NNPS" and lemma.endswith("s"):
        lemma = lemma[:-1]  # "Senators" tagged a proper noun keeps its plural as lemma
    return (lemma in ACTOR_NOUNS or tok.lower_ in ACTOR_NOUNS) and lemma not in NOT_ACTOR_NOUNS


def bare_kinship(head: Token) -> bool:
    """A kinship noun with no word describing the person: "his wife", "Vesk's brother" (a
    relation between two persons, no naming), where "his estranged wife" describes her."""
    if head.lemma_.lower() not in KINSHIP_NOUNS and head.lower_ not in KINSHIP_NOUNS:
        return False
    return not any(t.dep_ in {"amod", "compound", "nummod"} for t in premodifiers(head)[:-1])


def premodifiers(head: Token) -> list[Token]:
    """The contiguous modifiers before a head noun, with the head: "the angry young protesters"."""
    left = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ not in MODIFIER_DEPS and child.dep_ not in {"det", "poss", "punct"}:
            break
        if child.dep_ == "poss":
            if child.pos_ == "PRON":  # "his administration": kept as written, dropped from the term
                left = min(left, child.i)
            break  # "Iran's foreign minister": the possessor is another actor
        left = min(left, child.left_edge.i)
    return list(head.doc[left : head.i + 1])


def of_phrase(head: Token) -> list[Token]:
    """A short "of" phrase after a role noun: "secretary of state", "chief of staff"; or a short
    phrase right after it saying which ones: "envoys from the south", "ambassador to Kessara"."""
    for child in head.rights:
        if child.dep_ != "prep":
            continue
        if child.lower_ == "of" or (child.lower_ in WHICH_PREPOSITIONS and child.i == head.i + 1):
            tokens = list(child.subtree)
            if len(tokens) <= MAX_OF_PHRASE:
                return tokens
    return []


def actor_anchor(ctx: Context, tok: Token) -> dict | None:
    """The actor a token refers to: its name's span, or the concept of an unnamed actor noun."""
    ent = ctx.name_of.get(tok.i)
    if ent is not None and ent.label_ != "NORP":
        return {"actor_start": ent.start_char, "actor_end": ent.end_char}
    if ent is not None or is_actor_noun(tok):
        return {"concept": concept_of(tok)}
    return None


FRAMING_REFERENCE: Rules = stage(
    "framing-reference",
    "Which actor the subject of a framing predicate refers to: a person's pronoun, or the doer "
    "of a clause with no subject of its own (the naming rules ask it).",
)


@FRAMING_REFERENCE.rule("reported-clause-pronoun")
def reported_clause_pronoun(ctx: Context, tok: Token) -> dict | None:
    """The actor a pronoun subject of a reported clause refers to: the one who reports it, the
    subject of the verb the clause completes, when it is a person's name for "he" or "she"
    ("Ilan Vesk told Tal Ren he would leave" -> Ilan Vesk) and a group, a place or an
    institution for "it" or "they" ("Valdor said it would close the border" -> Valdor, "the
    envoys made clear they were ready" -> the envoys); None otherwise."""
    person = tok.lower_ in PERSON_PRONOUNS
    if not (person or tok.lower_ in ORG_PRONOUNS) or tok.dep_ not in SUBJECT_DEPS:
        return None
    clause = tok.head
    if clause.dep_ != "ccomp" or clause.head.pos_ not in {"VERB", "AUX"}:
        return None
    reporter = next((c for c in clause.head.children if c.dep_ in SUBJECT_DEPS), None)
    if reporter is None:
        return None
    if person:
        return _person_named(ctx, reporter)
    if reporter.ent_type_ == "PERSON" or reporter.pos_ == "PRON":
        return None  # "it" is no person; a pronoun reporter is not followed further
    return actor_anchor(ctx, reporter)


@FRAMING_REFERENCE.rule("person-pronoun-subject")
def pronoun_anchor(ctx: Context, tok: Token) -> dict | None:
    """The person a subject "he" or "she" refers to: the one person named before it in its own
    sentence or the one before ("Ilan Vesk resigned. He had stormed out" -> Ilan Vesk); None
    when none is named there, or two different persons are ("Vesk met Tal Ren; he left")."""
    if tok.lower_ not in PERSON_PRONOUNS or tok.dep_ not in SUBJECT_DEPS:
        return None
    return one_person_before(tok)


def one_person_before(tok: Token) -> dict | None:
    """The one person named before a token in its sentence or the one before, or None."""
    first = tok.sent.start
    for _ in range(PRONOUN_REACH - 1):
        if first > 0:
            first = tok.doc[first - 1].sent.start
    persons = [ent for ent in tok.doc.ents if ent.label_ == "PERSON" and first <= ent.start < tok.i]
    if not persons or len({ent[-1].lower_ for ent in persons}) > 1:
        return None
    return {"actor_start": persons[-1].start_char, "actor_end": persons[-1].end_char}


def _person_named(ctx: Context, tok: Token) -> dict | None:
    """The span of the person's name a token is part of, or None."""
    ent = ctx.name_of.get(tok.i)
    if ent is None or ent.label_ != "PERSON":
        return None
    return {"actor_start": ent.start_char, "actor_end": ent.end_char}


@FRAMING_REFERENCE.rule("owner-of-subject")
def owner_of_subject(ctx: Context, tok: Token) -> dict | None:
    """The actor a subject that is no actor stands for: its named owner, whose statement, move
    or plan it is ("Ilan Vesk's remarks could derail the talks" -> Ilan Vesk, "the
    council's plan backfired" -> the council); None for an owner that is no actor."""
    if tok.pos_ != "NOUN" or tok.dep_ not in SUBJECT_DEPS or is_actor_noun(tok):
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is not None and owner.lower_ in PERSON_POSSESSIVES:
        return one_person_before(owner)  # "his remarks": the one person named just before
    if owner is None or owner.pos_ == "PRON":
        return None
    return actor_anchor(ctx, owner)


PRONOUN_RULES = ("reported-clause-pronoun", "person-pronoun-subject", "owner-of-subject")


def subject_actor(ctx: Context, subject: Token) -> dict | None:
    """The actor a verb's subject refers to: a name or actor noun, or a person's pronoun (the
    framing-reference rules, in order, when enabled)."""
    found = actor_anchor(ctx, subject)
    for rule_id in PRONOUN_RULES:
        if found is not None:
            break
        if FRAMING_REFERENCE.enabled(rule_id):
            found = FRAMING_REFERENCE[rule_id](ctx, subject)
    return found


def concept_of(head: Token) -> str:
    """The key of an unnamed actor: head lemma with the name-like modifiers that say which one.

    Adjectives are left out, since they are the framing: "angry protesters" and "the protesters"
    are one actor named two ways; "transit officials" and "officials" may be two.
    """
    keep = [
        t.lower_
        for t in premodifiers(head)[:-1]
        if t.dep_ in {"compound", "nmod"} or t.ent_type_ in NAME_LABELS
    ]
    owner = named_possessor(head)  # "Valdor's envoy" and "Tarn's envoy" are two actors
    if owner is not None:
        keep = [normalise_words(owner.text), *keep]
    return " ".join([*keep, head.lemma_.lower()])


# --- the rules ----------------------------------------------------------------------------


@FRAMING_NAMING.rule("title-before-name")
@starts_from("PROPN")
def title_before_name(ctx: Context, tok: Token) -> Iterator[Naming]:
    """Words before a name that say who the named one is: "Deputy Foreign Minister Abbas Tarvel"
    -> "deputy foreign minister", "the rebel commander Ilan Vesk" -> "rebel commander"."""
    if tok.pos_ != "PROPN" or (tok.dep_ in {"compound", "flat"} and tok.head.pos_ == "PROPN"):
        return  # a name's last word, or the last one the parser read ("Ahn Sol-mi" -> "Sol")
    start = tok.i  # the name: proper nouns ending at the head, up to the first title word
    while start > 0 and _in_name(tok.doc[start - 1]) and tok.doc[start - 1].head.i >= start:
        start -= 1
    name = tok.doc[start : tok.i + 1]
    ent = ctx.name_of.get(tok.i) or next(
        (ctx.name_of[t.i] for t in name if t.i in ctx.name_of), None
    )
    if ent is None or ent.label_ == "NORP":
        return
    before = [t for t in premodifiers(tok) if t.i < start]
    if ent.label_ in NAMED_GROUP_LABELS:  # "the State Department": "State" is the name's
        before = [t for t in before if t.i < ent.start]
    if any(t.ent_type_ in {"DATE", "TIME"} or t.text == "," for t in before):
        return  # "said Monday, Ministry X": a parse that ran across the clause
    if not any(t.pos_ == "NOUN" or t.lemma_.lower() in ACTOR_NOUNS for t in before):
        return
    naming = ctx.naming(
        before, "title", "title-before-name", actor_start=name.start_char, actor_end=name.end_char
    )
    if naming:
        yield naming


def _in_name(tok: Token) -> bool:
    """A name word, or the hyphen between two of them ("Ahn Sol-mi")."""
    if tok.tag_ == "HYPH" and not tok.whitespace_ and tok.i > 0:
        return _name_word(tok.doc[tok.i - 1]) and not tok.doc[tok.i - 1].whitespace_
    return _name_word(tok)


def _name_word(tok: Token) -> bool:
    """A word of a person's or group's name, not a title before it ("Minister" in "Minister X")."""
    return (
        tok.pos_ == "PROPN"
        and tok.lemma_.lower() not in ACTOR_NOUNS
        and tok.lower_ not in ACTOR_NOUNS
    )


@FRAMING_NAMING.rule("apposition")
@starts_from("NOUN")
def apposition(ctx: Context, tok: Token) -> Iterator[Naming]:
    """A noun phrase set beside a name says who the named one is: "Ilan Vesk, the militia's
    commander," -> "commander" for Ilan Vesk."""
    if tok.dep_ != "appos" or tok.pos_ != "NOUN":
        return
    anchor = _name_before(ctx, tok.left_edge) or actor_anchor(ctx, tok.head)
    if anchor is None or not (is_actor_noun(tok) or _person_anchor(ctx, anchor)):
        return  # "Orvane, the capital," says what a place is, not how an actor is named
    if bare_kinship(tok):
        return  # "Tal Ren, his wife,": a relation, not a naming
    naming = ctx.naming(premodifiers(tok) + of_phrase(tok), "apposition", "apposition", **anchor)
    if naming:
        yield naming


def _person_anchor(ctx: Context, anchor: dict) -> bool:
    """Whether an anchor is a person's name."""
    start = anchor.get("actor_start")
    tok = token_starting_at(ctx.parsed, start) if start is not None else None
    return tok is not None and tok.ent_type_ == "PERSON"


def _name_before(ctx: Context, left: Token) -> dict | None:
    """The name just before "NAME, the appositive": the parser may hang the apposition on a
    noun further left ("Fighters of the Tarn Front, a rebel movement"), the reader does not."""
    i = left.i - 1
    if i < 1 or left.doc[i].text != ",":
        return None
    ent = ctx.name_of.get(i - 1)
    if ent is None or ent.label_ == "NORP" or ent.end != i:
        return None
    return {"actor_start": ent.start_char, "actor_end": ent.end_char}


@FRAMING_NAMING.rule("predicate-nominal")
def predicate_nominal(ctx: Context, tok: Token) -> Iterator[Naming]:
    """What an actor is said to be: "the Front is a terrorist group" -> "terrorist group";
    "the minister was defiant" -> "defiant" (an attribute)."""
    if tok.dep_ not in {"attr", "acomp", "oprd"} or tok.head.lemma_ not in COPULAS:
        return
    anchor = subject_anchor(ctx, tok.head)
    if anchor is None:
        return
    if tok.pos_ in {"NOUN", "PROPN"} and tok.i not in ctx.name_of:
        tokens, kind = premodifiers(tok) + of_phrase(tok), "predicate-nominal"
    elif tok.pos_ == "ADJ":
        tokens, kind = list(tok.subtree), "attribute"
    else:
        return
    naming = ctx.naming(tokens, kind, "predicate-nominal", **anchor)
    if naming:
        yield naming


@FRAMING_NAMING.rule("adjective-clause-head")
@starts_from("ADJ")
def adjective_clause_head(ctx: Context, tok: Token) -> Iterator[Naming]:
    """What an actor is said to be, an adjective the parse makes the head of its clause, with
    the subject and "was" hanging on it (predicate-nominal reads one after a copula): "Ilan
    Vesk was irritated at the council" -> "irritated" for Ilan Vesk, with its adverbs."""
    if tok.pos_ != "ADJ" or tok.dep_ in {"amod", "acomp", "oprd", "attr"}:
        return
    if not any(c.dep_ in {"aux", "auxpass"} and c.lemma_ in COPULAS for c in tok.children):
        return
    subject = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
    anchor = subject_actor(ctx, subject) if subject is not None else None
    if anchor is None:
        return
    first = tok.i  # with the adverbs right before it: "deeply irritated", "not ready"
    while first > 0 and tok.doc[first - 1].dep_ in {"advmod", "neg"}:
        first -= 1
    tokens = list(tok.doc[first : tok.i + 1])
    naming = ctx.naming(tokens, "attribute", "adjective-clause-head", **anchor)
    if naming:
        yield naming


@FRAMING_NAMING.rule("actor-noun-phrase")
@starts_from("NOUN", "PROPN")
def actor_noun_phrase(ctx: Context, tok: Token) -> Iterator[Naming]:
    """A noun phrase headed by an actor noun, with its modifiers: "the angry protesters",
    "Valdorian officials", "the Tarn administration" (an unnamed actor, grouped by concept);
    a bare kinship noun ("his wife") is a relation, not a naming."""
    if not is_actor_noun(tok) or tok.i in ctx.name_of or tok.dep_ in {"appos", "compound"}:
        return
    if tok.dep_ in {"attr", "oprd"} and tok.head.lemma_ in COPULAS:
        if subject_anchor(ctx, tok.head) is not None:
            return  # a predicate nominal, read by its own rule ("there are troops" is not)
    if press_audience(tok) or bare_kinship(tok):
        return  # "told reporters", "his wife": the press hearing it, a relation
    tokens = premodifiers(tok)
    owner = named_possessor(tok)
    if owner is not None:  # "Valdor's ambassador": the name says which one
        tokens = list(tok.doc[owner.start : tokens[0].i]) + tokens
    naming = ctx.naming(
        tokens + of_phrase(tok), "label", "actor-noun-phrase", concept=concept_of(tok)
    )
    if naming:
        yield naming


def named_possessor(head: Token) -> Span | None:
    """The name owning an actor noun, right before its modifiers: "Valdor's ambassador" -> the
    name "Valdor" (None for "his ambassador", a nationality or a possessor further away)."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is None or owner.ent_type_ not in NAME_LABELS - {"NORP"}:
        return None
    doc, marker = head.doc, owner.i + 1  # the "'s" after the name
    if marker + 1 >= len(doc) or doc[marker].dep_ != "case" or doc[marker].ent_iob_ == "I":
        return None
    if marker + 1 != premodifiers(head)[0].i:
        return None
    start = owner.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    return doc[start : owner.i + 1]


def press_audience(tok: Token) -> bool:
    """The press hearing a statement: "told reporters", "said to journalists", "briefed the
    press". Who heard it, not an actor the outlet names."""
    if tok.lemma_.lower() not in PRESS_AUDIENCE and tok.lower_ not in PRESS_AUDIENCE:
        return False
    verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "to" else tok.head
    role = tok.dep_ in {"dobj", "dative", "iobj"} or tok.head.lower_ == "to"
    return role and verb.lemma_.lower() in CUE_VERBS | {"brief"}


@FRAMING_NAMING.rule("org-name-label")
def org_name_label(ctx: Context, tok: Token) -> Iterator[Naming]:
    """An institution's name that says what it is, as the outlet writes it: "the Valdor Justice
    Ministry" -> "valdor justice ministry", where "the Ministry" or "VJM" would name it otherwise
    (a name of two words or more ending in an actor noun)."""
    ent = ctx.name_of.get(tok.i)
    if ent is None or ent.label_ != "ORG" or tok.i != ent.root.i or len(ent) < 2:
        return  # the root: "the Department of Justice" is a department
    if not is_actor_noun(tok):
        return
    naming = ctx.naming(
        list(ent), "label", "org-name-label", actor_start=ent.start_char, actor_end=ent.end_char
    )
    if naming:
        yield naming


@FRAMING_NAMING.rule("counted-name")
@starts_from("PROPN")
def counted_name(ctx: Context, tok: Token) -> Iterator[Naming]:
    """A plural name counted: "the two Valdorias", "both Tarns" -> "two valdorias", the several
    actors as one group (a concept), named by what they share."""
    ent = ctx.name_of.get(tok.i)
    if ent is None or tok.i != ent.end - 1 or tok.tag_ != "NNPS":
        return
    counts = [c for c in tok.children if c.dep_ == "nummod" or c.lower_ in COUNT_WORDS]
    if not counts:
        return
    start = min(c.i for c in counts)
    naming = ctx.naming(
        list(tok.doc[start : tok.i + 1]), "label", "counted-name", concept=tok.lemma_.lower()
    )
    if naming:
        yield naming


@FRAMING_NAMING.rule("state-media")
@starts_from("NOUN")
def state_media(ctx: Context, tok: Token) -> Iterator[Naming]:
    """A government's own outlets, which speak for it: "Valdorian state media", "the state-run
    broadcaster" -> a label of one concept per story ("state media")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or (lemma not in STATE_MEDIA and tok.lower_ not in STATE_MEDIA):
        return
    if not any(
        c.dep_ in {"compound", "amod"}
        and "".join(t.text_with_ws for t in c.subtree).strip().lower() in STATE_CONTROL
        for c in tok.lefts
    ):
        return  # "state-run" is three tokens: its subtree's text is the word
    naming = ctx.naming(premodifiers(tok), "label", "state-media", concept=f"state {tok.lower_}")
    if naming:
        yield naming


@FRAMING_NAMING.rule("nationality-phrase")
@starts_from("NOUN")
def nationality_phrase(ctx: Context, tok: Token) -> Iterator[Naming]:
    """A country named through its nationality word or its name on what it did or has: "the
    Valdorian strategy", "a Tarnish caller", "the Valdor homeland" -> "valdorian strategy" (a
    concept of the story). Actor nouns are read by actor-noun-phrase; a region's or a party's
    word ("Western media", "the Democratic plan") and a city's name name no country."""
    if tok.pos_ != "NOUN" or is_actor_noun(tok) or tok.i in ctx.name_of:
        return
    if not any(_nationality_word(ctx, c) for c in tok.lefts):
        return
    naming = ctx.naming(premodifiers(tok), "label", "nationality-phrase", concept=concept_of(tok))
    if naming:
        yield naming


def _nationality_word(ctx: Context, tok: Token) -> bool:
    """A nationality adjective or a country's name before a noun ("Valdorian", "Valdor"), not a
    region's, a party's or a creed's word (lexicon not_nationality_words) nor a city's or a
    province's name (a place name must be one of the lexicon country_names)."""
    ent = ctx.name_of.get(tok.i)
    if tok.dep_ not in {"amod", "compound"} or ent is None:
        return False
    name = ent.text.lower().replace("’", "'").removeprefix("the ")
    if ent.label_ == "NORP":
        return not any(w in NOT_NATIONALITY for w in name.split())
    return ent.label_ == "GPE" and name in COUNTRY_NAMES


@FRAMING_NAMING.rule("actor-predicate")
@starts_from("VERB")
def actor_predicate(ctx: Context, tok: Token) -> Iterator[Naming]:
    """What the outlet says an actor did, with a verb that carries a stance (lexicon
    stance_verbs) and its particle: "the envoy stormed out" -> "stormed out" for the envoy."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in STANCE_VERBS:
        return
    anchor = subject_anchor(ctx, tok)
    if anchor is None:
        return
    tokens = [tok] + [c for c in tok.children if c.dep_ == "prt" and c.i == tok.i + 1]
    naming = ctx.naming(tokens, "predicate", "actor-predicate", lemma=tok.lemma_.lower(), **anchor)
    if naming:
        yield naming


def subject_anchor(ctx: Context, verb: Token) -> dict | None:
    """The actor a verb is said of: its subject, the noun a relative clause hangs on ("Vesk,
    who reportedly fled"), the subject of the verb it is conjoined to ("Vesk left and
    reportedly fled"), or for a clause with no subject the doer of the verb it continues
    (rule subjectless-clause-doer, when enabled)."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            if subject.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":
                return actor_anchor(ctx, verb.head)
            return subject_actor(ctx, subject)
        if verb.dep_ != "conj" or verb.head.pos_ not in {"VERB", "AUX"}:
            break
        verb = verb.head
    if FRAMING_REFERENCE.enabled("subjectless-clause-doer"):
        return subjectless_clause_doer(ctx, verb)
    return None


@FRAMING_REFERENCE.rule("subjectless-clause-doer")
def subjectless_clause_doer(ctx: Context, verb: Token) -> dict | None:
    """The doer of a verb with no subject of its own that continues another verb: the subject
    of that one, or of the one it continues in turn ("Ilan Vesk left the hall, slamming the
    door" -> Ilan Vesk, "the council sought to block the levy", "Vesk was fired for misleading
    the council"); its object when the clause says what the object was asked to do or blamed
    for ("Tal Ren pressed the envoy to resign" -> the envoy, "accused Vesk of leaking the
    files" -> Vesk, "accused him of lying" -> the one person named just before "him"). A
    clause after other prepositions ("since taking office", "without asking") is left out."""
    if verb.tag_ not in {"VB", "VBG"} or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    if verb.dep_ in CONTROLLED_DEPS and verb.head.pos_ in {"VERB", "AUX"}:
        head, by_object = verb.head, verb.dep_ == "xcomp"
    elif verb.dep_ == "pcomp" and verb.head.lower_ in OBJECT_BLAME_PREPOSITIONS:
        head, by_object = verb.head.head, True
        if head.pos_ not in {"VERB", "AUX"}:
            return None
    else:
        return None
    obj = next((c for c in head.children if c.dep_ == "dobj"), None) if by_object else None
    if obj is not None and obj.lower_ in PERSON_OBJECT_PRONOUNS:
        return one_person_before(obj)
    found = actor_anchor(ctx, obj) if obj is not None else None
    return found or subject_anchor(ctx, head)  # up the clauses, to the first with a subject


@FRAMING_NAMING.rule("actor-intent-predicate")
@starts_from("VERB")
def actor_intent_predicate(ctx: Context, tok: Token) -> Iterator[Naming]:
    """What the outlet says an actor sought, tried, vowed or refused to do (lexicon
    intent_verbs), the verb with the act after it: "the council sought to block the levy" ->
    "sought to block" for the council, "Vesk has tried to stall the talks" -> "tried to stall"."""
    if tok.pos_ != "VERB" or tok.dep_ != "xcomp" or tok.i < tok.head.i:
        return
    verb = tok.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in INTENT_VERBS:
        return
    anchor = subject_anchor(ctx, verb)
    if anchor is None:
        return
    last = max([tok] + [c for c in tok.children if c.dep_ == "prt" and c.i == tok.i + 1])
    naming = ctx.naming(
        list(tok.doc[verb.i : last.i + 1]),
        "predicate",
        "actor-intent-predicate",
        lemma=verb.lemma_.lower(),
        **anchor,
    )
    if naming:
        yield naming


@FRAMING_NAMING.rule("hedged-predicate")
@starts_from("ADV")
def hedged_predicate(ctx: Context, tok: Token) -> Iterator[Naming]:
    """A word by which the outlet holds back from what it says an actor did (lexicon hedges):
    "the militia reportedly fled" -> "reportedly" for the militia, "Vesk allegedly hid" ->
    "allegedly"."""
    if tok.pos_ != "ADV" or tok.lower_ not in HEDGES or tok.dep_ != "advmod":
        return
    anchor = subject_anchor(ctx, tok.head) if tok.head.pos_ in {"VERB", "AUX"} else None
    if anchor is None:
        return
    naming = ctx.naming([tok], "predicate", "hedged-predicate", lemma=tok.lower_, **anchor)
    if naming:
        yield naming


def _loaded(tok: Token) -> bool:
    """A word that reads as praise or blame: |valence| of its form or lemma ≥ LOADED_VALENCE."""
    if says_nothing_of_an_actor(tok) or in_a_name(tok):
        return False
    return max(abs(valence(tok.lower_)), abs(valence(tok.lemma_))) >= LOADED_VALENCE


REGULAR_ENDINGS = ("d", "ed", "s", "es", "ing")
NAMED_THING_LABELS = NAME_LABELS | {"EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}


def in_a_name(tok: Token) -> bool:
    """Whether a word is part of a name, a proper noun or a named thing ("the Korean War", a
    book's title): the name's word, not one the outlet chose."""
    return tok.pos_ == "PROPN" or tok.ent_type_ in NAMED_THING_LABELS


def says_nothing_of_an_actor(tok: Token) -> bool:
    """Whether a word is one of not_loaded_words, by its lemma, its form or its form without a
    regular ending: "hoped" is "hope" even where the parser reads it as a form of "hop"."""
    form = tok.lower_
    bases = {form, tok.lemma_.lower()}
    for ending in REGULAR_ENDINGS:
        if form.endswith(ending) and len(form) - len(ending) >= 3:
            bases |= {form[: -len(ending)], form[: -len(ending)] + "e"}
    return not bases.isdisjoint(NOT_LOADED)


@FRAMING_NAMING.rule("actor-loaded-predicate")
@starts_from("ADJ", "VERB", "AUX")
def actor_loaded_predicate(ctx: Context, tok: Token) -> Iterator[Naming]:
    """What the outlet says an actor did, in words that carry praise or blame (VADER's
    sentiment lexicon): "the mayor betrayed the workers" -> "betrayed", "the envoy voiced fears"
    -> "voiced fears" (the verb with its loaded object), "the mayor seemed eager" -> "eager"."""
    verb = tok.head if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "oprd") else tok
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in STANCE_VERBS:
        return
    anchor = subject_anchor(ctx, verb)
    if anchor is None:
        return
    tokens = _loaded_words(tok) if tok is not verb or verb.pos_ == "VERB" else []
    if not tokens:
        return
    naming = ctx.naming(
        tokens, "predicate", "actor-loaded-predicate", lemma=tok.lemma_.lower(), **anchor
    )
    if naming:
        yield naming


def _loaded_words(tok: Token) -> list[Token]:
    """The loaded words of a predicate: the adjective itself, else the verb and its object
    when either is loaded (both when they stand together: "voiced fears")."""
    if tok.pos_ == "ADJ":
        return [tok] if _loaded(tok) else []
    obj = next((c for c in tok.children if c.dep_ == "dobj" and _loaded(c)), None)
    if obj is not None and obj.i == tok.i + 1:
        return [tok, obj]
    if _loaded(tok):
        return [tok]
    return [obj] if obj is not None else []


@FRAMING_NAMING.rule("actor-action-object")
@starts_from("VERB", "AUX")
def actor_action_object(ctx: Context, tok: Token) -> Iterator[Naming]:
    """What the outlet says an actor did to something or someone, the verb with the noun phrase
    it acts on: "the council raised the steep levy" -> "raised the steep levy" for the council,
    "Vesk said the council had closed the depot" -> "closed the depot", "Vesk has a long
    record" (a "have" only with a described object). A sentence's own plain news ("Vesk
    opened the door") is left out (see `_action_row`), and so are verbs of saying and being
    (lexicons speech_verbs, light_predicates, stative_verbs) and the verbs the stance and
    loaded-predicate rules read."""
    if tok.pos_ not in {"VERB", "AUX"} or _loaded_words(tok):
        return
    obj = next((c for c in tok.rights if c.dep_ == "dobj"), None)
    if obj is None or obj.pos_ not in {"NOUN", "PROPN"} or _press(obj):
        return  # "signed it": the pronoun says nothing of the act; "addressed reporters"
    if _plain_verb(tok) and not (tok.lemma_ == "have" and _described(obj)):
        return
    yield from _action_row(ctx, tok, obj, "actor-action-object")


@FRAMING_NAMING.rule("actor-action-prep-object")
@starts_from("VERB")
def actor_action_prep_object(ctx: Context, tok: Token) -> Iterator[Naming]:
    """What the outlet says an actor did, a verb with no object of its own and the phrase
    right after it saying what it bears on: "the envoy spoke in candid terms" -> "spoke in
    candid terms", "the council is waiting for more support" -> "waiting for more support";
    where and when ("met in Orvane on Friday") and a plain main-clause act are left out."""
    if tok.pos_ != "VERB" or _plain_verb(tok) or _loaded_words(tok):
        return
    if any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in tok.children):
        return  # its object is read by actor-action-object, its clause by the clause's verb
    after = [c for c in tok.rights if c.dep_ in {"prt", "advmod"} and c.i <= tok.i + 2]
    next_i = max([tok.i, *(c.i for c in after)]) + 1
    prep = next((c for c in tok.rights if c.dep_ == "prep" and c.i == next_i), None)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    if obj is None or obj.pos_ not in {"NOUN", "PROPN"} or obj.ent_type_ in SETTING_LABELS:
        return  # "met in Orvane", "spoke on Friday": where and when, not what was done
    if _press(obj):
        return  # "spoke to reporters"
    yield from _action_row(ctx, tok, obj, "actor-action-prep-object")


def _action_row(ctx: Context, verb: Token, obj: Token, rule: str) -> Iterator[Naming]:
    """The row of an actor's act: the verb up to the noun phrase it acts on, when short. An act
    that is its sentence's main event told plainly is the news, not the outlet's wording of an
    actor: it is read only when a word describes it or it bears on another actor."""
    of_ = of_phrase(obj)
    if of_ and of_[0].lower_ != "of":
        of_ = []  # "requested the files from the ministry": where from is not what was acted on
    last = max(premodifiers(obj) + of_, key=lambda t: t.i)
    if last.i - verb.i + 1 > MAX_ACTION_WORDS:
        return
    tokens = list(verb.doc[verb.i : last.i + 1])
    if _main_clause(verb) and not _told_with_colour(ctx, tokens):
        return  # "Vesk left the hall": the news itself, no wording of the outlet's
    anchor = subject_anchor(ctx, verb)
    if anchor is None:
        return
    naming = ctx.naming(tokens, "predicate", rule, lemma=verb.lemma_.lower(), **anchor)
    if naming:
        yield naming


def _main_clause(verb: Token) -> bool:
    """Whether a verb tells the sentence's main event (its root, or a verb conjoined to it)."""
    while verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _told_with_colour(ctx: Context, tokens: Sequence[Token]) -> bool:
    """Whether an act is told with a word that describes it ("made a secret visit", "spoke in
    candid terms") or bears on another actor ("confronted Vesk", "pressed the envoy")."""
    return any(
        t.pos_ in {"ADJ", "ADV"} or t.i in ctx.name_of or is_actor_noun(t) for t in tokens[1:]
    )


def _press(noun: Token) -> bool:
    """Whether a noun names the press (lexicon press_audience_nouns): "the media", "reporters"."""
    return noun.lemma_.lower() in PRESS_AUDIENCE or noun.lower_ in PRESS_AUDIENCE


def _described(noun: Token) -> bool:
    """Whether a noun has an adjective before it: "a long record", "different standards"."""
    return any(c.dep_ == "amod" and c.pos_ == "ADJ" for c in noun.lefts)


def _plain_verb(tok: Token) -> bool:
    """A verb of saying or being, or one a stance rule reads: no act of its own to tell."""
    lemma = tok.lemma_.lower()
    return lemma in CUE_VERBS or lemma in PLAIN_VERBS or lemma in STANCE_VERBS


# Parts of speech no naming rule starts from (each rule reads a noun, name, verb, adjective or
# adverb): skipping them before calling the rules saves most calls.
NEVER_NAMING_POS = frozenset(
    spacy.symbols.IDS[tag]
    for tag in ("PUNCT", "SPACE", "DET", "CCONJ", "SCONJ", "ADP", "PART", "SYM")
)


def extract_namings(
    parsed: Doc,
    document: Document,
    quotes: Sequence[Quote] = (),
    rules: Rules = FRAMING_NAMING,
    ctx: Context | None = None,
) -> list[Naming]:
    """Every naming of an actor in the outlet's own voice, in text order, each with its rule."""
    ctx = ctx or Context(parsed, document, quotes)
    found: dict[tuple[int, int, str], Naming] = {}
    fns_for = RulesByPos(rules)  # the table read once, not once per token
    for tok in parsed:
        if tok.pos in NEVER_NAMING_POS:
            continue  # no rule names an actor by a stop, an article or a preposition
        for fn, _ref in fns_for(tok.pos):
            for naming in fn(ctx, tok):
                found.setdefault((naming.start, naming.end, naming.kind), naming)
    return sorted(found.values(), key=lambda n: (n.start, n.end, n.kind))
