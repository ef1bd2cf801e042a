"""Scores a store against a hand-written gold file (format: docs/gold-format.md).

Every score keeps the items it missed, so `presslens eval --verbose` shows exactly what to fix.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import entities as entities_stage
from .models import Document, Mention, Quote, Speaker
from .store import DEFAULT_DB, Store


@dataclass
class Score:
    name: str
    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def add(self, ok: bool, what: str = "") -> None:
        self.total += 1
        if ok:
            self.hits += 1
        elif what:
            self.misses.append(what)


@dataclass
class EvalReport:
    scores: dict[str, Score] = field(default_factory=dict)
    values: dict[str, float] = field(
        default_factory=dict
    )  # scores that are not hit rates (B-cubed, counts)

    def score(self, name: str) -> Score:
        return self.scores.setdefault(name, Score(name))

    def get(self, name: str) -> float | None:
        if name in self.values:
            return self.values[name]
        score = self.scores.get(name)
        return score.value if score else None

    def rows(self) -> list[tuple[str, str, str]]:
        """(metric, value, detail) for printing."""
        out = []
        for score in sorted(self.scores.values(), key=lambda s: s.name):
            value = "n/a" if score.value is None else f"{score.value:.3f}"
            out.append((score.name, value, f"{score.hits}/{score.total}"))
        for name, amount in sorted(self.values.items()):
            out.append((name, f"{amount:.3f}" if isinstance(amount, float) else str(amount), ""))
        return out


def normalise(name: str | None) -> str:
    """Case-, accent- and punctuation-insensitive form for comparing names and titles."""
    if not name:
        return ""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(ch for ch in name if not unicodedata.combining(ch))
    name = name.replace("’", "'").lower()
    name = re.sub(r"[^\w\s]", " ", name)
    return " ".join(name.split())


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def textacy_quotes(document) -> list[Quote]:
    """textacy's `direct_quotations` on one stored document, as Quote records (the baseline)."""
    from textacy.extract.triples import direct_quotations  # dev dependency, baseline only

    from .nlp import parse

    quotes = []
    try:
        triples = list(direct_quotations(parse(document.text)))
    except ValueError:  # textacy gives up on a document with an unclosed quotation mark
        return []
    for triple in triples:
        speaker = None
        if triple.speaker:
            start = min(t.idx for t in triple.speaker)
            end = max(t.idx + len(t) for t in triple.speaker)
            speaker = Speaker(document.text[start:end], start, end)
        content = triple.content
        quotes.append(
            Quote(
                id="",
                doc_id=document.id,
                start=content.start_char,
                end=content.end_char,
                text=content.text,
                kind="direct",
                speaker=speaker,
            )
        )
    return quotes


def evaluate(
    gold_path: str | Path, db: str | Path = DEFAULT_DB, baseline: bool = False
) -> EvalReport:
    """Score the store against the gold; with `baseline`, also score textacy's direct quotes."""
    gold_path = Path(gold_path)
    gold = json.loads(gold_path.read_text("utf-8"))
    store = Store(db)
    report = EvalReport()

    docs_by_file: dict[str, Document] = {}
    for stored in store.iter_documents():
        docs_by_file.setdefault(Path(stored.source.split("::")[0]).name, stored)

    quotes_by_doc = defaultdict(list)
    for quote in store.iter_quotes():
        quotes_by_doc[quote.doc_id].append(quote)
    claims_by_doc = defaultdict(list)
    for claim in store.iter_claims():
        claims_by_doc[claim.doc_id].append(claim)
    entity_by_id = {e.id: e for e in store.iter_entities()}
    mentions = list(store.iter_mentions())

    clusters = gold.get("entities", [])
    alias_owner = _alias_owners(clusters)
    entity_names = {}  # entity id → normalised names and aliases
    for entity in entity_by_id.values():
        entity_names[entity.id] = {normalise(entity.name)} | {
            normalise(a["text"]) for a in entity.aliases
        }

    for gold_doc in gold.get("documents", []):
        document = docs_by_file.get(gold_doc["file"])
        if document is None:
            report.score("documents found").add(False, gold_doc["file"])
            continue
        report.score("documents found").add(True)
        _score_metadata(report, gold_doc, document)
        _score_body(report, gold_doc, document)
        _score_quotes(
            report, gold_doc, document, quotes_by_doc[document.id], clusters, entity_names
        )
        if baseline:
            _score_quotes(
                report,
                gold_doc,
                document,
                textacy_quotes(document),
                clusters,
                entity_names,
                prefix="textacy ",
            )

    _score_entities(report, gold, mentions, alias_owner)
    _score_merges_by_rule(report, mentions, alias_owner, entity_by_id)
    _score_events(report, gold, docs_by_file, claims_by_doc)
    _score_claims(report, gold, store, docs_by_file)
    _score_framing(report, gold, store, mentions, alias_owner)
    return report


