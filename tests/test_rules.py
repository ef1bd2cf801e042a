"""The rule registry and the lexicon: tables, switching rules off, one test per rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from presslens import lexicon, rules
from presslens.rules import Rules

TESTS = Path(__file__).parent
RULE_MARK = re.compile(r"""pytest\.mark\.rule\(\s*["']([^"']+)["']""")


def _table() -> Rules:
    table = Rules("test-stage")

    @table.rule("first-word", confidence=0.9)
    def first_word(text):
        """The first word: "Vesk said" -> "Vesk"."""
        return text.split()[0]

    @table.rule("last-word")
    def last_word(text):
        """The last word: "said Vesk" -> "Vesk"."""
        return text.split()[-1]

    return table


def test_a_table_keeps_its_order_and_names_each_rule():
    table = _table()
    assert table.ids == ["first-word", "last-word"]
    assert [r("said Vesk") for r in table] == ["said", "Vesk"]
    assert table.ref("first-word") == "first-word"
    assert table.confidence("first-word") == 0.9
    assert table["last-word"].summary == 'The last word: "said Vesk" -> "Vesk".'


def test_without_drops_a_rule_and_refuses_a_typo():
    table = _table()
    assert table.without("first-word").ids == ["last-word"]
    assert table.ids == ["first-word", "last-word"]  # the default table is untouched
    with pytest.raises(KeyError):
        table.without("frist-word")


def test_a_rule_needs_a_docstring_and_a_unique_id():
    table = _table()
    with pytest.raises(ValueError, match="docstring"):
        table.rule("bare")(lambda text: text)
    with pytest.raises(ValueError, match="already registered"):
        table.rule("first-word")(_table()["first-word"].fn)


def test_disabled_switches_a_registered_rule_off_inside_the_block_only():
    registered = rules.all_rules()
    if not registered:
        pytest.skip("no rule registered yet")
    target = registered[0]
    table = rules.STAGES[target.stage]
    with rules.disabled(target.id):
        assert target.id not in [r.id for r in table]
        assert not table.enabled(target.id)
    assert table.enabled(target.id)
    with pytest.raises(KeyError):
        with rules.disabled("no-such-rule"):
            pass


def _rules_with_a_test() -> set[str]:
    found: set[str] = set()
    for path in TESTS.rglob("test_*.py"):
        found |= set(RULE_MARK.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_registered_rule_has_its_own_test():
    tested = _rules_with_a_test()
    missing = [f"{r.stage}/{r.id}" for r in rules.all_rules() if r.id not in tested]
    assert not missing, f"rules without a @pytest.mark.rule test: {missing}"


def test_every_rule_test_names_a_registered_rule():
    known = {r.id for r in rules.all_rules()}
    assert not sorted(_rules_with_a_test() - known)


def test_every_registered_rule_explains_itself_with_an_example():
    for r in rules.all_rules():
        assert r.summary, r.id
        assert re.search(r"[\"“'`]|->|→", r.fn.__doc__ or ""), f"{r.id}: no example in docstring"


def test_every_lexicon_file_loads_and_lists_each_entry_once():
    assert lexicon.names()
    for name in lexicon.names():
        path = Path(lexicon.__file__).parent
        if (path / f"{name}.tsv").exists():
            assert lexicon.table(name), name
        else:
            entries = [
                ln.split("#")[0].strip() for ln in (path / f"{name}.txt").read_text().splitlines()
            ]
            entries = [e for e in entries if e]
            assert len(entries) == len(set(entries)), f"{name}.txt lists an entry twice"


def test_lexicon_views_share_one_list():
    assert "say" in lexicon.kinds("speech_verbs", "cue")
    assert "say" in lexicon.kinds("speech_verbs", "claim-speech")
    assert lexicon.kinds("titles", "person-title") <= lexicon.kinds("titles", "honorific")
    with pytest.raises(KeyError):
        lexicon.kinds("titles", "no-such-kind")


def test_eval_breaks_speaker_accuracy_and_merges_down_by_rule(corpus_db, gold):
    from presslens.evaluate import evaluate

    from .conftest import GOLD

    report = evaluate(GOLD, corpus_db)
    by_rule = {n: s for n, s in report.scores.items() if " by rule " in n}
    speaker = {n: s for n, s in by_rule.items() if n.startswith("quotes: speaker accuracy")}
    assert "quotes: speaker accuracy by rule subject-of-cue" in speaker
    # every attributed gold quote is counted under exactly one rule
    assert sum(s.total for s in speaker.values()) == report.scores["quotes: speaker accuracy"].total
    assert any(n.startswith("entities: merges right by rule") for n in by_rule)


def test_cli_lists_rules_and_lexicon_and_refuses_an_unknown_rule():
    from typer.testing import CliRunner

    from presslens.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["rules"]).exit_code == 0
    listed = runner.invoke(app, ["rules", "--markdown"])
    assert listed.exit_code == 0
    for r in rules.all_rules():
        assert f"`{r.id}`" in listed.output
    words = runner.invoke(app, ["lexicon", "speech_verbs"])
    assert words.exit_code == 0 and "chain" in words.output and "acknowledge" in words.output
    unknown = runner.invoke(app, ["show", "rule", "no-such-rule"])
    assert unknown.exit_code == 1 and "no registered rule" in unknown.output


def test_docs_rules_md_is_the_registry():
    """docs/rules.md is `presslens rules --markdown`: regenerate it when a rule changes."""
    path = TESTS.parent / "docs" / "rules.md"
    assert path.read_text(encoding="utf-8") == rules.markdown_table()
