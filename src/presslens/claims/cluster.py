"""Claims from different documents that tell the same event, grouped into clusters.

Claims are blocked by compound keys (predicate family, shared entity, date, rare words) and
compared within blocks. Two claims join (`claims-cluster-join`) unless a veto keeps them apart
(`claims-cluster-veto`); how alike they must read depends on the evidence that they tell one
event (`claims-cluster-evidence`: a shared entity, the same day, the same action).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from presslens.claims.clauses import told_in_passing_claim
from presslens.claims.republication import Copy
from presslens.claims.words import (
    _WORD_RE,
    LIGHT_PREDICATES,
    WORD_FAMILIES,
    _content_words,
    _family,
)
from presslens.models import Claim, ClaimCluster, EventMention, make_id
from presslens.rules import Rule, Rules, stage
from presslens.unionfind import UnionFind

# Similarity (mean of idf-weighted Dice and containment of content words) needed for two
# claims to tell the same event, by evidence: shared entity 1, same day 1, same action 1 (or
# 0.5 when one's action only appears among the other's words).
SIM_NEEDED = ((3.0, 0.25), (2.5, 0.3), (2.0, 0.35), (1.0, 0.5), (0.0, 0.75))
MAX_NAME_LOOKUPS = 10
NAME_RE = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’-]+)*")
MIN_SHARED_WORDS = 3
MIN_SHARED_COMMON = 2  # lower-case words (what happened, not only who); 1 with strong evidence
MIN_SHARED_PARTICIPANTS = 2  # words of who/whom two main event mentions share to agree
MAX_BLOCK = 200  # blocks larger than this are too generic to compare within

EntityAt = Callable[[str, int, int], str | None]

CLUSTER_JOIN = stage(
    "claims-cluster-join", "What puts claims of different documents into one cluster."
)
CLUSTER_VETO = stage(
    "claims-cluster-veto", "What keeps two claims apart however alike they read: any veto wins."
)
CLUSTER_EVIDENCE = stage(
    "claims-cluster-evidence",
    "What says two claims tell one event: the weights add up, and more evidence needs less "
    "overlap of words.",
)


def own_texts(claims: list[Claim]) -> list[str]:
    """Each claim's text without the clauses told as claims of their own (a shorter claim of
    the same document inside its span, `claims-clause-event`), blanked so offsets hold: "Vesk
    resigned, days after gunmen burned the depot" reads "Vesk resigned," beside the claim
    "days after gunmen burned the depot"."""
    texts = [c.text for c in claims]
    by_doc: dict[str, list[int]] = defaultdict(list)
    for k, c in enumerate(claims):
        by_doc[c.doc_id].append(k)
    for ks in by_doc.values():
        ks.sort(key=lambda k: (claims[k].start, -claims[k].end))
        for x, k in enumerate(ks):
            outer = claims[k]
            chars = None
            for j in ks[x + 1 :]:
                inner = claims[j]
                if inner.start >= outer.end:
                    break
                if inner.end <= outer.end and told_in_passing_claim(inner.rules):
                    chars = chars or list(texts[k])
                    a, b = inner.start - outer.start, inner.end - outer.start
                    chars[a:b] = " " * (b - a)
            if chars is not None:
                texts[k] = "".join(chars)
    return texts


def _claim_entities(
    c: Claim, entity_at: EntityAt, skip_names: frozenset[str] = frozenset(), text: str = ""
) -> set[str]:
    """Entity ids of the claim's subject, place and capitalised names in its `text` (its own
    text, without clauses told apart; not the outlets' own names: "told Varesh Free Voice"
    says nothing about the event)."""
    spans = [(c.subject_start, c.subject_end), (c.where_start, c.where_end)]
    for m in NAME_RE.finditer(text or c.text):
        if len(spans) >= MAX_NAME_LOOKUPS:
            break
        if m.group(0) in skip_names:
            continue
        spans.append((c.start + m.start(), c.start + m.end()))
    found = set()
    for s, e in spans:
        if s is not None and e is not None:
            eid = entity_at(c.doc_id, s, e)
            if eid:
                found.add(eid)
    return found


@dataclass
class Corpus:
    """What the comparisons read: each claim's content words, families and entities."""

    claims: list[Claim]
    words: list[set[str]]
    common: list[set[str]]  # the lower-case (what happened) words
    idf: dict[str, float]
    families: list[str]
    ents: list[set[str]]
    main_events: list[EventMention | None] = field(default_factory=list)  # see main_event_mentions

    @classmethod
    def of(
        cls,
        claims: list[Claim],
        outlet_of: dict[str, str | None],
        entity_at: EntityAt,
        main_events: dict[str, EventMention] | None = None,
    ) -> Corpus:
        n = len(claims)
        outlet_words = frozenset(
            w.lower() for o in set(outlet_of.values()) if o for w in _WORD_RE.findall(o)
        )
        texts = own_texts(claims)
        analysed = [_content_words(t, outlet_words) for t in texts]
        words = [w for w, _ in analysed]
        lower_vocab = {w for _, c in analysed for w in c if not w.startswith("^")}
        common = [
            {
                w[1:] if w.startswith("^") else w
                for w in c
                if not w.startswith("^") or w[1:] in lower_vocab
            }
            for _, c in analysed
        ]
        df = Counter(w for ws in words for w in ws)
        idf = {w: math.log((n + 1) / (d + 0.5)) for w, d in df.items()}
        families = [_family(c.predicate) for c in claims]
        outlet_names = frozenset(o for o in outlet_of.values() if o)
        ents = [
            _claim_entities(c, entity_at, outlet_names, t)
            for c, t in zip(claims, texts, strict=True)
        ]
        found = main_events or {}
        return cls(claims, words, common, idf, families, ents, [found.get(c.id) for c in claims])

    def blocks(self) -> dict[tuple, list[int]]:
        """Claims by compound key: predicate family, content family, entity, date, rare words
        (one generic key never forms a corpus-wide block)."""
        blocks: dict[tuple, list[int]] = defaultdict(list)
        for k, c in enumerate(self.claims):
            fam = self.families[k]
            date = c.when.start if c.when else None
            light = c.predicate in LIGHT_PREDICATES
            content_fams = {w for w in self.words[k] if w in WORD_FAMILIES}
            if not light:
                blocks[("f", fam)].append(k)
            for cf in content_fams:
                if date:
                    blocks[("cd", cf, date)].append(k)
                for eid in self.ents[k]:
                    blocks[("ce", cf, eid)].append(k)
            for eid in self.ents[k]:
                if date:
                    blocks[("ed", eid, date)].append(k)
                if not light:
                    blocks[("fe", fam, eid)].append(k)
            if date and not light:
                blocks[("fd", fam, date)].append(k)
            for key in self._rare_pairs(k):
                blocks[key].append(k)
        return blocks

    def _rare_pairs(self, k: int) -> list[tuple]:
        idf = self.idf
        rare = sorted((w for w in self.words[k] if not w.isdigit()), key=lambda w: (-idf[w], w))[:3]
        return [
            ("w", *sorted((rare[x], rare[y])))
            for x in range(len(rare))
            for y in range(x + 1, len(rare))
        ]


