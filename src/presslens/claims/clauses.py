"""Events a sentence tells in passing, beside its main event: each becomes a claim of its own.

"Six days after two people were killed at Sorrel Pass, the town is under curfew" tells two
events; one outlet's main clause ("Two people were killed at Sorrel Pass on Monday") is another
outlet's background clause. The sentence's claim carries its main event; each clause found here
(`claims-clause-event`, first rule that answers for a verb wins) is a further claim whose text
is the clause alone, so claim clustering can meet the outlets that tell that event up front.
A rule reads one verb of the sentence and returns the token range of its clause, or None.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from presslens.claims.words import LIGHT_PREDICATES
from presslens.lexicon import kinds, words
from presslens.rules import Rules, stage

CLAUSE_SPEECH_VERBS = kinds("speech_verbs", "claim-speech")
# "a week that began with an ambush and a strike": the clause names other events, not its own
ASPECT_VERBS = words("aspect_verbs")
OWN_SUBJECT_DEPS = ("nsubj", "nsubjpass")
NOUN_POS = ("NOUN", "PROPN", "PRON", "NUM")
RELATIVE_TAGS = ("WDT", "WP", "WP$", "WRB")  # "that", "which", "who", "whose", "where"
GLUE_DEPS = ("aux", "auxpass", "punct", "cc")
MIN_CLAUSE_TOKENS = 4  # "guards were killed there": shorter is a fragment, not an event told
MAX_CLAUSES_PER_SENTENCE = 4  # a long sentence's clauses beyond these are not worth a claim

CLAIM_CLAUSE = stage(
    "claims-clause-event",
    "Which subordinate or coordinated clause of a sentence tells an event of its own (a further "
    "claim beside the sentence's main one): tried in order per verb, first answer wins.",
)

TokenRange = tuple[int, int]  # [first token index, last token index + 1)


def _own_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in OWN_SUBJECT_DEPS), None)


def _noun_start(noun: Token) -> int:
    """Where the noun a clause tells of starts, with the name it stands beside: "Luka Vess,
    the student who died" starts at "Luka"."""
    if noun.dep_ == "appos" and noun.head.i < noun.i:
        return noun.head.left_edge.i
    return noun.left_edge.i


def _subtree_range(tok: Token) -> TokenRange:
    return tok.left_edge.i, tok.right_edge.i + 1


@CLAIM_CLAUSE.rule("claim-clause-adverbial")
def adverbial_clause(verb: Token) -> TokenRange | None:
    """An adverbial clause with a subject of its own: "The town is quiet days after two people
    were killed at Sorrel Pass" -> "after two people were killed at Sorrel Pass"."""
    if verb.dep_ != "advcl" or _own_subject(verb) is None:
        return None
    return _subtree_range(verb)


@CLAIM_CLAUSE.rule("claim-clause-coordinated")
def coordinated_clause(verb: Token) -> TokenRange | None:
    """A clause joined by "and"/"but" with a subject of its own: "Forty inmates escaped, and two
    guards were killed at their posts" -> "two guards were killed at their posts"."""
    if verb.dep_ != "conj" or _own_subject(verb) is None:
        return None
    return _subtree_range(verb)


@CLAIM_CLAUSE.rule("claim-clause-relative")
def relative_clause(verb: Token) -> TokenRange | None:
    """A relative clause of four words of its own (not its pronoun or auxiliaries), with the noun
    it tells of: "her team treated the wounded from Sorrel Pass, where two people were killed"
    -> "Sorrel Pass, where two people were killed"; "an explosion that blew a hole in the wall"
    whole; "Luka Vess, the student who died on Tuesday" with the name; not "the Front, which
    have clashed repeatedly"."""
    head = verb.head
    if verb.dep_ != "relcl" or head.pos_ not in NOUN_POS or head.i > verb.i:
        return None
    own = [t for t in verb.subtree if t.tag_ not in RELATIVE_TAGS and t.dep_ not in GLUE_DEPS]
    if len(own) < MIN_CLAUSE_TOKENS:
        return None  # "the Front, which have clashed repeatedly": too little of its own
    return _noun_start(head), verb.right_edge.i + 1


@CLAIM_CLAUSE.rule("claim-clause-participle")
def participle_clause(verb: Token) -> TokenRange | None:
    """A past participle after its noun (a reduced passive relative): "the coffins of the two
    students killed at Sorrel Pass on Monday" -> "the two students killed at Sorrel Pass on
    Monday"."""
    head = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or head.pos_ not in NOUN_POS or head.i > verb.i:
        return None
    return _noun_start(head), verb.right_edge.i + 1


def told_in_passing_claim(rules: dict[str, str | None]) -> bool:
    """Whether a claim (by its `rules`) is a clause told in passing, not a whole sentence."""
    return rules.get("verb") in CLAIM_CLAUSE


def clause_subject(verb: Token) -> Token:
    """Who the clause's event is about: its own subject, else the noun a relative or
    participle clause hangs from, else the verb itself."""
    own = _own_subject(verb)
    if own is not None:
        return own
    return verb.head if verb.dep_ in ("relcl", "acl") else verb


def _tells_event(verb: Token, main_verb: Token) -> bool:
    if verb.i == main_verb.i or verb.pos_ not in ("VERB", "AUX"):
        return False
    lemma = verb.lemma_.lower()
    return not (lemma in LIGHT_PREDICATES or lemma in CLAUSE_SPEECH_VERBS or lemma in ASPECT_VERBS)


def told_in_passing(
    sent: Span, main_verb: Token, rules: Rules = CLAIM_CLAUSE
) -> Iterator[tuple[Token, TokenRange, str]]:
    """(verb, token range, rule ref) of each clause of `sent` telling an event besides the main
    verb's (not a light, speech or aspect verb: "that began with"); not the whole sentence, nor
    a clause of fewer than four tokens, at most four."""
    table = list(rules)
    seen: set[TokenRange] = set()
    for verb in sent:
        if len(seen) >= MAX_CLAUSES_PER_SENTENCE:
            return
        if not _tells_event(verb, main_verb):
            continue
        for rule in table:
            found = rule.fn(verb)
            if found is None:
                continue
            start, end = max(found[0], sent.start), min(found[1], sent.end)
            if end - start >= MIN_CLAUSE_TOKENS and end - start < len(sent) - 1:
                if (start, end) not in seen:
                    seen.add((start, end))
                    yield verb, (start, end), rule.ref
            break