def _score_metadata(report: EvalReport, gold_doc: dict, document) -> None:
    name = gold_doc["file"]
    for key in ("outlet", "title", "published"):
        if key in gold_doc:
            ok = normalise(getattr(document, key)) == normalise(gold_doc[key])
            report.score(f"metadata: {key}").add(
                ok, f"{name}: {getattr(document, key)!r} != {gold_doc[key]!r}"
            )
    if "authors" in gold_doc:
        ok = {normalise(a) for a in document.authors} == {normalise(a) for a in gold_doc["authors"]}
        report.score("metadata: authors").add(
            ok, f"{name}: {document.authors} != {gold_doc['authors']}"
        )


def _score_body(report: EvalReport, gold_doc: dict, document) -> None:
    name = gold_doc["file"]
    for snippet in gold_doc.get("body_must_contain", []):
        report.score("body: kept").add(snippet in document.text, f"{name}: lost {snippet!r}")
    for snippet in gold_doc.get("body_must_not_contain", []):
        report.score("body: cleaned").add(
            snippet not in document.text, f"{name}: still has {snippet!r}"
        )
    for comment in gold_doc.get("comments", []):
        snippet = comment["text_contains"]
        separated = (
            any(snippet in c.text for c in document.comments) and snippet not in document.text
        )
        report.score("comments separated").add(separated, f"{name}: comment {snippet!r}")


def _speaker_ok(gold_speaker, quote, clusters_by_name, entity_names) -> bool:
    speaker = quote.speaker
    if gold_speaker is None:
        return speaker is None or speaker.entity_id is None
    if speaker is None:
        return False
    cluster = clusters_by_name.get(normalise(gold_speaker))
    aliases = {normalise(gold_speaker)} | (
        {normalise(a) for a in cluster["aliases"]} if cluster else set()
    )
    if normalise(speaker.text) in aliases:
        return True
    return bool(speaker.entity_id and entity_names.get(speaker.entity_id, set()) & aliases)


def _score_quotes(
    report, gold_doc, document, doc_quotes, clusters, entity_names, prefix: str = ""
) -> None:
    name = gold_doc["file"]
    clusters_by_name = {normalise(c["name"]): c for c in clusters}
    gold_spans = []
    for gold_quote in gold_doc.get("quotes", []):
        snippet, kind = gold_quote["text"], gold_quote.get("kind", "direct")
        start = document.text.find(snippet)
        if start < 0:
            report.score(prefix + "quotes: recall").add(
                False, f"{name}: snippet not in body {snippet!r}"
            )
            report.score(prefix + f"quotes: recall ({kind})").add(False)
            continue
        end = start + len(snippet)
        gold_spans.append((start, end))
        found = [q for q in doc_quotes if _overlaps(q.start, q.end, start, end)]
        report.score(prefix + "quotes: recall").add(
            bool(found), f"{name}: missed {kind} {snippet[:60]!r}"
        )
        report.score(prefix + f"quotes: recall ({kind})").add(bool(found))
        if found:
            # the most overlap; on a tie the innermost quote (a statement nested in a turn)
            best = max(
                found, key=lambda q: (min(q.end, end) - max(q.start, start), q.start - q.end)
            )
            ok = _speaker_ok(gold_quote.get("speaker"), best, clusters_by_name, entity_names)
            said = best.speaker.text if best.speaker else None
            report.score(prefix + "quotes: speaker accuracy").add(
                ok, f"{name}: {snippet[:40]!r} by {gold_quote.get('speaker')!r}, got {said!r}"
            )
            report.score(prefix + f"quotes: speaker accuracy ({kind})").add(ok)
            if not prefix:
                rule = best.speaker_rule or "no speaker"
                report.score(f"quotes: speaker accuracy by rule {rule}").add(ok)
    if "quotes" in gold_doc:
        for quote in doc_quotes:
            ok = any(_overlaps(quote.start, quote.end, s, e) for s, e in gold_spans)
            report.score(prefix + "quotes: precision").add(
                ok, f"{name}: extra {quote.kind} {quote.text[:60]!r}"
            )