class Pair:
    """Two claims under comparison; similarity and evidence are worked out when first read."""

    __slots__ = ("corpus", "ia", "ib", "a", "b", "_common", "_sim", "_evidence", "_rules")

    def __init__(
        self, corpus: Corpus, ia: int, ib: int, evidence: list[Callable[[Pair], float | None]]
    ) -> None:
        self.corpus, self.ia, self.ib = corpus, ia, ib
        self.a, self.b = corpus.claims[ia], corpus.claims[ib]
        self._common: int | None = None
        self._sim: tuple[float, int] | None = None
        self._evidence: float | None = None
        self._rules = evidence  # the evidence rules' functions, in table order

    @property
    def shared_common(self) -> int:
        """How many lower-case (what happened) words the two claims share."""
        if self._common is None:
            self._common = len(self.corpus.common[self.ia] & self.corpus.common[self.ib])
        return self._common

    @property
    def similarity(self) -> tuple[float, int]:
        """(score, shared word count): see `_similarity`."""
        if self._sim is None:
            c = self.corpus
            self._sim = _similarity(c.words[self.ia], c.words[self.ib], c.idf)
        return self._sim

    @property
    def evidence(self) -> float:
        """The summed weights of the evidence rules that answer for this pair."""
        if self._evidence is None:
            total = 0.0
            for rule in self._rules:
                weight = rule(self)
                if weight is not None:
                    total += weight
            self._evidence = total
        return self._evidence


