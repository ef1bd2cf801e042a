from pathlib import Path

from presslens.pipeline import analyze
from presslens.report import write_report

from .conftest import ARTICLE, write


def test_report_escapes_untrusted_article_text(tmp_path: Path) -> None:
    hostile = ARTICLE.replace(
        "Bridge talks collapse in Velmora", "Bridge <script>alert(1)</script> talks"
    )
    write(tmp_path / "in" / "a.txt", hostile)
    analyze([tmp_path / "in"], tmp_path / "r.db")
    html = write_report(tmp_path / "report.html", tmp_path / "r.db").read_text("utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Karel Ostrova" in html and "The Velmora Ledger" in html


def test_cluster_labels_are_attributed_to_the_outlet_that_worded_them(
    corpus_db: Path, tmp_path: Path
) -> None:
    from presslens.report import report_data

    clusters = report_data(corpus_db)["clusters"]
    assert clusters and all(c["cluster"]["independent_outlets"] >= 2 for c in clusters)
    for cluster in clusters:
        wording = [e for e in cluster["evidence"] if e["claim"].text == cluster["cluster"]["label"]]
        assert wording and cluster["worded_by"] == wording[0]["outlet"]
    html = write_report(tmp_path / "r.html", corpus_db).read_text("utf-8")
    assert "(wording of " in html


def test_report_names_sources_relative_to_the_input(tmp_path: Path) -> None:
    write(tmp_path / "in" / "wire" / "a.txt", ARTICLE)
    analyze([tmp_path / "in"], tmp_path / "r.db")
    html = write_report(tmp_path / "report.html", tmp_path / "r.db").read_text("utf-8")
    assert ">a.txt<" in html and str(tmp_path) not in html


def test_report_command_writes_a_site_to_a_folder_and_a_page_to_html(
    corpus_db: Path, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from presslens.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["report", str(tmp_path / "site"), "--db", str(corpus_db)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "index.html").is_file()
    assert "The story at a glance" in (tmp_path / "site" / "index.html").read_text("utf-8")
    result = runner.invoke(app, ["report", str(tmp_path / "one.html"), "--db", str(corpus_db)])
    assert result.exit_code == 0 and (tmp_path / "one.html").is_file()
