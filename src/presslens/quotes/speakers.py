"""Who said a quote: from a cue's subject, a colon, a dash, the previous paragraph.

Each rule is registered in `QUOTE_SPEAKER` and is the only place its id is written; the quote
it attributes carries the rule's id as `speaker_rule`. A cue's subject is tried in a fixed
order (a name, a pronoun, a medium, a mouthpiece, a role noun, a bare proper noun, a described
source): the first rule that answers wins, and a rule switched off is skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Span, Token

from presslens.models import Speaker
from presslens.rules import Rule

from .context import (
    QUOTE_SPEAKER,
    _ask,
    _Attr,
    _claim,
    _Ctx,
    _cue_phrase,
    _ent_label,
    _is_cue,
    _log_speaker,
    _on,
    _other_person,
    _strip_title,
    _tokens_between,
)
from .cues import _cue_date, _frame_subject, _is_dateline, _last_cue, _quote_token, _subject, _via
from .marks import WORD_RE, _Marked, _sentence_ends
from .resolve import (
    MEDIUM_AUTHOR,
    PRONOUN_ORG,
    ROLE_ORG,
    ROLE_PERSON,
    STATEMENT_AUTHOR,
    chain_he_added,
    medium_author,
    mouthpiece,
    pronoun_org,
    pronoun_person,
    role_noun_org,
    role_noun_person,
    statement_author,
)
from .vocab import (
    CHAIN_VERBS,
    COLON_NOT_SPEAKER_DEPS,
    CUE_VERBS,
    DASH_NAME_RE,
    FRAGMENT_VERBS,
    NAME_LABELS,
    ON_BEHALF_NOUNS,
    ON_BEHALF_PREPS,
    ROLE_ORG_NOUNS,
    STATEMENT_NOUNS,
)

# subject-of-cue on a proper noun the entity recogniser missed ("Tarro said"): less sure
UNRECOGNISED_NAME_CONFIDENCE = 0.7
# a name and a colon with no verb of saying: the rule's confidence, a little less sure
NO_CUE_FACTOR = 0.9
# determiners of a source described but not named: "an official", "two witnesses"
UNNAMED_DETERMINERS = frozenset({None, "a", "an", "some", "two", "three"})


@QUOTE_SPEAKER.rule("subject-of-cue", confidence=0.9)
def subject_of_cue(ctx: _Ctx, tok: Token, cue: Token, rule: Rule | None = None) -> _Attr | None:
    """The cue's subject names the speaker: '"The bridge stays shut," said Ilo Marsh.'
    -> speaker "Ilo Marsh". Other rules (colon-intro, according-to, subject-of-verb) use the
    same look at the subject and credit what it finds to themselves (`rule`)."""
    rule = rule or SUBJECT_OF_CUE
    ent = ctx.ent_of[tok.i]
    if (
        ent is not None
        and ent.label_ in NAME_LABELS
        and (ent.label_ in ("PERSON", "ORG") or tok.pos_ == "PROPN")
    ):  # "Diplomats said" is no name even when tagged NORP
        return _named(ent, rule)
    for child in tok.children:
        # "the spokesman, Dan Ortel," names the speaker; "an NLF official" only affiliates him
        if child.dep_ in ("appos", "compound", "flat", "nmod", "npadvmod"):
            cent = ctx.ent_of[child.i]
            if cent is not None and (
                _ent_label(cent) == "PERSON" or (child.dep_ == "appos" and cent.label_ == "ORG")
            ):
                return _named(cent, rule)
    inner = _person_in_subject(ctx, tok, cue)
    if inner is not None:
        return _named(inner, rule)
    return None


SUBJECT_OF_CUE: Rule = subject_of_cue


@QUOTE_SPEAKER.rule("subject-of-verb", confidence=0.55)
def subject_of_verb(ctx: _Ctx, tok: Token, verb: Token) -> _Attr:
    """A verb that is no verb of saying still names the quote's source by its subject:
    'Ilo Marsh dismissed the report as "a tired fiction"' -> speaker "Ilo Marsh"."""
    return _speaker_from_subject(ctx, tok, verb, SUBJECT_OF_VERB)


SUBJECT_OF_VERB: Rule = subject_of_verb


@QUOTE_SPEAKER.rule("unnamed-source", confidence=0.6)
def unnamed_source(ctx: _Ctx, tok: Token, cue: Token) -> _Attr | None:
    """A source described but not named is the speaker as written: '"…," an official who
    asked not to be named said' -> speaker "an official who asked not to be named"."""
    return _described(ctx, tok, cue, UNNAMED_SOURCE)


UNNAMED_SOURCE: Rule = unnamed_source


@QUOTE_SPEAKER.rule("subject-noun-phrase", confidence=0.5)
def subject_noun_phrase(ctx: _Ctx, tok: Token, cue: Token) -> _Attr | None:
    """A definite description that no rule resolved is the speaker as written: '"…," the
    harbour residents said' -> speaker "the harbour residents"."""
    return _described(ctx, tok, cue, SUBJECT_NOUN_PHRASE)