def _similarity(a: set[str], b: set[str], idf: dict[str, float]) -> tuple[float, int]:
    """Mean of idf-weighted Dice and containment: a short claim inside a long one still
    scores, two long claims need real overlap. Returns (score, shared word count)."""
    shared = a & b
    if not shared:
        return 0.0, 0
    wa, wb = sum(idf[w] for w in a), sum(idf[w] for w in b)
    ws = sum(idf[w] for w in shared)
    dice = 2 * ws / (wa + wb)
    containment = ws / min(wa, wb)
    return (dice + containment) / 2, len(shared)


def _dates_conflict(a: Claim, b: Claim) -> bool:
    if a.when is None or b.when is None:
        return False
    return a.when.end < b.when.start or b.when.end < a.when.start


def _same_date(a: Claim, b: Claim) -> bool:
    return (
        a.when is not None
        and b.when is not None
        and a.when.start == b.when.start
        and a.when.precision == b.when.precision
    )


def _own_place(c: Claim) -> str | None:
    """The claim's place when the sentence names it (not the dateline fallback)."""
    if c.where_text and c.where_start is not None and c.start <= c.where_start < c.end:
        return c.where_text.lower().removeprefix("the ")
    return None


def _places_conflict(a: Claim, b: Claim, ents_a: set[str], ents_b: set[str]) -> bool:
    """ "wins the primary in New York" vs "... in North Carolina": two named places that are
    not one another's variant are two events, unless one claim names the other's place too
    ("escaped in Dalvar province" vs "escaped in Velestan's northern Dalvar province": one
    region, told at two scales)."""
    pa, pb = _own_place(a), _own_place(b)
    if not pa or not pb or pa == pb or pa in pb or pb in pa:
        return False
    return not (pa in b.text.lower() or pb in a.text.lower())


# ---------------------------------------------------------------------------------------------
# Vetoes: any one keeps the pair apart (cheap ones first)
# ---------------------------------------------------------------------------------------------


@CLUSTER_VETO.rule("claim-same-document")
def same_document(p: Pair) -> bool:
    """Within one article, sentences are different statements: two sentences of one story
    "Gunmen burned the depot" / "Gunmen burned the depot again" -> apart."""
    return p.a.doc_id == p.b.doc_id


@CLUSTER_VETO.rule("claim-date-conflict")
def date_conflict(p: Pair) -> bool:
    """Dates that cannot overlap: "burned the depot on 4 March" vs "... on 9 March" -> apart."""
    return _dates_conflict(p.a, p.b)


@CLUSTER_VETO.rule("claim-only-names-shared")
def only_names_shared(p: Pair) -> bool:
    """No lower-case word in common, only names: "Vesk visited Tarsk" and "Vesk left Tarsk"
    -> apart (who, not what happened)."""
    return p.shared_common == 0


@CLUSTER_VETO.rule("claim-place-conflict", version=2)
def place_conflict(p: Pair) -> bool:
    """Two named places, neither a variant of the other nor named by the other claim too: "won
    the vote in Tarsk" vs "won the vote in Orlan" -> apart."""
    c = p.corpus
    return _places_conflict(p.a, p.b, c.ents[p.ia], c.ents[p.ib])


