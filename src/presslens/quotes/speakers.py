"""Who said a quote: from a cue's subject, a colon, a dash, the previous paragraph."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from presslens.models import Speaker

from .context import (
    _Attr,
    _Ctx,
    _cue_phrase,
    _ent_label,
    _is_cue,
    _log_speaker,
    _strip_title,
    _tokens_between,
)
from .cues import _cue_date, _frame_subject, _is_dateline, _last_cue, _quote_token, _subject, _via
from .marks import WORD_RE, _Marked, _sentence_ends
from .resolve import _by_role, _chain, _resolve, _role_fallback
from .vocab import (
    CHAIN_VERBS,
    COLON_NOT_SPEAKER_DEPS,
    CONFIDENCE,
    CUE_VERBS,
    DASH_NAME_RE,
    FRAGMENT_VERBS,
    MEDIA_NOUNS,
    MOUTHPIECE_NOUNS,
    NAME_LABELS,
    ON_BEHALF_NOUNS,
    ON_BEHALF_PREPS,
    PERSON_PRONOUNS,
    ROLE_ORG_NOUNS,
    ROLE_PERSON_NOUNS,
)


def _speaker_from_subject(ctx: _Ctx, tok: Token, cue: Token) -> _Attr:
    """Name span for a subject token, resolving pronouns and role nouns to a named mention."""
    ent = ctx.ent_of[tok.i]
    if (
        ent is not None
        and ent.label_ in NAME_LABELS
        and (ent.label_ in ("PERSON", "ORG") or tok.pos_ == "PROPN")
    ):  # "Diplomats said" is no name even when tagged NORP
        return _named(ent, "subject-of-cue")
    for child in tok.children:
        # "the spokesman, Dan Ortel," names the speaker; "an NLF official" only affiliates him
        if child.dep_ in ("appos", "compound", "flat", "nmod", "npadvmod"):
            cent = ctx.ent_of[child.i]
            if cent is not None and (
                _ent_label(cent) == "PERSON" or (child.dep_ == "appos" and cent.label_ == "ORG")
            ):
                return _named(cent, "subject-of-cue")
    inner = _person_in_subject(ctx, tok, cue)
    if inner is not None:
        return _named(inner, "subject-of-cue")
    lower = tok.lower_
    if lower in PERSON_PRONOUNS:
        return _resolve(ctx, cue, "PERSON", "pronoun→previous-person", lower)
    if lower == "it":  # "they" is as often people as an organisation: left unresolved
        return _resolve(ctx, cue, "ORG", "pronoun→previous-org", lower)
    if tok.pos_ == "PRON":
        return _Attr(None, None, 0.0)
    if tok.lemma_.lower() in MEDIA_NOUNS and tok.tag_ == "NN":
        chained = _chain(ctx, cue)  # "The statement accused …": whoever issued the statement
        if chained.speaker is not None:
            chained.rule = "statement→its-author"
            chained.confidence = 0.6
            return chained
    det = next((c.lower_ for c in tok.children if c.dep_ in ("det", "poss")), None)
    lemma = tok.lemma_.lower()
    if det in ("its", "their") and lemma in MOUTHPIECE_NOUNS:
        attr = _resolve(ctx, cue, "ORG", "pronoun→previous-org", "it")
        if attr.speaker is not None:
            return attr
    if det in ("the", "this", "that") and tok.tag_ in ("NN", "NNP"):
        if lemma in ROLE_PERSON_NOUNS:
            # inside an interview "the commander" is the interviewee, not an earlier commander
            in_interview = ctx.interview is not None and cue.idx > ctx.interview[0]
            attr = (None if in_interview else _by_role(ctx, cue, "PERSON", lemma)) or (
                _role_fallback(ctx, cue, "PERSON")
            )
            if attr is not None and attr.speaker is not None:
                return attr
        elif lemma in ROLE_ORG_NOUNS:
            attr = _by_role(ctx, cue, "ORG", lemma) or _role_fallback(ctx, cue, "ORG")
            if attr is not None and attr.speaker is not None:
                return attr
    if tok.pos_ == "PROPN":
        left = min([tok.i] + [c.i for c in tok.children if c.dep_ in ("compound", "flat")])
        span = ctx.doc[left : tok.i + 1]
        name = _strip_title(span) or span
        return _Attr(
            Speaker(name.text, name.start_char, name.end_char),
            "subject-of-cue",
            0.7,
            label="PERSON",
        )
    # an unnamed or generic source: "an official who asked not to be named", "witnesses"
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
        return _Attr(None, None, 0.0)
    rule = (
        "unnamed-source"
        if det in (None, "a", "an", "some", "two", "three")
        else "subject-noun-phrase"
    )
    return _Attr(Speaker(span.text, span.start_char, span.end_char), rule, CONFIDENCE[rule])


def _named(ent: Span, rule: str) -> _Attr:
    name = _strip_title(ent) or ent
    return _Attr(
        Speaker(name.text, name.start_char, name.end_char),
        rule,
        CONFIDENCE[rule],
        label=_ent_label(ent),
    )


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


def _attribute_cue(ctx: _Ctx, cue: Token, at: int) -> tuple[_Attr, str | None, str | None, str]:
    """(speaker attribution, via, ISO date, cue text) for a cue verb or "according to"."""
    if cue.lower_ == "according":
        to = ctx.doc[cue.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        attr = _speaker_from_subject(ctx, obj, cue) if obj is not None else _Attr(None, None, 0.0)
        if attr.rule == "subject-of-cue":
            attr.rule = "according-to"
            attr.confidence = CONFIDENCE["according-to"]
        via = _via(ctx, obj) if obj is not None else None
        return attr, via, None, "according to"
    subject = _subject(ctx, cue)
    if subject is not None and _is_dateline(ctx, subject):
        subject = _frame_subject(ctx, cue)
    if (
        subject is not None
        and "\n" in ctx.text[min(subject.idx, cue.idx) : max(subject.idx, cue.idx)]
    ):
        subject = _frame_subject(ctx, cue)  # a subject on another line is a parse error
    if subject is not None:
        attr = _speaker_from_subject(ctx, subject, cue)
    elif cue.tag_ in ("VBG", "VBN") or cue.lemma_.lower() in CHAIN_VERBS:
        attr = _chain(ctx, cue)  # "Adding, '…'" continues the previous speaker
    else:
        attr = _Attr(None, None, 0.0)
    return attr, _via(ctx, cue), _cue_date(ctx, cue), _cue_phrase(cue)


def _colon_named(ctx: _Ctx, lo: int, hi: int) -> _Attr | None:
    """'Republican pollster Ann Shaw: "…"' : a colon right after a name introduces its words."""
    if not ctx.text[lo:hi].rstrip().endswith(":"):
        return None
    for i in reversed(_tokens_between(ctx, lo, hi)):
        if ctx.in_quote[i]:
            continue
        ent = ctx.ent_of[i]
        if ent is not None and ent.label_ in ("PERSON", "ORG"):
            if ent.root.dep_ in COLON_NOT_SPEAKER_DEPS:
                continue  # "Mother of X, killed at the Y checkpoint:": X and Y do not speak
            attr = _named(ent, "colon-intro")
            attr.confidence = 0.6
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
            return _Attr(speaker, "colon-intro", 0.5, label="PERSON")
    return None


def _dash_attribution(ctx: _Ctx, span: _Marked) -> _Attr | None:
    """ "…" — Name  /  "…" -Name : the name after a dash is the speaker."""
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
            return _Attr(
                speaker, "dash-attribution", CONFIDENCE["dash-attribution"], label=ent.label_
            )
        break
    # no entity: take the capitalised words after the dash
    m2 = re.match(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}", ctx.text[lo:hi])
    if m2:
        speaker = Speaker(m2.group(), lo, lo + m2.end())
        return _Attr(speaker, "dash-attribution", 0.6, label="PERSON")
    return None


def _previous_paragraph_speaker(ctx, span: _Marked, prev_quote, prev_span) -> _Attr | None:
    """A whole-paragraph quote with no cue right after a paragraph quoting X: X goes on."""
    if prev_quote is None or prev_quote.speaker is None or prev_span is None:
        return None
    if span.open_at != ctx.para_starts[span.para] or prev_span.end_para != span.para - 1:
        return None
    # the previous paragraph must end with that quote's attribution, not narration
    prev_para_end = ctx.para_ends[span.para - 1]
    tail = ctx.text[prev_quote.end : prev_para_end]
    if len(tail) > 120:
        return None
    return _Attr(
        prev_quote.speaker,
        "previous-quote-paragraph",
        CONFIDENCE["previous-quote-paragraph"],
        label=None,
    )


def _clause_subject(ctx: _Ctx, span: _Marked, before: _Marked | None) -> _Attr | None:
    """'Trump finished his speech, "…"': no cue, but the sentence leading into the quote has a
    named subject right before it. Low confidence; only a name or a pronoun qualifies."""
    lo = max(ctx.para_starts[span.para], before.close_at if before is not None else 0)
    ends = _sentence_ends(ctx.text, lo, span.open_at)
    lo = ends[-1] if ends else lo
    if not ctx.text[lo : span.open_at].rstrip().endswith((",", ":", "—", "–")):
        return None
    for i in _tokens_between(ctx, lo, span.open_at):
        tok = ctx.doc[i]
        if tok.dep_ != "nsubj" or ctx.in_quote[i]:
            continue
        if tok.pos_ in ("PROPN", "PRON") or ctx.ent_of[i] is not None:
            attr = _speaker_from_subject(ctx, tok, tok.head)
            if attr.speaker is None:
                return None
            if attr.rule == "subject-of-cue":
                attr.rule = "subject-of-verb"
            attr.confidence = min(attr.confidence, 0.45)
            return attr
        return None
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
    attr, via, when, cue_text = _attribute_cue(ctx, cue, span.start)
    if attr.rule == "subject-of-cue":
        attr.rule = "colon-intro"
        attr.confidence = CONFIDENCE["colon-intro"]
    return attr, cue_text, via, when


def _governing_verb(ctx: _Ctx, span: _Marked, long_quote: bool) -> tuple[Token, _Attr] | None:
    """A quote with no speech cue next to it, inside a clause whose verb names its source:
    'X dismissed the report as "absurd"', 'X thanked him for "stepping up"'."""
    tok = _quote_token(ctx, span)
    for _ in range(4):
        if tok is None or tok.head.i == tok.i:
            return None
        tok = tok.head
        if ctx.in_quote[tok.i] or tok.pos_ not in ("VERB", "AUX"):
            continue
        lemma = tok.lemma_.lower()
        if not (long_quote or lemma in CUE_VERBS or lemma in FRAGMENT_VERBS):
            return None
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and tok.dep_ in ("conj", "advcl", "xcomp"):
            subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        if not long_quote or subject.pos_ in ("PROPN", "PRON") or ctx.ent_of[subject.i] is not None:
            attr = _speaker_from_subject(ctx, subject, tok)
            if attr.speaker is None:
                return None
            if attr.rule == "subject-of-cue" and lemma not in CUE_VERBS:
                attr.rule = "subject-of-verb"
                attr.confidence = CONFIDENCE["subject-of-verb"]
            return tok, attr
        return None
    return None


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
                    attr = _named(ent, "subject-of-cue")
                    attr.rule = "block-previous-sentence"
                    attr.confidence = CONFIDENCE["block-previous-sentence"]
                    return attr
    return None