SUBJECT_NOUN_PHRASE: Rule = subject_noun_phrase


def _speaker_from_subject(ctx: _Ctx, tok: Token, cue: Token, named: Rule | None = None) -> _Attr:
    """Name span for a subject token, resolving pronouns and role nouns to a named mention.
    `named` is the rule credited when the subject is a name (subject-of-cue by default)."""
    named = named or SUBJECT_OF_CUE
    if _on(ctx, named):
        found = subject_of_cue(ctx, tok, cue, named)
        if found is not None:
            return found
    for rule in (pronoun_person, pronoun_org):
        if _on(ctx, rule):
            found = rule(ctx, tok, cue)
            if found is not None:
                return found
    if tok.pos_ == "PRON":
        return _Attr(None, None, 0.0)
    det = next((c.lower_ for c in tok.children if c.dep_ in ("det", "poss")), None)
    steps = (
        (MEDIUM_AUTHOR, lambda: medium_author(ctx, tok, cue)),
        (STATEMENT_AUTHOR, lambda: statement_author(ctx, tok, cue)),
        (PRONOUN_ORG, lambda: mouthpiece(ctx, tok, cue, det)),
        (ROLE_PERSON, lambda: role_noun_person(ctx, tok, cue, det)),
        (NAMED_ROLE_ORG, lambda: named_role_org(ctx, tok, det)),
        (ROLE_ORG, lambda: role_noun_org(ctx, tok, cue, det)),
        (named, lambda: _bare_proper_noun(ctx, tok, named)),
    )
    for rule, step in steps:
        if _on(ctx, rule):
            found = step()
            if found is not None:
                return found
    if _on(ctx, REPORTER_OF_CLAUSE):
        found = reporter_of_clause(ctx, tok, cue)
        if found is not None:
            return found
    described = UNNAMED_SOURCE if det in UNNAMED_DETERMINERS else SUBJECT_NOUN_PHRASE
    if _on(ctx, described):
        found = described(ctx, tok, cue)
        if found is not None:
            return found
    return _Attr(None, None, 0.0)


# the clause links a reported clause climbs to reach the verb of saying that reports it
REPORTED_CLAUSE_DEPS = frozenset({"ccomp", "conj", "advcl", "xcomp"})


@QUOTE_SPEAKER.rule("reporter-of-clause", confidence=0.6)
def reporter_of_clause(ctx: _Ctx, tok: Token, cue: Token) -> _Attr | None:
    """A subject that names nobody, inside a clause a named source is said to report, gives
    way to that source: 'Ilo Marsh said the harbour plan would cost the town dearly, and
    called it "the worst deal in a generation."' -> speaker "Ilo Marsh", not "the harbour
    plan"; not when the clause's own verb is one of saying ("Marsh said the guards told her")."""
    verb = tok.head
    if verb.i == tok.i or _is_cue(verb):
        return None
    for _ in range(4):
        if verb.dep_ not in REPORTED_CLAUSE_DEPS or verb.head.i == verb.i:
            return None
        verb = verb.head
        if ctx.in_quote[verb.i]:
            return None
        if verb.i == cue.i or not _is_cue(verb):
            continue
        subject = _subject(ctx, verb)
        if subject is None or subject.i == tok.i:
            return None
        if not (subject.pos_ in ("PROPN", "PRON") or ctx.ent_of[subject.i] is not None):
            return None
        attr = _speaker_from_subject(ctx, subject, verb, REPORTER_OF_CLAUSE)
        return attr if attr.speaker is not None else None
    return None


REPORTER_OF_CLAUSE: Rule = reporter_of_clause


@QUOTE_SPEAKER.rule("named-role-org", confidence=0.7)
def named_role_org(ctx: _Ctx, tok: Token, det: str | None) -> _Attr | None:
    """An organisation's role noun with a name before it names the organisation itself, not
    the latest one seen: '"…," the Venn campaign said in its release.' -> speaker "Venn
    campaign", not the outlet or ministry named a sentence earlier."""
    lemma = tok.lemma_.lower()
    if det != "the" or tok.tag_ != "NN" or lemma not in ROLE_ORG_NOUNS:
        return None
    names = [
        c
        for c in tok.children
        if c.dep_ == "compound" and c.i < tok.i and (c.pos_ == "PROPN" or c.ent_type_)
    ]
    if not names or ctx.in_quote[names[0].i]:
        return None
    left = min(c.left_edge.i for c in names)
    span = ctx.doc[left : tok.i + 1]
    rule = NAMED_ROLE_ORG
    speaker = Speaker(span.text, span.start_char, span.end_char)
    return _Attr(speaker, rule, rule.confidence or 0.0, label="ORG")


NAMED_ROLE_ORG: Rule = named_role_org