@CLUSTER_VETO.rule("claim-few-shared-words")
def few_shared_words(p: Pair) -> bool:
    """Fewer than three content words in common: "gunmen burned a depot" vs "farmers burned
    stubble" -> apart."""
    return p.similarity[1] < MIN_SHARED_WORDS


@CLUSTER_VETO.rule("claim-weak-common-words")
def weak_common_words(p: Pair) -> bool:
    """One shared word of substance needs strong corroboration (evidence 2): "Vesk resigned
    in Tarsk" vs "Vesk's aide resigned" without the same day or entity -> apart."""
    return p.shared_common < MIN_SHARED_COMMON and p.evidence < 2


# ---------------------------------------------------------------------------------------------
# Evidence: weights that lower the similarity the pair needs
# ---------------------------------------------------------------------------------------------


@CLUSTER_EVIDENCE.rule("claim-shared-entity")
def shared_entity(p: Pair) -> float | None:
    """A resolved entity in both (subject, place or a name): "Vesk" in both tellings -> +1."""
    c = p.corpus
    return 1.0 if c.ents[p.ia] & c.ents[p.ib] else None


@CLUSTER_EVIDENCE.rule("claim-same-day")
def same_day(p: Pair) -> float | None:
    """Both dated to the same day: "on 4 March" and "on Monday" (4 March) -> +1."""
    a, b = p.a, p.b
    return 1.0 if _same_date(a, b) and a.when and a.when.precision == "day" else None


@CLUSTER_EVIDENCE.rule("claim-same-action")
def same_action(p: Pair) -> float | None:
    """The same action in other words: "ambushed a convoy" and "attacked a convoy" -> +1."""
    fam = p.corpus.families
    light = p.a.predicate in LIGHT_PREDICATES
    return 1.0 if fam[p.ia] == fam[p.ib] and not light else None


@CLUSTER_EVIDENCE.rule("claim-action-mentioned")
def action_mentioned(p: Pair) -> float | None:
    """Not the same main verb, but one's action is among the other's words: "burned the depot"
    and "the burning of the depot was reported" -> +0.5."""
    c = p.corpus
    fa, fb = c.families[p.ia], c.families[p.ib]
    light_a, light_b = p.a.predicate in LIGHT_PREDICATES, p.b.predicate in LIGHT_PREDICATES
    if fa == fb and not light_a:
        return None  # the same action (claim-same-action)
    if (not light_a and fa in c.words[p.ib]) or (not light_b and fb in c.words[p.ia]):
        return 0.5
    return None


def _participants(e: EventMention) -> set[str]:
    """The content words of who did it and to whom: "Two guards" -> {"2", "guard"}."""
    return _content_words(" ".join(x for x in (e.who, e.whom) if x))[0]


def _mention_place(e: EventMention) -> str | None:
    return e.where.lower().removeprefix("the ") if e.where else None


def _mentions_agree(ea: EventMention, eb: EventMention) -> bool:
    """Neither date nor place apart, and two words of the participants (who did it, to whom)
    shared: "eleven trucks" / "eleven ore trucks", not "the group" / "the armed group"."""
    if ea.when_value and eb.when_value and ea.when_value != eb.when_value:
        return False
    pa, pb = _mention_place(ea), _mention_place(eb)
    if pa and pb and pa not in pb and pb not in pa:
        return False
    return len(_participants(ea) & _participants(eb)) >= MIN_SHARED_PARTICIPANTS


@CLUSTER_EVIDENCE.rule("claim-same-event-mention")
def same_event_mention(p: Pair) -> float | None:
    """Both main events in one event-mention cluster, of the same participants and not apart
    in place or date (event clusters hold one lemma across a story, so they merge incidents):
    "the group burned eleven trucks" and "eleven ore trucks were burned", one "burn" cluster,
    both of eleven trucks -> +1."""
    ea, eb = p.corpus.main_events[p.ia], p.corpus.main_events[p.ib]
    if ea is None or eb is None or not ea.cluster_id or ea.cluster_id != eb.cluster_id:
        return None
    return 1.0 if _mentions_agree(ea, eb) else None


