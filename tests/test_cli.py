"""The CLI is a thin layer: run commands, then check results through the library."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from presslens.cli import app
from presslens.store import Store

from .conftest import ARTICLE, write

runner = CliRunner()


def test_analyze_export_and_quotes(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", ARTICLE)
    db = str(tmp_path / "c.db")
    result = runner.invoke(app, ["analyze", str(tmp_path / "in"), "--db", db])
    assert result.exit_code == 0, result.output
    assert "1 new document" in result.output and "The Velmora Ledger" in result.output
    assert Store(db).count("documents") == 1

    result = runner.invoke(app, ["quotes", "--db", db, "--speaker", "Ostrova"])
    assert result.exit_code == 0 and "good faith" in result.output

    quote_id = next(q.id for q in Store(db).iter_quotes() if "good faith" in q.text)
    result = runner.invoke(app, ["show", "quote", quote_id[:10], "--db", db])
    assert result.exit_code == 0 and "Karel Ostrova" in result.output
    assert "We came in good faith" in result.output and "by rule" in result.output

    result = runner.invoke(app, ["export", str(tmp_path / "out"), "--db", db])
    assert result.exit_code == 0
    assert (tmp_path / "out" / "quotes.jsonl").read_text("utf-8").count("good faith") == 1


def test_only_bad_input_exits_non_zero_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\xff" * 100)
    result = runner.invoke(
        app, ["analyze", str(tmp_path / "bin.txt"), "--db", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 1
    assert "bin.txt" in result.output and "Traceback" not in result.output


def test_unknown_export_format_is_one_clear_line(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["export", str(tmp_path), "--format", "xml", "--db", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 2 and "unknown format" in result.output


def test_pinned_merge_and_split_survive_a_rerun(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "a.txt", ARTICLE)
    write(
        folder / "b.txt", ARTICLE.replace("Karel Ostrova", "Ilsa Brandt").replace("Orsk", "Kovar")
    )
    db = str(tmp_path / "p.db")
    assert runner.invoke(app, ["analyze", str(folder), "--db", db, "-q"]).exit_code == 0

    def entity_of(name: str) -> str:
        store = Store(db)
        return next(m.entity_id for m in store.iter_mentions() if m.text == name)

    assert entity_of("Karel Ostrova") != entity_of("Ilsa Brandt")
    result = runner.invoke(app, ["entities", "merge", "Karel Ostrova", "Ilsa Brandt", "--db", db])
    assert result.exit_code == 0, result.output
    assert entity_of("Karel Ostrova") == entity_of("Ilsa Brandt")

    write(
        folder / "c.txt", ARTICLE.replace("Orsk bridge", "Tarn ferry")
    )  # a new file triggers a re-resolution
    assert runner.invoke(app, ["analyze", str(folder), "--db", db, "-q"]).exit_code == 0
    assert entity_of("Karel Ostrova") == entity_of("Ilsa Brandt")

    result = runner.invoke(app, ["entities", "split", "Karel Ostrova", "Ilsa Brandt", "--db", db])
    assert result.exit_code == 0, result.output
    assert entity_of("Karel Ostrova") != entity_of("Ilsa Brandt")

    result = runner.invoke(app, ["show", "entity", "Karel Ostrova", "--db", db])
    assert result.exit_code == 0 and "Karel Ostrova" in result.output and "said" in result.output


def test_entities_link_to_a_reference_list_and_stay_linked(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", ARTICLE)
    db = str(tmp_path / "l.db")
    assert runner.invoke(app, ["analyze", str(tmp_path / "in"), "--db", db, "-q"]).exit_code == 0
    refs = write(
        tmp_path / "refs.csv",
        "name,aliases,id\nKarel Ostrova,K. Ostrova,VLM-0042\nVelmora Transit Authority,VTA,ORG-7\nK. Ostrova,Karel Ostrova,VLM-0977\n",
    )
    result = runner.invoke(app, ["entities", "link", str(refs), "--db", db])
    assert result.exit_code == 0, result.output
    by_name = {a["text"]: e for e in Store(db).iter_entities() for a in e.aliases}
    assert (
        by_name["Karel Ostrova"].external_id is None
    )  # two reference ids share the name: no guess
    assert by_name["Velmora Transit Authority"].external_id == "ORG-7"
    write(
        tmp_path / "refs.csv",
        "name,aliases,id\nKarel Ostrova,K. Ostrova;Ostrova,VLM-0042\nVelmora Transit Authority,VTA,ORG-7\n",
    )
    write(tmp_path / "in" / "b.txt", ARTICLE.replace("Orsk", "Kovar"))
    assert runner.invoke(app, ["analyze", str(tmp_path / "in"), "--db", db, "-q"]).exit_code == 0
    by_name = {a["text"]: e for e in Store(db).iter_entities() for a in e.aliases}
    assert by_name["Karel Ostrova"].external_id == "VLM-0042"
    assert by_name["Velmora Transit Authority"].external_id == "ORG-7"


def _analyze_stories(tmp_path: Path, stories: dict[str, str], **fields: str) -> str:
    """Analyse one JSON lines file, a record per (outlet, text) with `fields`; the store's path."""
    import json

    lines = [
        json.dumps({"text": text, "outlet": outlet, "url": f"https://{i}.example/a", **fields})
        for i, (outlet, text) in enumerate(stories.items())
    ]
    write(tmp_path / "in" / "c.jsonl", "\n".join(lines) + "\n")
    db = str(tmp_path / "c.db")
    assert runner.invoke(app, ["analyze", str(tmp_path / "in"), "--db", db]).exit_code == 0
    return db