def _bare_proper_noun(ctx: _Ctx, tok: Token, rule: Rule) -> _Attr | None:
    """A proper-noun subject the recogniser missed ("Tarro said"): the name as written."""
    if tok.pos_ != "PROPN":
        return None
    left = min([tok.i] + [c.i for c in tok.children if c.dep_ in ("compound", "flat")])
    span = ctx.doc[left : tok.i + 1]
    name = _strip_title(span) or span
    conf = UNRECOGNISED_NAME_CONFIDENCE if rule is SUBJECT_OF_CUE else rule.confidence or 0.0
    return _Attr(Speaker(name.text, name.start_char, name.end_char), rule, conf, label="PERSON")


def _described(ctx: _Ctx, tok: Token, cue: Token, rule: Rule) -> _Attr | None:
    """An unnamed or generic source: "an official who asked not to be named", "witnesses"."""
    left, right = tok.left_edge.i, tok.right_edge.i
    right = min(right, tok.i + 12)
    if right >= cue.i > tok.i:
        right = cue.i - 1
    for j in range(left, right + 1):  # a subject never spans lines
        if "\n" in ctx.doc[j].text:
            left = j + 1
    for j in range(tok.i + 1, right + 1):  # stop at a non-restrictive ", which …"
        if ctx.doc[j].text in (",", "(", "—", "–"):
            right = j - 1
            break
    # modifiers after the head stay only while they name nobody: "an official who asked not to
    # be named" keeps its clause, "a local official in Brena" ends at "official" (a place or
    # outlet inside the description must not make the source look named)
    limit, right = right, tok.i
    for child in tok.rights:
        if child.i > limit or child.is_punct:
            break
        sub = ctx.doc[child.i : min(child.right_edge.i, limit) + 1]
        if any(t.ent_type_ in NAME_LABELS for t in sub):
            break
        right = sub.end - 1
    while right > left and ctx.doc[right].is_punct:
        right -= 1
    span = ctx.doc[left : right + 1]
    if not span.text.strip():
        return None
    return _Attr(Speaker(span.text, span.start_char, span.end_char), rule, rule.confidence or 0.0)


def _named(ent: Span, rule: Rule) -> _Attr:
    name = _strip_title(ent) or ent
    return _Attr(
        Speaker(name.text, name.start_char, name.end_char),
        rule,
        rule.confidence or 0.0,
        label=_ent_label(ent),
    )


@QUOTE_SPEAKER.rule("according-to", confidence=0.85)
def according_to(ctx: _Ctx, cue: Token) -> _Attr:
    """The object of "according to" is the speaker: 'The bridge will reopen in May, according
    to Ilo Marsh.' -> speaker "Ilo Marsh"."""
    obj = _according_object(ctx, cue)
    if obj is None:
        return _Attr(None, None, 0.0)
    return _speaker_from_subject(ctx, obj, cue, ACCORDING_TO)


ACCORDING_TO: Rule = according_to


def _according_object(ctx: _Ctx, cue: Token) -> Token | None:
    if cue.i + 1 >= len(ctx.doc) or ctx.doc[cue.i + 1].lower_ != "to":
        return None  # "according" alone ("accordingly", "according as") names nobody
    to = ctx.doc[cue.i + 1]
    return next((c for c in to.children if c.dep_ == "pobj"), None)


def _attribute_cue(
    ctx: _Ctx, cue: Token, at: int, named: Rule | None = None
) -> tuple[_Attr, str | None, str | None, str]:
    """(speaker attribution, via, ISO date, cue text) for a cue verb or "according to".
    `named` is the rule credited when the cue's subject is a name (subject-of-cue by default)."""
    if cue.lower_ == "according" and cue.i + 1 < len(ctx.doc) and ctx.doc[cue.i + 1].lower_ == "to":
        obj = _according_object(ctx, cue)
        via = _via(ctx, obj) if obj is not None else None
        return according_to(ctx, cue), via, None, "according to"
    aside = _ask(ctx, PARENTHETICAL_SPEAKER, cue)
    if aside is not None:
        return aside, _via(ctx, cue), _cue_date(ctx, cue), _cue_phrase(cue)
    subject = _subject(ctx, cue)
    if subject is not None and subject.dep_ == "nsubjpass" and _on(ctx, ASKED_BY_AGENT):
        asked = asked_by_agent(ctx, subject, cue)
        if asked is not None:
            return asked, _via(ctx, cue), _cue_date(ctx, cue), _cue_phrase(cue)
    if subject is not None and _is_dateline(ctx, subject):
        subject = _frame_subject(ctx, cue)
    if (
        subject is not None
        and "\n" in ctx.text[min(subject.idx, cue.idx) : max(subject.idx, cue.idx)]
    ):
        subject = _frame_subject(ctx, cue)  # a subject on another line is a parse error
    if subject is not None:
        attr = _speaker_from_subject(ctx, subject, cue, named)
    elif cue.tag_ in ("VBG", "VBN") or cue.lemma_.lower() in CHAIN_VERBS:
        attr = chain_he_added(ctx, cue)  # "Adding, '…'" continues the previous speaker
    else:
        attr = _Attr(None, None, 0.0)
    if subject is None and attr.speaker is None and _on(ctx, SENTENCE_SUBJECT):
        attr = sentence_subject(ctx, cue) or attr
    return attr, _via(ctx, cue), _cue_date(ctx, cue), _cue_phrase(cue)