# ---------------------------------------------------------------------------------------------
# Joins
# ---------------------------------------------------------------------------------------------


def _root_doc(doc_id: str, copies: dict[str, str]) -> str:
    """The original a re-published copy goes back to (itself when not a copy)."""
    seen_ids = set()
    while doc_id in copies and doc_id not in seen_ids:
        seen_ids.add(doc_id)
        doc_id = copies[doc_id]
    return doc_id


# copied passages by document: (start, end, original document) of each copied paragraph
PassagesOf = dict[str, list[tuple[int, int, str]]]


def passages_by_document(passages: Iterable[Copy]) -> PassagesOf:
    """The copied paragraphs of each document, from `find_copies`."""
    found: PassagesOf = defaultdict(list)
    for copy in passages:
        found[copy.copy_id].extend((s, e, copy.original_id) for s, e in copy.spans)
    return dict(found)


def origin_of(doc_id: str, offset: int, copies: dict[str, str], passages_of: PassagesOf) -> str:
    """The document that first told the text at `offset`: the original of the copied paragraph
    holding it, else the original the whole document re-publishes, else the document itself."""
    for start, end, original in passages_of.get(doc_id, ()):
        if start <= offset < end:
            return _root_doc(original, copies)
    return _root_doc(doc_id, copies)


@CLUSTER_JOIN.rule("claim-republished-twin", version=2)
def republished_twin(
    corpus: Corpus, copies: dict[str, str], passages_of: PassagesOf | None = None
) -> list[tuple[int, int]]:
    """A re-published copy, or a copied paragraph, tells what its original tells: the copy's
    "Gunmen burned the depot on Monday." joins the same sentence of the original (the copy's
    own publication date may shift its relative dates). Returns (copy's claim, original's
    claim) pairs."""
    passages_of = passages_of or {}
    origins = [origin_of(c.doc_id, c.start, copies, passages_of) for c in corpus.claims]
    by_text: dict[tuple[str, str], int] = {}
    for k, c in enumerate(corpus.claims):
        if origins[k] == c.doc_id:
            by_text.setdefault((c.doc_id, " ".join(c.text.split())), k)
    joins = []
    for k, c in enumerate(corpus.claims):
        if origins[k] != c.doc_id:
            twin = by_text.get((origins[k], " ".join(c.text.split())))
            if twin is not None:
                joins.append((k, twin))
    return joins


def main_event_mentions(
    claims: Iterable[Claim], events: Iterable[EventMention]
) -> dict[str, EventMention]:
    """Claim id -> its main event: the body event mention inside the claim whose lemma is the
    claim's main verb (the first such; a phrasal verb's first word: "pass away" is the
    claim's "pass")."""
    by_doc: dict[str, list[EventMention]] = defaultdict(list)
    for e in events:
        if e.field == "body" and e.cluster_id:
            by_doc[e.doc_id].append(e)
    for found in by_doc.values():
        found.sort(key=lambda e: e.start)
    main: dict[str, EventMention] = {}
    for c in claims:
        for e in by_doc.get(c.doc_id, ()):
            if e.start >= c.end:
                break
            if e.start >= c.start and e.lemma.split(" ")[0] == c.predicate:
                main[c.id] = e
                break
    return main


def main_event_clusters(claims: Iterable[Claim], events: Iterable[EventMention]) -> dict[str, str]:
    """Claim id -> the event cluster of its main event (see `main_event_mentions`)."""
    return {
        claim_id: e.cluster_id or "" for claim_id, e in main_event_mentions(claims, events).items()
    }