def _alias_owners(clusters: list[dict]) -> dict[str, set[str]]:
    """normalised alias → the gold entity names that use it (more than one = ambiguous)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for cluster in clusters:
        for alias in [cluster["name"], *cluster.get("aliases", [])]:
            owners[normalise(alias)].add(cluster["name"])
    return owners


def _gold_labels(mentions: list[Mention], alias_owner) -> dict[str, str]:
    """mention id → gold entity name, for mentions whose text names exactly one gold entity.
    The title in front counts first: gold may list "Dr Karimzadeh" for the sister and a bare
    "Karimzadeh" for her brother."""
    labels = {}
    for mention in mentions:
        owners: set[str] = set()
        if mention.descriptor:
            owners = alias_owner.get(normalise(f"{mention.descriptor} {mention.text}"), set())
        if len(owners) != 1:
            owners = alias_owner.get(normalise(mention.text), set())
        if len(owners) == 1:
            labels[mention.id] = next(iter(owners))
    return labels


def bcubed(labels: dict[str, str], predicted: dict[str, str | None]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 over the labelled mentions."""
    if not labels:
        return 0.0, 0.0, 0.0
    pred = {m: (predicted.get(m) or f"single:{m}") for m in labels}
    gold_size = Counter(labels.values())
    pred_size = Counter(pred.values())
    both = Counter((labels[m], pred[m]) for m in labels)
    precision = sum(both[(labels[m], pred[m])] / pred_size[pred[m]] for m in labels) / len(labels)
    recall = sum(both[(labels[m], pred[m])] / gold_size[labels[m]] for m in labels) / len(labels)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _score_entities(report: EvalReport, gold: dict, mentions: list[Mention], alias_owner) -> None:
    clusters = gold.get("entities", [])
    if not clusters:
        return
    labels = _gold_labels(mentions, alias_owner)
    predicted = {m.id: m.entity_id for m in mentions}
    _entity_scores(report, clusters, gold, mentions, labels, predicted)
    # Baselines on the same mentions, in the same run (copies, so the store's resolution stays).
    doc_outlets: dict[str, str | None] = {}
    for name, grouper in (
        ("exact", entities_stage.group_exact),
        ("simple", entities_stage.group_simple),
    ):
        copies = [replace(m, entity_id=None) for m in mentions]
        grouper(copies, doc_outlets)
        f = bcubed(labels, {m.id: m.entity_id for m in copies})[2]
        report.values[f"entities ({name} baseline): B-cubed F1"] = round(f, 3)
        report.values[f"entities ({name} baseline): must-not-merge violations"] = _violations(
            gold, copies, labels
        )[0]


def _score_merges_by_rule(report, mentions, alias_owner, entity_by_id) -> None:
    """For each rule that joined an alias to an entity: how often the mentions it joined
    belong to the gold entity most of that entity's labelled mentions belong to."""
    labels = _gold_labels(mentions, alias_owner)
    by_entity: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.entity_id and mention.id in labels:
            by_entity[mention.entity_id].append(mention)
    for entity_id, members in by_entity.items():
        if len(members) < 2 or entity_id not in entity_by_id:
            continue
        majority = Counter(labels[m.id] for m in members).most_common(1)[0][0]
        rule_of = {r.get("alias"): r.get("rule") for r in entity_by_id[entity_id].reasons}
        name = entity_by_id[entity_id].name
        for mention in members:
            if mention.text == name and mention.text not in rule_of:
                continue  # the entity's own name: what the others joined, not a merge
            rule = rule_of.get(mention.text) or "unrecorded"
            report.score(f"entities: merges right by rule {rule}").add(
                labels[mention.id] == majority,
                f"{mention.text!r} joined {entity_by_id[entity_id].name!r} ({labels[mention.id]})",
            )


def _violations(
    gold: dict, mentions: list[Mention], labels: dict[str, str]
) -> tuple[int, list[str]]:
    ids_of: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        if mention.id in labels and mention.entity_id:
            ids_of[labels[mention.id]].add(mention.entity_id)
    bad = [f"{a} ~ {b}" for a, b in gold.get("must_not_merge", []) if ids_of[a] & ids_of[b]]
    return len(bad), bad