@QUOTE_SPEAKER.rule("sentence-subject", confidence=0.45)
def sentence_subject(ctx: _Ctx, cue: Token) -> _Attr | None:
    """A cue the parser left without a subject (and no earlier speaker to go on) is the words
    of the named subject opening its sentence: 'Ilo Marsh spent the week calling members of
    the board - there are two from each ward - and said the vote was still open.' -> speaker
    "Ilo Marsh" (the parser hung "said" on "there are")."""
    subject = next(
        (
            t
            for t in ctx.doc[cue.sent.start : cue.i]
            if t.dep_ in ("nsubj", "nsubjpass") and not ctx.in_quote[t.i]
        ),
        None,
    )
    if subject is None or not (
        subject.pos_ in ("PROPN", "PRON") or ctx.ent_of[subject.i] is not None
    ):
        return None
    attr = _speaker_from_subject(ctx, subject, cue, SENTENCE_SUBJECT)
    return attr if attr.speaker is not None else None


SENTENCE_SUBJECT: Rule = sentence_subject


@QUOTE_SPEAKER.rule("parenthetical-speaker", confidence=0.85)
def parenthetical_speaker(ctx: _Ctx, cue: Token) -> _Attr | None:
    """A cue set off by commas inside the clause names who reports it, not the clause's own
    subject: 'The board, Ilo Marsh said, called the plan "a fraud."' -> speaker "Ilo Marsh"."""
    for child in cue.children:
        if child.dep_ != "parataxis" or not _is_cue(child) or ctx.in_quote[child.i]:
            continue
        left, right = child.left_edge.i, child.right_edge.i
        if left == 0 or right + 1 >= len(ctx.doc) or right >= cue.i:
            continue
        before = {ctx.doc[left - 1].text, ctx.doc[left].text}
        after = {ctx.doc[right].text, ctx.doc[right + 1].text}
        if "," not in before or not after & {",", "—"}:
            continue
        subject = next((c for c in child.children if c.dep_ == "nsubj" and c.i < child.i), None)
        if subject is not None:
            attr = _speaker_from_subject(ctx, subject, child, PARENTHETICAL_SPEAKER)
            if attr.speaker is not None:
                return attr
    return None


PARENTHETICAL_SPEAKER: Rule = parenthetical_speaker


@QUOTE_SPEAKER.rule("asked-by-agent", confidence=0.8)
def asked_by_agent(ctx: _Ctx, subject: Token, cue: Token) -> _Attr | None:
    """The subject of "was asked" / "was told" hears the words; the one asking is the agent,
    else nobody known: 'Ilo Marsh was asked by host Tam Vell, "Will it reopen?"' -> speaker
    "Tam Vell"; without "by …" the speaker stays unknown rather than Ilo Marsh."""
    if cue.lemma_.lower() not in ("ask", "tell", "question"):
        return None
    agent = next((c for c in cue.children if c.dep_ == "agent"), None)
    obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if obj is None:
        return _Attr(None, None, 0.0)
    attr = _speaker_from_subject(ctx, obj, cue, ASKED_BY_AGENT)
    return attr if attr.speaker is not None else _Attr(None, None, 0.0)


ASKED_BY_AGENT: Rule = asked_by_agent


@QUOTE_SPEAKER.rule("colon-intro", confidence=0.85)
def colon_intro(ctx: _Ctx, span: _Marked, paras, used_cues: set[int], lo: int):
    """A colon introduces the quote: a paragraph ending 'Ilo Marsh said:' above it, or a name
    and a colon before it ('Board spokesman Ilo Marsh: "…"') -> speaker "Ilo Marsh".
    Returns (attribution, cue, via, date) or None."""
    found = _colon_intro_previous(ctx, span, paras, used_cues)
    if found is not None:
        return found
    named = _colon_named(ctx, lo, span.open_at)
    return (named, None, None, None) if named is not None else None


COLON_INTRO: Rule = colon_intro


def _colon_rule(ctx: _Ctx) -> Rule:
    """The rule credited for the subject of 'X said: "…"' (subject-of-cue when colon-intro is off)."""
    return COLON_INTRO if _on(ctx, COLON_INTRO) else SUBJECT_OF_CUE