@CLUSTER_JOIN.rule("claim-same-main-event")
def same_main_event(corpus: Corpus, main_event_of: dict[str, str]) -> list[tuple[int, int]]:
    """Claims whose main events are one event cluster tell one event: "Gunmen burned the depot
    in Tarsk" and "the depot was burned overnight", their "burn" one cluster of the story ->
    one claim cluster. Returns (claim, first claim of its event cluster) pairs."""
    first: dict[str, int] = {}
    joins = []
    for k, c in enumerate(corpus.claims):
        cluster = main_event_of.get(c.id)
        if not cluster:
            continue
        if cluster in first:
            joins.append((k, first[cluster]))
        else:
            first[cluster] = k
    return joins


@CLUSTER_JOIN.rule("claim-same-event")
def same_event(p: Pair) -> bool:
    """Words alike enough for the evidence: "Gunmen ambushed a convoy near Tarsk on Monday"
    and "Militants attacked a convoy near Tarsk on Monday" (same day, same action) -> one
    event."""
    evidence = p.evidence
    needed = next(sim_needed for ev, sim_needed in SIM_NEEDED if evidence >= ev)
    return p.similarity[0] >= needed


def _compare_blocks(
    corpus: Corpus,
    uf: UnionFind,
    join: Callable[[Pair], bool],
    vetoes: list[Rule],
    evidence: list[Rule],
) -> None:
    # no global set of compared pairs: memory stays linear; a pair sharing several keys is
    # compared at most once per shared key (and not at all once joined)
    veto_fns = [r.fn for r in vetoes]
    evidence_fns = [r.fn for r in evidence]
    by_date = any(r.id == "claim-date-conflict" for r in vetoes)
    find, parent = uf.find, uf.parent
    for members in corpus.blocks().values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        for a, later in _block_pairs(members, corpus.claims, by_date):
            root = find(a)  # stays a's root: a later b only ever joins under it
            for b in later:
                if parent[b] == root or find(b) == root:  # (the first test saves a call)
                    continue
                pair = Pair(corpus, a, b, evidence_fns)
                for veto in veto_fns:
                    if veto(pair):
                        break
                else:
                    if join(pair):
                        uf.attach(b, a)


def _block_pairs(
    members: list[int], claims: list[Claim], by_date: bool
) -> Iterator[tuple[int, list[int]]]:
    """(a, the members a is compared with) for every pair of a block once. With `by_date`
    (the date-conflict veto on), dated claims are swept in date order and meet only those
    whose dates overlap theirs, the pairs that veto would let through: blocking, not a rule."""
    if not by_date:
        for i, a in enumerate(members):
            yield a, members[i + 1 :]
        return
    undated = [k for k in members if claims[k].when is None]
    dated = sorted((k for k in members if claims[k].when is not None), key=_when_start(claims))
    for i, a in enumerate(undated):
        yield a, undated[i + 1 :] + dated
    for i, a in enumerate(dated):
        end = claims[a].when.end  # type: ignore[union-attr]
        overlapping = []
        for b in dated[i + 1 :]:
            if claims[b].when.start > end:  # type: ignore[union-attr]
                break  # sorted by start: every later one starts after a ends too
            overlapping.append(b)
        yield a, overlapping


def _when_start(claims: list[Claim]) -> Callable[[int], str]:
    return lambda k: claims[k].when.start  # type: ignore[union-attr]


# ---------------------------------------------------------------------------------------------
# Clusters
# ---------------------------------------------------------------------------------------------


