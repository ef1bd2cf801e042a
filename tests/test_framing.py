from presslens.framing import framing_terms, normalise_term
from presslens.models import Mention


def test_terms_are_counted_per_outlet_with_their_spans() -> None:
    mentions = [
        Mention("m1", "d1", 10, 20, "Tal Vorn", "PERSON", descriptor="Martyr", entity_id="e1"),
        Mention("m2", "d1", 50, 60, "Tal Vorn", "PERSON", descriptor="martyr", entity_id="e1"),
        Mention(
            "m3",
            "d2",
            5,
            15,
            "Tal Vorn",
            "PERSON",
            descriptor="the militia commander",
            entity_id="e1",
        ),
        Mention("m4", "d2", 30, 40, "Tal Vorn", "PERSON", descriptor=None, entity_id="e1"),
    ]
    terms = framing_terms(mentions, {"d1": "Free Tarn Voice", "d2": "The Kessara Daily"})
    rows = {(t.outlet, t.term): t for t in terms}
    assert rows[("Free Tarn Voice", "martyr")].count == 2
    assert rows[("Free Tarn Voice", "martyr")].examples == [
        {"doc_id": "d1", "start": 10, "end": 20},
        {"doc_id": "d1", "start": 50, "end": 60},
    ]
    assert rows[("The Kessara Daily", "militia commander")].count == 1
    assert len(rows) == 2


def test_normalise_term_drops_articles_and_case() -> None:
    assert normalise_term("The Terrorist group,") == "terrorist group"