@QUOTE_SPEAKER.rule("block-previous-sentence", confidence=0.7)
def block_previous_sentence(ctx: _Ctx, attr: _Attr, ps: int, pe: int) -> _Attr | None:
    """The sentence announcing an unmarked block statement names its speaker: 'In a statement,
    the Velmora Rail Board wrote:' then a plain paragraph -> speaker "Velmora Rail Board";
    'X read a message on behalf of the Union:' -> the Union speaks, not X."""
    behalf = _on_behalf_of(ctx, ps, pe)
    if behalf is not None:
        return behalf
    return _claim(attr, BLOCK_PREVIOUS_SENTENCE) if attr.speaker is not None else None


BLOCK_PREVIOUS_SENTENCE: Rule = block_previous_sentence


def _colon_intro_previous(ctx: _Ctx, span: _Marked, paras, used_cues):
    """A quote opening its paragraph after a paragraph ending "X said:" / "said the following:"."""
    if span.open_at != ctx.para_starts[span.para] or span.para == 0:
        return None
    ps, pe = paras[span.para - 1]
    if not ctx.text[ps:pe].rstrip().endswith(":"):
        return None
    cue = _last_cue(ctx, ps, pe)
    if cue is None:
        return None
    used_cues.add(cue.i)
    attr, via, when, cue_text = _attribute_cue(ctx, cue, span.start, COLON_INTRO)
    return attr, cue_text, via, when


def _colon_named(ctx: _Ctx, lo: int, hi: int) -> _Attr | None:
    """'Republican pollster Ann Shaw: "…"' : a colon right after a name introduces its words;
    'Ann Shaw's reply was: "…"' : the owner of the statement noun speaks (statement-owner).
    Only the colon's own sentence is read: a name in the sentence before speaks no words here."""
    if not ctx.text[lo:hi].rstrip().endswith(":"):
        return None
    tokens = _tokens_between(ctx, lo, hi)
    if not tokens:
        return None
    first = max(tokens.start, ctx.doc[tokens.stop - 1].sent.start)
    for i in reversed(range(first, tokens.stop)):
        if ctx.in_quote[i]:
            continue
        ent = ctx.ent_of[i]
        if ent is not None and ent.label_ in ("PERSON", "ORG"):
            owner = _owner_before_colon(ctx, ent)
            if owner is not None:
                return owner
            if ent.root.dep_ in COLON_NOT_SPEAKER_DEPS:
                continue  # "Mother of X, killed at the Y checkpoint:": X and Y do not speak
            attr = _named(ent, COLON_INTRO)
            attr.confidence = (COLON_INTRO.confidence or 0.0) * NO_CUE_FACTOR
            return attr
        tok = ctx.doc[i]
        if tok.is_punct:
            continue
        last_word = not WORD_RE.search(ctx.text, tok.idx + len(tok.text), hi)
        if last_word and tok.pos_ == "PROPN" and tok.is_title:  # a name the recogniser missed
            left = i
            while left > 0 and ctx.doc[left - 1].pos_ == "PROPN" and ctx.doc[left - 1].is_title:
                left -= 1
            name = ctx.doc[left : i + 1]
            speaker = Speaker(name.text, name.start_char, name.end_char)
            return _Attr(speaker, COLON_INTRO, UNRECOGNISED_NAME_CONFIDENCE, label="PERSON")
    return None


def _owner_before_colon(ctx: _Ctx, ent: Span) -> _Attr | None:
    """'From Ann Shaw's post:' / 'Shaw's reply was:': the name owns a statement noun."""
    root = ent.root
    if root.dep_ != "poss" or not _on(ctx, STATEMENT_OWNER):
        return None
    return _statement_possessor(ctx, root.head)


@QUOTE_SPEAKER.rule("dash-attribution", confidence=0.85)
def dash_attribution(ctx: _Ctx, span: _Marked) -> _Attr | None:
    """The name after a dash under or after a quote is the speaker: '"We held the line." — Ilo
    Marsh' -> speaker "Ilo Marsh"."""
    if span.close_at <= span.end:
        return None
    start = span.close_at
    para_end = ctx.para_ends[span.end_para]
    if not ctx.text[start:para_end].strip() and span.end_para + 1 < len(ctx.para_starts):
        # the signature on its own line under the quote: "— Name, Institute"
        start = ctx.para_starts[span.end_para + 1]
        para_end = ctx.para_ends[span.end_para + 1]
        if len(WORD_RE.findall(ctx.text, start, para_end)) > 12:
            return None
    hi = min(para_end, start + 120)
    tail = ctx.text[start:hi]
    m = DASH_NAME_RE.match(tail)
    if not m:
        return None
    lo = start + m.end()
    for i in _tokens_between(ctx, lo, lo + 60):
        ent = ctx.ent_of[i]
        if ent is not None and ent.label_ in ("PERSON", "ORG"):
            name = _strip_title(ent) or ent
            speaker = Speaker(name.text, name.start_char, name.end_char)
            conf = DASH_ATTRIBUTION.confidence or 0.0
            return _Attr(speaker, DASH_ATTRIBUTION, conf, label=ent.label_)
        break
    # no entity: take the capitalised words after the dash
    m2 = re.match(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}", ctx.text[lo:hi])
    if m2:
        speaker = Speaker(m2.group(), lo, lo + m2.end())
        return _Attr(speaker, DASH_ATTRIBUTION, UNRECOGNISED_NAME_CONFIDENCE, label="PERSON")
    return None