def test_framing_prints_outlets_as_columns_and_actors_as_rows(tmp_path: Path) -> None:
    stories = {
        "The Velmora Ledger": "The separatist leader Tomas Reller blocked the Orsk bridge on Monday. "
        "Reller, a former customs officer, told crowds to stay.",
        "Tarn Courier": "The rebel commander Tomas Reller blocked the Orsk bridge on Monday. "
        "Reller is a warlord, residents of Orsk said nothing.",
    }
    db = _analyze_stories(tmp_path, stories, title="Bridge blocked")

    result = runner.invoke(app, ["framing", "--db", db, "--entity", "Tomas Reller"])
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[1]
    assert "Tarn Courier" in header and "Velmora Ledger" in header
    assert "separatist leader" in result.output and "rebel commander" in result.output

    result = runner.invoke(app, ["framing", "--db", db, "--outlet", "Tarn"])
    assert "rebel commander" in result.output and "separatist" not in result.output

    result = runner.invoke(app, ["framing", "--db", db, "--entity", "Nobody Here"])
    assert result.exit_code == 1 and "no framing rows" in result.output


def test_claims_timeline_and_show_claim_read_the_corroboration_back(tmp_path: Path) -> None:
    stories = {
        "The Velmora Ledger": "Gunmen burned the grain depot at Orsk on 4 March 2031, the port "
        "authority said. Tomas Reller visited Tarn on 2 February 2031.",
        "Tarn Courier": "Gunmen burned the grain depot at Orsk on 4 March 2031, killing a guard, "
        "officials said.",
    }
    db = _analyze_stories(tmp_path, stories, title="Depot burned", published="2031-03-05")

    result = runner.invoke(app, ["claims", "--db", db])
    assert result.exit_code == 0, result.output
    depot = next(line for line in result.output.splitlines() if "Gunmen burned" in line)
    assert "│ 2 " in depot  # told by two independent outlets
    single = runner.invoke(app, ["claims", "--db", db, "--single-source"]).output
    assert "Reller visited" in single and "Gunmen burned" not in single

    cluster_id = depot.split("│")[1].strip()
    shown = runner.invoke(app, ["show", "claim", cluster_id, "--db", db]).output
    assert "independent outlets: 2" in shown
    assert "The Velmora Ledger, 2031-03-05" in shown and "Tarn Courier, 2031-03-05" in shown
    assert "killing a guard" in shown  # every supporting sentence, with its span

    march = runner.invoke(app, ["timeline", "--db", db, "--from", "2031-03"]).output
    assert "2031-03-04" in march and "2031-02-02" not in march
    by_reller = runner.invoke(app, ["timeline", "--db", db, "--entity", "Tomas Reller"]).output
    assert "2031-02-02" in by_reller and "2031-03-04" not in by_reller
    missing = runner.invoke(app, ["show", "claim", "nope", "--db", db])
    assert missing.exit_code == 1 and "no claim" in missing.output