def _entity_scores(report, clusters, gold, mentions, labels, predicted) -> None:
    ids_of: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        if mention.id in labels:
            ids_of[labels[mention.id]].add(predicted.get(mention.id) or f"single:{mention.id}")
    for cluster in clusters:
        ids = ids_of.get(cluster["name"])
        if ids:
            report.score("entities: clusters complete").add(
                len(ids) == 1, f"{cluster['name']} split into {len(ids)} entities"
            )
    p, r, f = bcubed(labels, predicted)
    report.values["entities: B-cubed precision"] = round(p, 3)
    report.values["entities: B-cubed recall"] = round(r, 3)
    report.values["entities: B-cubed F1"] = round(f, 3)
    count, bad = _violations(gold, mentions, labels)
    report.values["entities: must-not-merge violations"] = count
    report.score("entities: must-not-merge kept apart").total += len(gold.get("must_not_merge", []))
    report.score("entities: must-not-merge kept apart").hits += (
        len(gold.get("must_not_merge", [])) - count
    )
    report.score("entities: must-not-merge kept apart").misses.extend(bad)


def _score_events(report, gold, docs_by_file, claims_by_doc) -> None:
    for event in gold.get("events", []):
        document = docs_by_file.get(event["file"])
        start = document.text.find(event["text_contains"]) if document else -1
        if start < 0:
            report.score("events: recall").add(False, f"{event['file']}: snippet not in body")
            continue
        end = start + len(event["text_contains"])
        found = [
            c
            for c in claims_by_doc[document.id]
            if _overlaps(c.start, c.end, start, end) and c.when and c.when.start == event["date"]
        ]
        dates = sorted(
            {
                c.when.start
                for c in claims_by_doc[document.id]
                if c.when and _overlaps(c.start, c.end, start, end)
            }
        )
        report.score("events: recall").add(
            bool(found), f"{event['file']}: {event['date']} not found (dates there: {dates})"
        )


def _score_claims(report, gold, store: Store, docs_by_file) -> None:
    gold_claims = gold.get("claims", [])
    if not gold_claims:
        return
    outlet_of = {d.id: normalise(d.outlet) for d in docs_by_file.values()}
    claims_by_cluster = defaultdict(list)
    for claim in store.iter_claims():
        if claim.cluster_id:
            claims_by_cluster[claim.cluster_id].append(claim)
    cluster_rows = {row["id"]: row for row in store.iter_rows("claim_clusters")}
    for gold_claim in gold_claims:
        keywords = [k.lower() for k in gold_claim["keywords"]]
        wanted = {normalise(o) for o in gold_claim["outlets"]}
        best_cover: set[str | None] = set()
        best_id: str | None = None
        for cluster_id, members in claims_by_cluster.items():
            cover = {
                outlet_of.get(c.doc_id)
                for c in members
                if all(k in c.text.lower() for k in keywords)
            } & wanted
            if len(cover) > len(best_cover):
                best_cover, best_id = cover, cluster_id
        ok = best_cover == wanted
        coverage = report.score("claims: outlet coverage of best cluster")
        coverage.hits += len(best_cover)
        coverage.total += len(wanted)
        report.score("claims: cross-outlet recall").add(
            ok,
            f"{gold_claim['description']}: best cluster covers {len(best_cover)}/{len(wanted)} outlets",
        )
        if ok and "independent_outlets" in gold_claim:
            got = cluster_rows[best_id]["independent_outlets"]
            report.score("claims: independent outlets right").add(
                got == gold_claim["independent_outlets"],
                f"{gold_claim['description']}: {got} != {gold_claim['independent_outlets']}",
            )


def _score_framing(report, gold, store: Store, mentions: list[Mention], alias_owner) -> None:
    entries = gold.get("framing", [])
    if not entries:
        return
    labels = _gold_labels(mentions, alias_owner)
    votes: dict[str, Counter] = defaultdict(Counter)
    for mention in mentions:
        if mention.id in labels and mention.entity_id:
            votes[labels[mention.id]][mention.entity_id] += 1
    terms: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in store.iter_rows("framing"):
        # words, so "regime" is found in "regime's governor"
        words_of_term = re.findall(
            r"\w+", row["term"].lower().replace("'s", " ").replace("’s", " ")
        )
        terms[(normalise(row["outlet"]), row["entity_id"])].update(words_of_term)
    for entry in entries:
        entity_ids = set(votes.get(entry["entity"], {}))
        words = (
            set().union(*(terms.get((normalise(entry["outlet"]), e), set()) for e in entity_ids))
            if entity_ids
            else set()
        )
        for term in entry["terms"]:
            ok = all(w in words for w in term.lower().split())
            report.score("framing: term recall").add(
                ok, f"{entry['outlet']} / {entry['entity']}: {term!r}"
            )