DASH_ATTRIBUTION: Rule = dash_attribution


@QUOTE_SPEAKER.rule("previous-quote-paragraph", confidence=0.55)
def previous_quote_paragraph(ctx, span: _Marked, prev_quote, prev_span) -> _Attr | None:
    """A whole-paragraph quote with no cue right after a paragraph quoting X: X goes on.
    '"…," said Ilo Marsh.' then a paragraph '"We will rebuild it."' -> speaker "Ilo Marsh"."""
    if prev_quote is None or prev_quote.speaker is None or prev_span is None:
        return None
    if span.open_at != ctx.para_starts[span.para] or prev_span.end_para != span.para - 1:
        return None
    # the previous paragraph must end with that quote's attribution, not narration
    prev_para_end = ctx.para_ends[span.para - 1]
    tail = ctx.text[prev_quote.end : prev_para_end]
    if len(tail) > 120:
        return None
    rule = PREVIOUS_QUOTE_PARAGRAPH
    return _Attr(prev_quote.speaker, rule, rule.confidence or 0.0, label=None)


PREVIOUS_QUOTE_PARAGRAPH: Rule = previous_quote_paragraph


MAX_SAME_PARAGRAPH_GAP = 400  # characters between two quotes of one speaker in a paragraph


@QUOTE_SPEAKER.rule("previous-quote-same-paragraph", confidence=0.5)
def previous_quote_same_paragraph(ctx, span: _Marked, prev_quote, prev_span) -> _Attr | None:
    """A quote with no cue later in the paragraph of a quote by X, with nobody else the subject
    of anything in between, is X's too: 'Ilo Marsh wrote in the Harbour Report: "We must cut
    costs now." She gave the example of the Brena line. "If riders think we do not want them,
    they will stay away."' -> speaker "Ilo Marsh"."""
    if prev_quote is None or prev_quote.speaker is None or prev_span is None:
        return None
    if prev_span.end_para != span.para or span.open_at - prev_quote.end > MAX_SAME_PARAGRAPH_GAP:
        return None
    own = prev_quote.speaker.text
    for rows, starts in ((ctx.persons, ctx.person_starts), (ctx.orgs, ctx.org_starts)):
        lo, hi = bisect_left(starts, prev_quote.end), bisect_left(starts, span.open_at)
        if any(r[3] and _other_person(ctx, ctx.text[r[0] : r[1]], own) for r in rows[lo:hi]):
            return None  # someone else does something in between
    rule = PREVIOUS_QUOTE_SAME_PARAGRAPH
    return _Attr(prev_quote.speaker, rule, rule.confidence or 0.0, label=None)


PREVIOUS_QUOTE_SAME_PARAGRAPH: Rule = previous_quote_same_paragraph


@QUOTE_SPEAKER.rule("cue-sentence-before", confidence=0.6)
def cue_sentence_before(ctx: _Ctx, span: _Marked, prev_span: _Marked | None) -> _Attr | None:
    """A quote right after a sentence that ends on a cue names that cue's speaker: 'Or the
    ferry, harbour consultant Ilo Marsh says. "Several surveys point that way."' -> speaker
    "Ilo Marsh"; so for 'Marsh said in a statement. "…"', 'Marsh agreed. "…"' and a quote
    opening the paragraph after 'Marsh continued his remarks.'."""
    para_lo = ctx.para_starts[span.para]
    lo, hi = para_lo, span.open_at
    if span.open_at == para_lo and span.para > 0:  # 'X continued. ¶ "…"'
        lo, hi = ctx.para_starts[span.para - 1], ctx.para_ends[span.para - 1]
    if prev_span is not None and prev_span.close_at > lo:
        lo = prev_span.close_at
    ends = _sentence_ends(ctx.text, lo, min(len(ctx.text), hi + 1))  # + the line's end
    if not ends or ctx.text[ends[-1] : hi].strip():
        return None
    start = ends[-2] if len(ends) > 1 else lo
    cue = _last_cue(ctx, start, ends[-1])
    if cue is None or cue.lower_ == "according" or any(c.lower_ == "to" for c in cue.children):
        return None  # "… a naivete that fails to acknowledge the facts." is no one's cue
    after = _tokens_between(ctx, cue.idx + len(cue.text), ends[-1])
    if any(ctx.doc[i].pos_ in ("VERB", "AUX") for i in after):
        return None  # the sentence goes on past its cue: "X said the plan failed because …"
    attr = _attribute_cue(ctx, cue, span.start)[0]
    if attr.speaker is None:
        return None
    return _claim(attr, CUE_SENTENCE_BEFORE)


