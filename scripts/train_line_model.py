"""Rebuild `src/presslens/data/line_model.json` from the train pages of the shared article set.

    python scripts/train_line_model.py ../shared [--out PATH] [--cv]

Each line of a page's pasted text is labelled an article line when its words are in the page's
hand-made article body (most of its 3-word shingles for a long line; the whole line for a short
one). Features are `presslens.linemodel.line_features`, with the cleaning rules' own decision as
one of them. Each line weighs its share of its page's words (`line_weights`), so that, as in the
benchmark's scores, every page counts the same and a long paragraph more than a menu item. Only pages outside the dev quarter (`bench/real/extraction.is_dev_page`) are used, so
the benchmark's dev figures are measured on pages the model never saw. `--cv` prints a grouped
5-fold cross-validation on the train pages (line accuracy) before training.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from bench.real.extraction import TOKEN, gold_line_labels, pages  # noqa: E402
from presslens.clean import classify_lines  # noqa: E402
from presslens.linemodel import FEATURES, MODEL_PATH, line_features  # noqa: E402

LINES_PER_PAGE = 150  # the weights' scale: about a page's lines, so a line weighs about 1


def page_matrix(page: dict) -> tuple[list[list[float]], list[int]]:
    """Feature rows and labels of one page's pasted text."""
    lines, _state = classify_lines(page["txt"])
    texts = [ln.plain for ln in lines]
    rows = line_features(texts, [ln.kind is not None for ln in lines])
    return rows, [int(label) for label in gold_line_labels(texts, page["gold"])]


def line_weights(page: dict) -> list[float]:
    r"""Each line's share of its page's words (a line without one counts one), scaled by
    `LINES_PER_PAGE`: the benchmark scores shingles per page, every page weighing the same.

    >>> line_weights({"txt": "Home\nThe port will close on Monday."})
    [21.428571428571427, 128.57142857142858]
    """
    lines, _state = classify_lines(page["txt"])
    counts = [max(len(TOKEN.findall(ln.plain)), 1) for ln in lines]
    total = sum(counts)
    return [LINES_PER_PAGE * c / total for c in counts]


def _classifier():
    from sklearn.ensemble import GradientBoostingClassifier  # noqa: PLC0415

    return GradientBoostingClassifier(
        n_estimators=150, max_depth=3, learning_rate=0.1, subsample=0.8, random_state=0
    )


def export_trees(model) -> dict:
    """The fitted ensemble as plain arrays that `presslens.linemodel` walks without sklearn."""
    trees = []
    for (estimator,) in model.estimators_:
        t = estimator.tree_
        trees.append(
            {
                "left": t.children_left.tolist(),
                "right": t.children_right.tolist(),
                "feature": [int(f) for f in t.feature],
                "threshold": [float(x) for x in t.threshold],
                "value": [float(v[0][0]) for v in t.value],
            }
        )
    prior = model.init_.class_prior_[1]
    import math  # noqa: PLC0415

    return {
        "features": list(FEATURES),
        "init": math.log(prior / (1 - prior)),
        "learning_rate": model.learning_rate,
        "trees": trees,
    }


def _fit(matrices: list[tuple[list, list, list]]):
    """The classifier fitted on (rows, labels, weights) of pages."""
    return _classifier().fit(
        [r for x, _, _ in matrices for r in x],
        [y for _, ys, _ in matrices for y in ys],
        sample_weight=[w for _, _, ws in matrices for w in ws],
    )


def cross_validate(matrices: list[tuple[list, list, list]]) -> float:
    """Line accuracy of grouped 5-fold cross-validation (a page is one group)."""
    hits = total = 0
    for fold in range(5):
        train = [m for i, m in enumerate(matrices) if i % 5 != fold]
        test = [m for i, m in enumerate(matrices) if i % 5 == fold]
        model = _fit(train)
        for rows, labels, _weights in test:
            if rows:
                predicted = model.predict(rows)
                hits += sum(int(p) == y for p, y in zip(predicted, labels, strict=True))
                total += len(labels)
    return hits / total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", type=Path)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--cv", action="store_true")
    args = parser.parse_args(argv)
    if not (args.shared / "article-extraction" / "gold.json").exists():
        print(f"{args.shared}/article-extraction not found: nothing to train on.")
        return 1
    matrices = [(*page_matrix(p), line_weights(p)) for p in pages(args.shared, "train")]
    if args.cv:
        print(f"grouped 5-fold line accuracy: {cross_validate(matrices):.3f}")
    y = [label for _, labels, _ in matrices for label in labels]
    model = _fit(matrices)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(export_trees(model), separators=(",", ":")), encoding="utf-8")
    print(f"{len(matrices)} pages, {len(y)} lines ({sum(y)} article lines) -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