def _label(members: list[int], claims: list[Claim], words: list[set[str]]) -> str:
    """The clearest telling: a whole sentence (not a clause told in passing), not a quote,
    whose verb is the members' most common action,
    dated, the outlet's own narration, about what most members are about (its words shared
    by many members), of a readable length, then the shortest."""
    if len(members) == 1:
        return claims[members[0]].text
    share = Counter(w for k in members for w in words[k])
    # the action most members speak of (in any words), among the members' own main verbs
    actions = {
        _family(claims[k].predicate) for k in members if claims[k].predicate not in LIGHT_PREDICATES
    }
    top_action = max(sorted(actions), key=lambda a: share[a]) if actions else None

    def rank(k: int) -> tuple:
        c = claims[k]
        central = sum(share[w] for w in words[k]) / (len(words[k]) or 1) / len(members)
        length = len(c.text)
        return (
            told_in_passing_claim(c.rules),
            c.source_kind == "quote",
            c.predicate in LIGHT_PREDICATES,
            _family(c.predicate) != top_action,
            c.when is None,
            c.source_kind != "outlet",
            -round(central, 2),
            not 40 <= length <= 220,
            length,
            c.id,
        )

    return claims[min(members, key=rank)].text


def _cluster(
    members: list[int],
    corpus: Corpus,
    outlet_of: dict[str, str | None],
    copies: dict[str, str],
    passages_of: PassagesOf,
) -> ClaimCluster:
    """One cluster record; sets `claim.cluster_id` on its members."""
    claims = corpus.claims
    members_claims = [claims[k] for k in members]
    claim_ids = sorted(c.id for c in members_claims)
    cluster_id = make_id("cluster", *claim_ids)
    doc_ids = sorted({c.doc_id for c in members_claims})
    outlets = sorted({o for d in doc_ids if (o := outlet_of.get(d))})
    independent = set()
    for c in members_claims:
        origin = origin_of(c.doc_id, c.start, copies, passages_of)
        independent.add(outlet_of.get(origin) or outlet_of.get(c.doc_id) or f"doc:{origin}")
    label = _label(members, claims, corpus.words)
    for c in members_claims:
        c.cluster_id = cluster_id
    return ClaimCluster(
        id=cluster_id,
        label=label,
        claim_ids=claim_ids,
        doc_ids=doc_ids,
        outlets=outlets,
        independent_outlets=len(independent),
    )


def cluster_claims(
    claims: list[Claim],
    outlet_of: dict[str, str | None],
    copies: dict[str, str],
    entity_at: EntityAt,
    *,
    joins: Rules = CLUSTER_JOIN,
    vetoes: Rules = CLUSTER_VETO,
    evidence: Rules = CLUSTER_EVIDENCE,
    passages: Iterable[Copy] = (),
    main_event_of: dict[str, str] | None = None,
    main_events: dict[str, EventMention] | None = None,
) -> list[ClaimCluster]:
    """Group claims that tell the same event across documents; sets `claim.cluster_id`.

    Claims are blocked by predicate family, shared entity, date and their two rarest content
    words (compound keys, so one generic key never forms a corpus-wide block), then compared
    within blocks: an idf-weighted Dice overlap of content words (word families make "ambushed
    a convoy" meet "attacked a convoy"), with date and entity agreement as extra evidence and a
    conflicting date as a veto. `independent_outlets` folds each re-published copy, and each
    claim in a copied paragraph (`passages`, from `find_copies`), into its original's outlet.
    `main_events` (claim id -> its main event mention, `main_event_mentions`) lets the
    evidence read the event clusters.
    """
    corpus = Corpus.of(claims, outlet_of, entity_at, main_events)
    uf = UnionFind(range(len(claims)))
    passages_of = passages_by_document(passages)
    if (copies or passages_of) and joins.enabled("claim-republished-twin"):
        for k, twin in joins["claim-republished-twin"].fn(corpus, copies, passages_of):
            uf.attach(k, twin)
    if main_event_of and joins.enabled("claim-same-main-event"):
        for k, first in joins["claim-same-main-event"].fn(corpus, main_event_of):
            uf.attach(k, first)
    if joins.enabled("claim-same-event"):
        _compare_blocks(corpus, uf, joins["claim-same-event"].fn, list(vetoes), list(evidence))
    clusters = [_cluster(m, corpus, outlet_of, copies, passages_of) for m in uf.groups().values()]
    clusters.sort(key=lambda cl: (-cl.independent_outlets, -len(cl.claim_ids), cl.id))
    return clusters