CUE_SENTENCE_BEFORE: Rule = cue_sentence_before


def _clause_subject(ctx: _Ctx, span: _Marked, before: _Marked | None) -> _Attr | None:
    """'Trump finished his speech, "…"': no cue, but the sentence leading into the quote has a
    named subject right before it. Low confidence; only a name or a pronoun qualifies."""
    lo = max(ctx.para_starts[span.para], before.close_at if before is not None else 0)
    ends = _sentence_ends(ctx.text, lo, span.open_at)
    lo = ends[-1] if ends else lo
    if not ctx.text[lo : span.open_at].rstrip().endswith((",", ":", "—", "–", "--")):
        return None
    for i in _tokens_between(ctx, lo, span.open_at):
        tok = ctx.doc[i]
        if tok.dep_ != "nsubj" or ctx.in_quote[i]:
            continue
        if tok.pos_ in ("PROPN", "PRON") or ctx.ent_of[i] is not None:
            attr = _speaker_from_subject(ctx, tok, tok.head, SUBJECT_OF_VERB)
            if attr.speaker is None:
                return None
            attr.confidence = min(attr.confidence, 0.45)
            return attr
        return None
    return None


def _governing_verb(ctx: _Ctx, span: _Marked, long_quote: bool) -> tuple[Token, _Attr] | None:
    """A quote with no speech cue next to it, inside a clause whose verb names its source:
    'X dismissed the report as "absurd"', 'X thanked him for "stepping up"'."""
    tok = _quote_token(ctx, span)
    climbed = False  # passed a non-finite verb inside the object ("for making …")
    for _ in range(7):
        if tok is None or tok.head.i == tok.i:
            return None
        tok = tok.head
        if ctx.in_quote[tok.i] or tok.pos_ not in ("VERB", "AUX"):
            continue
        lemma = tok.lemma_.lower()
        listed = lemma in CUE_VERBS or lemma in FRAGMENT_VERBS
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and not listed and _climbs_nonfinite(ctx, tok):
            climbed = True
            continue
        if not (long_quote or listed):
            return None
        if subject is None and tok.dep_ in ("conj", "advcl", "xcomp"):
            subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        if not long_quote or subject.pos_ in ("PROPN", "PRON") or ctx.ent_of[subject.i] is not None:
            named = SUBJECT_OF_CUE if lemma in CUE_VERBS else SUBJECT_OF_VERB
            attr = _speaker_from_subject(ctx, subject, tok, NONFINITE_OBJECT if climbed else named)
            if attr.speaker is None:
                return None
            return tok, attr
        return None
    return None


@QUOTE_SPEAKER.rule("named-subject-above", confidence=0.4)
def named_subject_above(ctx: _Ctx, span: _Marked) -> _Attr | None:
    """A quote no other rule attributes, inside clauses whose subjects name nobody, is the
    words of the first named subject above it: 'Ilo Marsh expressed confidence that the fare
    would not be an issue "that is going to hurt the ferry or the town."' -> speaker "Ilo
    Marsh", not nobody (the subject "the fare" names no one)."""
    tok = _quote_token(ctx, span)
    for _ in range(10):
        if tok is None or tok.head.i == tok.i:
            return None
        tok = tok.head
        if ctx.in_quote[tok.i] or tok.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or ctx.in_quote[subject.i]:
            continue
        if subject.pos_ in ("PROPN", "PRON") or ctx.ent_of[subject.i] is not None:
            attr = _speaker_from_subject(ctx, subject, tok, NAMED_SUBJECT_ABOVE)
            return attr if attr.speaker is not None else None
    return None


NAMED_SUBJECT_ABOVE: Rule = named_subject_above


@QUOTE_SPEAKER.rule("statement-owner", confidence=0.6)
def statement_owner(ctx: _Ctx, span: _Marked) -> _Attr | None:
    """A quote inside the phrase of a statement noun is the words of the noun's named owner,
    whoever the sentence is about: 'Ilo Marsh mocked Dala Venn's claim that the bridge "will
    never close"' -> speaker "Dala Venn"; so for 'Venn's slogan was that the town "deserves
    better"' (a that-clause after "was"), not for 'Venn's plan was "a folly"'."""
    tok = _quote_token(ctx, span)
    via = ""
    for _ in range(6):
        if tok is None or tok.head.i == tok.i:
            return None
        via, tok = tok.dep_, tok.head
        if ctx.in_quote[tok.i]:
            continue
        if tok.pos_ in ("VERB", "AUX"):
            if tok.lemma_.lower() == "be" and via == "ccomp":
                subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                return _statement_possessor(ctx, subject) if subject is not None else None
            if tok.dep_ not in ("ccomp", "acl"):  # a clause completing a noun goes on up
                return None
        elif tok.pos_ == "NOUN" and _completes(via, tok, span):
            found = _statement_possessor(ctx, tok)
            if found is not None:
                return found
    return None


