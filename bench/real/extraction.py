"""Article-extraction benchmark (Scrapinghub/Zyte): article bodies and page metadata on real pages.

    python bench/real/extraction.py ../shared [--split all|train|dev] [--removed]

Scores `documents.text` (what `clean_document` keeps) of every page against its hand-made
`articleBody` with the benchmark's own 4-gram shingle precision/recall (per page, normalised so long
pages weigh no more than short ones, then averaged; F1 is the harmonic mean of the two means), for
the HTML as served and for the pasted page text, beside trafilatura's own `extract()` on the same
HTML and the pasted text left as it is.

The shared folder holds one split only (68 pages, by site). Learned parts of the cleaner are
trained on `split="train"` pages and measured on `split="dev"` pages, a fixed split by a hash of
the page id (`is_dev_page`); `split="all"` scores every page.

Metadata gold comes from the pages themselves: the HTML's `og:site_name` (the outlet) and
htmldate's original publication date. Pasted text carries no markup, so its figures count how often
presslens reads the same outlet and date from the visible text.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path[:0] = [
        str(Path(__file__).resolve().parents[2]),
        str(Path(__file__).resolve().parents[2] / "src"),
    ]

from bench.real.common import Row, skipped  # noqa: E402

DATASET = "article-extraction"
TOKEN = re.compile(r"\w+")
SHINGLE_N = 4
DEV_SHARE_HEX = "0123"  # page ids whose sha1 starts with one of these are dev (about a quarter)


def is_dev_page(page_id: str) -> bool:
    """A fixed quarter of the pages, chosen by a hash of the id: measured, never trained on."""
    return hashlib.sha1(page_id.encode()).hexdigest()[0] in DEV_SHARE_HEX


def pages(shared: Path, split: str = "all") -> list[dict]:
    """[{id, url, gold, html, txt}] of the split, read from `shared/article-extraction`."""
    root = shared / DATASET
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    out = []
    for page_id in sorted(gold):
        if split != "all" and is_dev_page(page_id) != (split == "dev"):
            continue
        out.append(
            {
                "id": page_id,
                "url": gold[page_id].get("url", ""),
                "gold": gold[page_id].get("articleBody", ""),
                "html": (root / "html" / f"{page_id}.html").read_text(encoding="utf-8"),
                "txt": (root / "txt" / f"{page_id}.txt").read_text(encoding="utf-8"),
            }
        )
    return out


# --- the benchmark's scoring ----------------------------------------------------------------


def shingles(text: str, n: int = SHINGLE_N) -> Counter:
    """Counts of n-token shingles, tokens being `\\w+` (case kept, as the benchmark does)."""
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def shingle_match(gold: str, pred: str, n: int = SHINGLE_N) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles, normalised to sum to 1 so every page weighs the same.

    >>> shingle_match("a b c d e", "a b c d")
    (0.5, 0.0, 0.5)
    """
    true, got = shingles(gold, n), shingles(pred, n)
    tp = sum((true & got).values())
    fp = sum((got - true).values())
    fn = sum((true - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def benchmark_scores(matches: list[tuple[float, float, float]]) -> dict[str, float]:
    """Mean precision, mean recall and their harmonic mean, as the benchmark's evaluate.py does."""
    precisions = [_precision(*m) for m in matches if m[0] + m[1] > 0]
    recalls = [_recall(*m) for m in matches if m[0] + m[2] > 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r}


# --- what is compared -----------------------------------------------------------------------


def presslens_document(text: str, form: str, url: str | None = None):
    """The Document presslens stores for one page (`form` is "html" or "txt")."""
    from presslens.clean import clean_document  # noqa: PLC0415
    from presslens.ingest import content_hash  # noqa: PLC0415
    from presslens.models import RawDocument  # noqa: PLC0415

    meta = {"url": url} if url else {}
    raw = RawDocument(f"page.{form}", text, form, content_hash(text), meta=meta)
    return clean_document(raw)


def trafilatura_body(html: str) -> str:
    """trafilatura's own `extract()` with its defaults, comments off (the reference)."""
    import trafilatura  # noqa: PLC0415

    return trafilatura.extract(html, include_comments=False) or ""


def gold_metadata(html: str) -> dict[str, str | None]:
    """The outlet (`og:site_name`) and original publication date (htmldate) the page itself states."""
    import lxml.html  # noqa: PLC0415
    from htmldate import find_date  # noqa: PLC0415

    tree = lxml.html.fromstring(html)
    site = tree.xpath("string(//meta[@property='og:site_name']/@content)").strip() or None
    try:
        date = find_date(html, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate gives up on odd pages: no gold then
        date = None
    return {"outlet": site, "published": date}


def same_outlet(gold: str | None, got: str | None) -> bool:
    """Outlet names agree after case, a leading 'The', punctuation, spacing and a site's domain
    form ("livescience.com" for "Live Science") are set aside."""

    def key(name: str) -> str:
        name = re.sub(r"^(?:https?://)?(?:www\.)?", "", name.strip().casefold())
        name = re.sub(r"^the\s+|\.(?:com|org|net|co\.uk)$", "", name)
        return re.sub(r"[\W_]+", "", name)

    return bool(gold) and bool(got) and key(gold) == key(got)


# --- the run --------------------------------------------------------------------------------


def score_pages(items: list[dict]) -> dict:
    """Every figure of the adapter on these pages, with the seconds each side took."""
    match: dict[str, list] = {"html": [], "txt": [], "trafilatura": [], "pasted": []}
    meta_hits = {"html": Counter(), "txt": Counter()}
    meta_gold = Counter()
    seconds = Counter()
    for page in items:
        gold_meta = gold_metadata(page["html"])
        for form in ("html", "txt"):
            started = time.perf_counter()
            document = presslens_document(page[form], form)
            seconds[form] += time.perf_counter() - started
            match[form].append(shingle_match(page["gold"], document.text))
            for field in ("outlet", "published"):
                want = gold_meta[field]
                got = getattr(document, field)
                hit = same_outlet(want, got) if field == "outlet" else got == want
                meta_hits[form][field] += bool(want) and hit
        meta_gold.update(f for f in ("outlet", "published") if gold_meta[f])
        started = time.perf_counter()
        match["trafilatura"].append(shingle_match(page["gold"], trafilatura_body(page["html"])))
        seconds["trafilatura"] += time.perf_counter() - started
        match["pasted"].append(shingle_match(page["gold"], page["txt"]))
    return {
        "scores": {k: benchmark_scores(v) for k, v in match.items()},
        "meta_hits": meta_hits,
        "meta_gold": meta_gold,
        "seconds": seconds,
        "pages": len(items),
    }


def run(shared: Path, split: str = "all", limit: int | None = None) -> list[Row]:
    """The real-news rows for article bodies and page metadata."""
    gold_path = shared / DATASET / "gold.json"
    if not gold_path.exists():
        return skipped(DATASET, gold_path)
    items = pages(shared, split)[:limit]
    result = score_pages(items)
    s, n = result["scores"], result["pages"]
    name = f"{DATASET} {split} ({n} pages)"
    rows = []
    for metric in ("f1", "precision", "recall"):
        rows.append(
            Row(
                name,
                f"HTML shingle {metric}",
                s["html"][metric],
                s["trafilatura"][metric],
                "trafilatura extract()",
                0.97 if metric == "f1" else None,
            )
        )
    for metric in ("f1", "precision", "recall"):
        goal = {"f1": 0.93, "recall": 0.97}.get(metric)
        rows.append(
            Row(
                name,
                f"pasted text shingle {metric}",
                s["txt"][metric],
                s["pasted"][metric],
                "pasted text as it is",
                goal,
            )
        )
    for form in ("html", "txt"):
        for field in ("outlet", "published"):
            want = result["meta_gold"][field]
            got = result["meta_hits"][form][field]
            rows.append(
                Row(
                    name,
                    f"{'HTML' if form == 'html' else 'pasted text'} {field} right",
                    got / want if want else None,
                    note=f"{got} of {want} pages whose HTML states it",
                )
            )
    secs = result["seconds"]
    rows.append(
        Row(
            name,
            "cleaning ms/page (HTML, text)",
            None,
            note=f"{1000 * secs['html'] / max(n, 1):.1f} / {1000 * secs['txt'] / max(n, 1):.1f}; "
            f"trafilatura {1000 * secs['trafilatura'] / max(n, 1):.1f}",
        )
    )
    return rows


# --- what the cleaner took out of the article ----------------------------------------------

GOLD_LINE_MIN_TOKENS = 6  # a longer line is gold when most of its 3-token shingles are
GOLD_SHINGLE_SHARE = 0.6


def _grams(tokens: list[str], n: int = 3) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def gold_line_labels(texts: list[str], gold: str) -> list[bool]:
    """Whether each line's words are in the hand-made article body: most of its 3-token
    shingles for a long line, the whole line (or a run of 3+ tokens inside it) for a short one.

    >>> gold_line_labels(["Home", "The port will close on Monday", "Monday"], "The port will close on Monday.")
    [False, True, False]
    """
    gold_tokens = TOKEN.findall(gold)
    gold_grams = _grams(gold_tokens)
    gold_lines = {" ".join(TOKEN.findall(line)) for line in gold.split("\n")}
    gold_joined = " " + " ".join(gold_tokens) + " "
    labels = []
    for text in texts:
        tokens = TOKEN.findall(text)
        if len(tokens) >= GOLD_LINE_MIN_TOKENS:
            grams = _grams(tokens)
            labels.append(len(grams & gold_grams) >= GOLD_SHINGLE_SHARE * len(grams))
        elif tokens:
            joined = " ".join(tokens)
            labels.append(
                joined in gold_lines or (len(tokens) >= 3 and f" {joined} " in gold_joined)
            )
        else:
            labels.append(False)
    return labels


def removed_gold_lines(page: dict) -> list[tuple[str, str, str]]:
    """(rule, kind, line) for every gold article line the pasted-text cleaner removed."""
    document = presslens_document(page["txt"], "txt")
    pieces = [
        (r.rule or "?", r.kind, line) for r in document.removed for line in r.text.split("\n")
    ]
    labels = gold_line_labels([line for _, _, line in pieces], page["gold"])
    return [piece for piece, gold in zip(pieces, labels, strict=True) if gold]


def print_removed(shared: Path, split: str, limit: int | None = None) -> None:
    """Per page, the gold body lines the pasted-text cleaner removed and the rule that removed
    each; then the count per rule."""
    per_rule: Counter = Counter()
    for page in pages(shared, split)[:limit]:
        found = removed_gold_lines(page)
        if not found:
            continue
        print(f"## {page['id']} ({len(found)} gold lines removed)")
        for rule, kind, line in found:
            per_rule[rule] += len(TOKEN.findall(line))
            print(f"  [{rule} -> {kind}] {line[:140]}")
    print("## gold tokens removed per rule")
    for rule, n in per_rule.most_common():
        print(f"  {n:6d}  {rule}")


def main(argv: list[str] | None = None) -> int:
    """The shared adapter command line (`SHARED [--split S] [--limit N]`), plus `--removed`."""
    import argparse  # noqa: PLC0415

    from bench.real.common import print_rows  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", type=Path)
    parser.add_argument("--split", default="all", choices=["all", "train", "dev"])
    parser.add_argument("--limit", type=int)
    parser.add_argument(
        "--removed",
        action="store_true",
        help="print, per page, the gold body lines the pasted-text cleaner removed and the rule "
        "that removed each (no scores)",
    )
    args = parser.parse_args(argv)
    if not args.removed:
        print_rows(run(args.shared, args.split, args.limit))
    elif not (args.shared / DATASET / "gold.json").exists():
        print(f"skipped: {args.shared / DATASET / 'gold.json'} not found")
    else:
        print_removed(args.shared, args.split, args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
