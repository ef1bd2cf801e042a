from pathlib import Path

from presslens.pipeline import analyze
from presslens.report import write_report

from .conftest import ARTICLE, write


def test_report_escapes_untrusted_article_text(tmp_path: Path) -> None:
    hostile = ARTICLE.replace("Bridge talks collapse in Velmora", "Bridge <script>alert(1)</script> talks")
    write(tmp_path / "in" / "a.txt", hostile)
    analyze([tmp_path / "in"], tmp_path / "r.db")
    html = write_report(tmp_path / "report.html", tmp_path / "r.db").read_text("utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Karel Ostrova" in html and "The Velmora Ledger" in html