def _completes(via: str, noun: Token, span: _Marked) -> bool:
    """Whether the quoted words fill the noun's content: its clause ("claim that …"), its
    apposition ("slogan, '…'") or a modifier before it ("the '…' pledge"); not "as '…'"."""
    if via in ("acl", "ccomp", "appos"):
        return True
    return via in ("compound", "amod", "nmod") and noun.idx >= span.close_at


STATEMENT_OWNER: Rule = statement_owner


def _statement_possessor(ctx: _Ctx, noun: Token) -> _Attr | None:
    """'Dala Venn's claim' -> Dala Venn: the named person or organisation owning the noun."""
    if noun.lemma_.lower() not in STATEMENT_NOUNS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    ent = ctx.ent_of[owner.i] if owner is not None else None
    if ent is None or _ent_label(ent) not in ("PERSON", "ORG"):
        return None
    return _named(ent, STATEMENT_OWNER)


def _climbs_nonfinite(ctx: _Ctx, verb: Token) -> bool:
    """Whether the walk up from a quote may pass this verb (see `nonfinite_object`)."""
    return _on(ctx, NONFINITE_OBJECT) and verb.dep_ in ("acl", "pcomp") and verb.tag_ != "VBD"


@QUOTE_SPEAKER.rule("nonfinite-object", confidence=0.5)
def nonfinite_object(ctx: _Ctx, tok: Token, verb: Token) -> _Attr:
    """A quoted fragment inside a non-finite verb's object belongs to the clause above it: 'Ilo
    Marsh criticised the council for making "very rude statements"' -> the predicate after
    "criticised" is a mixed quote, speaker "Ilo Marsh" (the subject of the finite verb)."""
    return _speaker_from_subject(ctx, tok, verb, NONFINITE_OBJECT)


NONFINITE_OBJECT: Rule = nonfinite_object


def _on_behalf_of(ctx: _Ctx, ps: int, pe: int) -> _Attr | None:
    """'X read a message from the command of the Brigades:' -> the Brigades speak, not X."""
    for i in _tokens_between(ctx, ps, pe):
        tok = ctx.doc[i]
        if tok.lower_ not in ON_BEHALF_NOUNS:
            continue
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in ON_BEHALF_PREPS:
                continue
            for sub in prep.subtree:
                ent = ctx.ent_of[sub.i]
                if ent is not None and _ent_label(ent) == "ORG":
                    return _named(ent, BLOCK_PREVIOUS_SENTENCE)
    return None


def _person_in_subject(ctx: _Ctx, subject: Token, cue: Token) -> Span | None:
    """'One farmer, who gave his name only as Abu Sami, said': the person named inside."""
    limit = cue.i - 1 if subject.i < cue.i else len(ctx.doc) - 1  # '"…," said a man who …'
    hi = min(subject.right_edge.i, limit, subject.i + 15)
    for i in range(subject.i + 1, hi + 1):
        ent = ctx.ent_of[i]
        before = ctx.doc[i - 1].lower_
        mislabelled = ent is not None and ent.label_ not in ("PERSON", "ORG") and i == ent.start
        if (
            (ent is None or mislabelled)
            and before in ("as", "named", "called")
            and ctx.doc[i].pos_ == "PROPN"
        ):
            j = i
            while j + 1 <= hi and ctx.doc[j + 1].pos_ == "PROPN":
                j += 1
            return ctx.doc[i : j + 1]  # "a shopkeeper who gave his name as Rashed"
        if ent is None or ent.label_ not in ("PERSON", "ORG") or i != ent.start:
            continue
        if before in ("as", "named", "called") or ent.root.dep_ == "appos":
            return ent
    return None


def _log_named_cues(ctx: _Ctx) -> None:
    """Log every cue verb with a named subject, in text order, before quotes are attributed:
    a later "he said" then follows the last person seen speaking, whatever kind of quote."""
    for tok in ctx.doc:
        if ctx.in_quote[tok.i] or not _is_cue(tok):
            continue
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            continue
        ent = ctx.ent_of[subject.i] or _person_in_subject(ctx, subject, tok)
        label = _ent_label(ent) if ent is not None and ent.label_ else "PERSON"
        if ent is not None and label in ("PERSON", "ORG"):
            name = _strip_title(ent) or ent
            speaker = Speaker(name.text, name.start_char, name.end_char)
            _log_speaker(ctx, tok.idx + len(tok.text), speaker, label)
        elif subject.tag_ == "NN" and subject.lemma_.lower() not in ROLE_ORG_NOUNS:
            det = next((c.lower_ for c in subject.children if c.dep_ == "det"), None)
            if det in ("a", "an", "one"):  # "A shepherd who saw the strike said": he, later
                attr = _speaker_from_subject(ctx, subject, tok)
                if attr.speaker is not None:
                    _log_speaker(ctx, tok.idx + len(tok.text), attr.speaker, "PERSON")
