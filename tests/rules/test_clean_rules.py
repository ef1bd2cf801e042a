"""One test per registered cleaning rule, on invented text (names, outlets and places are fictional).

Each test asserts the line a rule classifies, its kind and the rule named on it, and that with the
rule switched off (`presslens.rules.disabled`) the line no longer comes from that rule.
"""

from __future__ import annotations

import pytest

from presslens.clean import classify_lines, clean_html, clean_text
from presslens.clean.outlet import brand_name, outlet_evidence
from presslens.rules import disabled

BODY = (
    "The dockworkers of Port Vessa returned to the quays on Monday after a strike that lasted "
    "nine days and kept grain ships waiting outside the harbour."
)
MORE = (
    "Union leaders said the harbour authority had agreed to publish its inspection reports and to "
    "keep paying the night shifts while the damaged cranes are repaired."
)
LAST = (
    "The first grain ship of the week was unloaded on Monday evening, the harbour master said, "
    "and the port expects to clear the queue of waiting ships by Friday."
)


def _line(text: str, plain: str, known_title: str | None = None):
    lines, state = classify_lines(text, known_title)
    found = [ln for ln in lines if ln.plain == plain]
    assert found, f"no line {plain!r}"
    return found[0], state


def check(rule_id: str, text: str, plain: str, kind: str | None, known_title: str | None = None):
    """The line gets `kind` from rule `rule_id`; switched off, the rule no longer decides it."""
    line, state = _line(text, plain, known_title)
    assert (line.kind, line.rule) == (kind, rule_id)
    with disabled(rule_id):
        off, _ = _line(text, plain, known_title)
        assert off.rule != rule_id
    return state


def article(*head: str, tail: tuple[str, ...] = ()) -> str:
    return "\n\n".join([*head, BODY, MORE, LAST, *tail])


# --- clean-header ---------------------------------------------------------------------------


@pytest.mark.rule("title-line")
def test_title_line():
    text = article("Port strike ends after nine days", "By Jane Roe")
    check(
        "title-line",
        text,
        "Port strike ends after nine days",
        "title",
        known_title="Port strike ends after nine days",
    )


@pytest.mark.rule("outlet-line")
def test_outlet_line():
    text = article(
        "Port strike ends after nine days | The Vessa Courier", "The Vessa Courier", "By Jane Roe"
    )
    check("outlet-line", text, "The Vessa Courier", "metadata")


@pytest.mark.rule("title-outlet-line")
def test_title_outlet_line():
    text = article("Port strike ends after nine days | The Vessa Courier", "By Jane Roe")
    state = check(
        "title-outlet-line", text, "Port strike ends after nine days | The Vessa Courier", "title"
    )
    assert (1, "The Vessa Courier") in state.outlets


@pytest.mark.rule("byline-line")
def test_byline_line():
    text = article("Port strike ends after nine days", "By Jane Roe and Tomas Brell")
    state = check("byline-line", text, "By Jane Roe and Tomas Brell", "byline")
    assert state.out.authors == ["Jane Roe", "Tomas Brell"]


@pytest.mark.rule("date-line")
def test_date_line():
    text = article("Port strike ends after nine days", "Published March 4, 2024")
    state = check("date-line", text, "Published March 4, 2024", "metadata")
    assert state.out.published == "2024-03-04"


@pytest.mark.rule("date-line")
def test_date_line_reads_a_portuguese_date():
    text = article("Greve no porto termina", "22 de março de 2024")
    state = check("date-line", text, "22 de março de 2024", "metadata")
    assert state.out.published == "2024-03-22"


@pytest.mark.rule("dateline-alone-line")
def test_dateline_alone_line():
    text = article(
        "Port strike ends after nine days", "PORT VESSA, March 3, 2024 (Northgate Wire) --"
    )
    state = check(
        "dateline-alone-line", text, "PORT VESSA, March 3, 2024 (Northgate Wire) --", None
    )
    assert state.out.dateline == "PORT VESSA"
    assert (7, "Northgate Wire") in state.outlets
    assert state.out.published == "2024-03-03"
    cleaned = clean_text(text)
    assert cleaned.outlet == "Northgate Wire"
    # kept as the body's first line, as when it opens the paragraph: its date is the body's
    assert cleaned.text.startswith("PORT VESSA, March 3, 2024 (Northgate Wire) --\n\n")


# --- clean-furniture ------------------------------------------------------------------------


@pytest.mark.rule("image-line")
def test_image_line():
    text = article("Port strike ends after nine days", "[Image: cranes at the Vessa quay]")
    check("image-line", text, "[Image: cranes at the Vessa quay]", "image")


@pytest.mark.rule("caption-line")
def test_caption_line():
    text = article("Port strike ends after nine days", "Caption: Dockworkers at the Vessa quay")
    state = check("caption-line", text, "Caption: Dockworkers at the Vessa quay", "caption")
    assert state.out.captions == ["Dockworkers at the Vessa quay"]


@pytest.mark.rule("caption-line")
def test_caption_line_reads_a_wire_photo_caption():
    caption = (
        "In this May 2, 2024, file photo, dock workers walk past the closed gates of Port Vessa "
        "while the harbour authority's inspectors check the cranes on the main quay."
    )
    state = check(
        "caption-line", article("Port strike ends after nine days", caption), caption, "caption"
    )
    assert state.out.captions == [caption]


@pytest.mark.rule("copyright-line")
def test_copyright_line():
    text = article("Port strike ends after nine days", tail=("© 2024 The Vessa Courier",))
    state = check("copyright-line", text, "© 2024 The Vessa Courier", "metadata")
    assert (5, "The Vessa Courier") in state.outlets


@pytest.mark.rule("boilerplate-line")
def test_boilerplate_line():
    text = "\n\n".join(["Port strike ends after nine days", BODY, "Advertisement", MORE, LAST])
    check("boilerplate-line", text, "Advertisement", "boilerplate")
    for pitch in (
        "Stay up to date with the Courier. Subscribe to our newsletter.",
        "No spam, we promise. You can unsubscribe at any time.",
        "Let our news meet your inbox, delivered weekday mornings.",
    ):
        pitched = "\n\n".join(["Port strike ends after nine days", BODY, MORE, pitch, LAST])
        check("boilerplate-line", pitched, pitch, "boilerplate")


# --- clean-header-label ---------------------------------------------------------------------


@pytest.mark.rule("header-metadata-line")
def test_header_metadata_line():
    text = article("Home > World > Kessara", "Port strike ends after nine days")
    check("header-metadata-line", text, "Home > World > Kessara", "metadata")


@pytest.mark.rule("outlet-name-line")
def test_outlet_name_line():
    text = article("The Vessa Courier", "Port strike ends after nine days")
    state = check("outlet-name-line", text, "The Vessa Courier", "metadata")
    assert (2, "The Vessa Courier") in state.outlets


@pytest.mark.rule("header-segments")
def test_header_segments():
    line = "Marguerite Ostrander, Staff Writer · 7 min read · 04.03.2024"
    text = article("Port strike ends after nine days", line)
    state = check("header-segments", text, line, "byline")
    assert state.out.authors == ["Marguerite Ostrander"]
    assert state.out.published == "2024-03-04"


@pytest.mark.rule("first-title")
def test_first_title():
    text = article("Port strike ends after nine days", "By Jane Roe")
    state = check("first-title", text, "Port strike ends after nine days", "title")
    assert state.title == "Port strike ends after nine days"


@pytest.mark.rule("bare-author-line")
def test_bare_author_line():
    text = "\n".join(["Port strike ends after nine days", "Jane Roe", "March 4, 2024", BODY, MORE])
    state = check("bare-author-line", text, "Jane Roe", "byline")
    assert state.out.authors == ["Jane Roe"]


@pytest.mark.rule("header-label")
def test_header_label():
    text = article("Port strike ends after nine days", "Harbour Life")
    check("header-label", text, "Harbour Life", "metadata")


@pytest.mark.rule("extracted-header-content")
def test_extracted_header_content():
    title = "Port strike ends after nine days"
    changes = "Night shifts paid again\nNew crane inspections\nShorter queues"
    text = article(title, "What changed at the port", changes, "Harbour Life")

    def line(plain: str, extracted: bool = True):
        lines, _state = classify_lines(text, title, extracted=extracted)
        return next(ln for ln in lines if ln.plain == plain)

    for plain in ("New crane inspections", "Shorter queues"):  # items of a list the extractor kept
        assert (line(plain).kind, line(plain).rule) == (None, "extracted-header-content")
    assert line("Harbour Life").kind == "metadata"  # a short label alone stays one
    assert line("New crane inspections", extracted=False).kind == "metadata"  # pasted page
    with disabled("extracted-header-content"):
        assert line("New crane inspections").kind == "metadata"


# --- clean-body -----------------------------------------------------------------------------


@pytest.mark.rule("labelled-date-line")
def test_labelled_date_line():
    stamp = "Published 11:11 PM EST March 4, 2024"
    text = "\n\n".join(["Port strike ends after nine days", BODY, MORE, stamp, LAST])
    check("labelled-date-line", text, stamp, "metadata")
    timeline = "\n\n".join(["Port strike ends after nine days", BODY, "March 4, 2024", MORE, LAST])
    line, _state = _line(timeline, "March 4, 2024")
    assert line.rule != "labelled-date-line"
    written = "(Published Monday, March 4, 2024)"
    line, _state = _line(text.replace(stamp, written), written)
    assert line.rule != "labelled-date-line"


@pytest.mark.rule("section-marker")
def test_section_marker():
    text = article("Port strike ends after nine days", tail=("Related stories", "Ferry fares rise"))
    check("section-marker", text, "Related stories", "boilerplate")


@pytest.mark.rule("bio-section")
def test_bio_section():
    bio = "Jane Roe writes about shipping and the harbour for the paper."
    text = article("Port strike ends after nine days", tail=("About the author", bio))
    state = check("bio-section", text, bio, "bio")
    assert state.out.authors == ["Jane Roe"]


@pytest.mark.rule("section-tail")
def test_section_tail():
    text = article("Port strike ends after nine days", tail=("Related stories", "Ferry fares rise"))
    check("section-tail", text, "Ferry fares rise", "boilerplate")


@pytest.mark.rule("title-repeat")
def test_title_repeat():
    title = "Port strike ends after nine days"
    text = "\n\n".join([title, BODY, title, MORE, LAST])
    lines, _ = classify_lines(text)
    repeat = [ln for ln in lines if ln.plain == title][1]
    assert (repeat.kind, repeat.rule) == ("title", "title-repeat")
    with disabled("title-repeat"):
        lines, _ = classify_lines(text)
        assert [ln for ln in lines if ln.plain == title][1].rule != "title-repeat"


@pytest.mark.rule("embed-attribution")
def test_embed_attribution():
    post = "— Jane Roe (@janeroe) March 4, 2024"
    text = article("Port strike ends after nine days", tail=(post,))
    check("embed-attribution", text, post, None)
    assert post in clean_text(text).text


# --- clean-tail -----------------------------------------------------------------------------


@pytest.mark.rule("bio-line")
def test_bio_line():
    bio = "Jane Roe is a reporter for The Vessa Courier."
    text = article("Port strike ends after nine days", tail=(bio,))
    state = check("bio-line", text, bio, "bio")
    assert state.out.authors == ["Jane Roe"]


@pytest.mark.rule("bio-contact")
def test_bio_contact():
    line = "Reach Jane Roe at jane@vessa-courier.example"
    text = article("Port strike ends after nine days", tail=(line,))
    check("bio-contact", text, line, "bio")


@pytest.mark.rule("outlet-self-description")
def test_outlet_self_description():
    line = "The Vessa Courier is an independent newspaper owned by its readers."
    text = article("Port strike ends after nine days", tail=(line,))
    check("outlet-self-description", text, line, "boilerplate")


@pytest.mark.rule("signature-line")
def test_signature_line():
    text = article("Port strike ends after nine days", tail=("(The Vessa Courier)",))
    state = check("signature-line", text, "(The Vessa Courier)", "signature")
    assert (4, "The Vessa Courier") in state.outlets


@pytest.mark.rule("wire-credits")
def test_wire_credits():
    line = "(Reporting by Jane Roe; Editing by Ned Voss)"
    text = article("Port strike ends after nine days", tail=(line,))
    state = check("wire-credits", text, line, "credits")
    assert state.out.authors == ["Jane Roe"]  # editors are never authors


@pytest.mark.rule("tail-byline")
def test_tail_byline():
    text = article("Port strike ends after nine days", tail=("By Jane Roe",))
    state = check("tail-byline", text, "By Jane Roe", "byline")
    assert state.out.authors == ["Jane Roe"]


@pytest.mark.rule("tail-outlet")
def test_tail_outlet():
    text = article("Port strike ends after nine days", tail=("Vessa Courier",))
    state = check("tail-outlet", text, "Vessa Courier", "metadata")
    assert (6, "Vessa Courier") in state.outlets


# --- clean-pass -----------------------------------------------------------------------------


@pytest.mark.rule("fallback-title")
def test_fallback_title():
    text = "\n\n".join(["Harbour news", BODY, MORE])
    state = check("fallback-title", text, "Harbour news", "title")
    assert state.title == "Harbour news"


@pytest.mark.rule("comment-section")
def test_comment_section():
    comment = "Good to see the port open again, my brother works nights there."
    text = article(
        "Port strike ends after nine days",
        tail=("2 comments", "Mara Quist", "March 5, 2024", comment),
    )
    state = check("comment-section", text, comment, "comments")
    assert [c.author for c in state.out.comments] == ["Mara Quist"]


@pytest.mark.rule("pull-quote")
def test_pull_quote():
    quote = "The port will not close again, the union said."
    text = "\n\n".join(["Port strike ends after nine days", BODY, quote, MORE, f"{LAST} {quote}"])
    check("pull-quote", text, quote, "pull-quote")
    cleaned = clean_text(text)
    assert [r.text for r in cleaned.removed if r.kind == "pull-quote"] == [quote]


@pytest.mark.rule("line-model")
def test_line_model():
    footer = ["Harbour Life", "Puzzles", "Contact Us", "Careers", "Newsletters", "Sport", "Sign In"]
    page = "\n".join(["Port strike ends after nine days", "By Jane Roe", BODY, MORE, LAST, *footer])
    cleaned = clean_text(page)
    by_model = [r for r in cleaned.removed if r.rule == "line-model"]
    assert by_model and all(r.kind == "furniture" for r in by_model)
    assert "Puzzles" in "\n".join(r.text for r in by_model)
    with disabled("line-model"):
        assert not any(r.rule == "line-model" for r in clean_text(page).removed)


LONG = (
    "Inspectors from the regional safety board said on Wednesday that the crane's base had shown "
    "cracks for months, and that nobody had reported them to the engineers of the port before the "
    "collapse."
)


def _pasted_page(*body: str) -> str:
    footer = ["Harbour Life", "Puzzles", "Contact Us", "Careers", "Newsletters", "Sport", "Sign In"]
    return "\n".join(["Port strike ends after nine days", "By Jane Roe", *body, *footer])


def _model_drops(monkeypatch, page_text: str, dropped: set[str]) -> None:
    """The line model stubbed: it calls the lines in `dropped` (and the footer) furniture."""
    import presslens.clean.page as page_module

    lines, _state = classify_lines(page_text)
    probs = [
        0.1 if ln.plain in dropped or i >= len(lines) - 7 else 0.9 for i, ln in enumerate(lines)
    ]
    monkeypatch.setattr(page_module, "body_probabilities", lambda rows, model: probs)


@pytest.mark.rule("main-run-paragraph")
def test_main_run_paragraph(monkeypatch):
    text = _pasted_page(BODY, LONG, MORE, LAST)
    _model_drops(monkeypatch, text, {LONG})
    cleaned = clean_text(text)
    assert cleaned.text.split("\n\n") == [BODY, LONG, MORE, LAST]
    assert "Puzzles" in "\n".join(r.text for r in cleaned.removed if r.rule == "line-model")
    with disabled("main-run-paragraph"):
        removed = clean_text(text).removed
    assert [r.text for r in removed if r.rule == "line-model" and r.text == LONG] == [LONG]


@pytest.mark.rule("main-run-paragraph")
def test_main_run_paragraph_leaves_a_row_of_teasers_to_the_model(monkeypatch):
    teasers = [LONG, LONG.replace("Wednesday", "Thursday"), LONG.replace("cracks", "rust")]
    text = _pasted_page(BODY, MORE, LAST, *teasers)
    _model_drops(monkeypatch, text, set(teasers))
    assert clean_text(text).text.split("\n\n") == [BODY, MORE, LAST]


@pytest.mark.rule("main-run-paragraph")
def test_main_run_paragraph_never_leaves_the_article_empty(monkeypatch):
    text = _pasted_page(LONG)
    _model_drops(monkeypatch, text, {LONG})
    assert clean_text(text).text == LONG


# --- clean-html and clean-leftover ----------------------------------------------------------


def page(body: str = "", head: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in (BODY, MORE, LAST))
    return (
        f"<html><head><title>Port strike ends | The Vessa Courier</title>{head}</head><body>"
        f"<article><h1>Port strike ends after nine days</h1>{paragraphs}{body}</article>"
        "</body></html>"
    )


def removed_of(html: str, kind: str) -> list[str]:
    return [r.text for r in clean_html(html).removed if r.kind == kind]


@pytest.mark.rule("html-figcaption")
def test_html_figcaption():
    html = page("<figure><figcaption>Dockworkers at the Vessa quay</figcaption></figure>")
    assert "Dockworkers at the Vessa quay" in removed_of(html, "caption")
    assert clean_html(html).captions == ["Dockworkers at the Vessa quay"]
    with disabled("html-figcaption"):
        assert clean_html(html).captions == []


@pytest.mark.rule("html-comment-section")
def test_html_comment_section():
    comment = "Good to see the port open again, my brother works nights there."
    html = page(
        '<ol class="comment-list"><li class="comment"><cite>Mara Quist</cite>'
        f"<p>{comment}</p></li></ol>"
    )
    cleaned = clean_html(html)
    assert [(c.author, c.text) for c in cleaned.comments] == [("Mara Quist", comment)]
    assert any(comment in r.text for r in cleaned.removed if r.kind == "comments")
    with disabled("html-comment-section"):
        assert not any(c.author == "Mara Quist" for c in clean_html(html).comments)


@pytest.mark.rule("html-comment-paragraph")
def test_html_comment_paragraph():
    from presslens.clean.html import html_comment_paragraph  # noqa: PLC0415

    comment = "good to see the port open again, my brother works nights there."
    assert html_comment_paragraph(comment, "Port strike ends", [f"mara quist {comment}"])
    assert not html_comment_paragraph("port strike ends", "Port strike ends", ["port strike ends"])


@pytest.mark.rule("html-title")
def test_html_title():
    html = page(head='<meta property="og:title" content="Dockworkers return to Port Vessa">')
    html = html.replace("<h1>Port strike ends after nine days</h1>", "")
    assert removed_of(html, "title") == ["Dockworkers return to Port Vessa"]
    with disabled("html-title"):
        assert removed_of(html, "title") == []


@pytest.mark.rule("leftover-bio")
def test_leftover_bio():
    html = page().replace(
        "</article>", "</article><aside><p>Jane Roe is a reporter for the Courier.</p></aside>"
    )
    assert "Jane Roe is a reporter for the Courier." in removed_of(html, "bio")
    with disabled("leftover-bio"):
        assert "Jane Roe is a reporter for the Courier." not in removed_of(html, "bio")


@pytest.mark.rule("leftover-byline")
def test_leftover_byline():
    html = page().replace("</article>", "</article><footer><p>By Jane Roe</p></footer>")
    assert "By Jane Roe" in removed_of(html, "byline")
    with disabled("leftover-byline"):
        assert "By Jane Roe" not in removed_of(html, "byline")


@pytest.mark.rule("leftover-metadata")
def test_leftover_metadata():
    html = page().replace("<body>", "<body><nav><p>Home > World > Kessara</p></nav>")
    assert "Home > World > Kessara" in removed_of(html, "metadata")
    with disabled("leftover-metadata"):
        assert "Home > World > Kessara" not in removed_of(html, "metadata")


@pytest.mark.rule("leftover-image")
def test_leftover_image():
    html = page().replace("</article>", "</article><div><p>Photo: Jane Roe</p></div>")
    assert "Photo: Jane Roe" in removed_of(html, "image")
    with disabled("leftover-image"):
        assert "Photo: Jane Roe" not in removed_of(html, "image")


@pytest.mark.rule("leftover-boilerplate")
def test_leftover_boilerplate():
    html = page().replace("<body>", "<body><nav><p>Sign in</p><p>Contact the desk</p></nav>")
    assert any("Contact the desk" in t for t in removed_of(html, "boilerplate"))
    with disabled("leftover-boilerplate"):
        assert not any("Contact the desk" in t for t in removed_of(html, "boilerplate"))


def test_every_removed_record_names_the_one_registered_rule_that_removed_it():
    from presslens.rules import find  # noqa: PLC0415

    text = article(
        "Port strike ends after nine days | The Vessa Courier",
        "By Jane Roe",
        "Published March 4, 2024",
        tail=("(Reporting by Jane Roe; Editing by Ned Voss)", "Share this article"),
    )
    html = page("<figure><figcaption>Dockworkers at the Vessa quay</figcaption></figure>")
    removed = clean_text(text).removed + clean_html(html).removed
    assert removed and all(r.rule for r in removed)
    assert {find(r.rule).stage for r in removed} >= {"clean-header", "clean-tail", "clean-html"}
    assert ("byline", "By Jane Roe", "byline-line") in [(r.kind, r.text, r.rule) for r in removed]


@pytest.mark.rule("outlet-evidence")
def test_outlet_evidence():
    menu = [
        "Harbour Reports",
        "Puzzles",
        "Contact Us",
        "Careers",
        "Newsletters",
        "Sport",
        "Sign In",
    ]
    footer = ["Follow The Vessa Courier on Twitter", "© 2024 Vessa Courier Media Group, LLC."]
    page = "\n".join(
        ["Crane collapse halts port - Vessa Courier", *menu, "Crane collapse halts port"]
        + [BODY, MORE, LAST, *footer]
    )
    assert clean_text(page).outlet == "Vessa Courier"
    lone = "\n".join(["Crane collapse halts port", *menu, BODY, MORE, LAST, footer[1]])
    # a copyright owner alone, as its brand: the owner suffix ("Media Group") dropped
    assert clean_text(lone).outlet == "Vessa Courier"
    assert brand_name("Orsk News & Media") == "Orsk News & Media"  # no name left to stand alone
    assert brand_name("Tarn Holdings") == "Tarn"
    lower = "\n".join(["Crane collapse halts port - vessa wire", *menu, BODY, MORE, LAST])
    assert clean_text(lower).outlet != "vessa wire"  # lower case, named once: no outlet
    agreed = f"{lower}\nTerms of Use © vessa wire 2024"
    assert clean_text(agreed).outlet == "vessa wire"  # lower case, but two kinds agree
    # a header line naming the outlet, then its programme: the name, not the last word
    header = "\n".join(["Orsk TV | Morning Report | Transcript", BODY, MORE, LAST])
    assert clean_text(header).outlet == "Orsk TV"
    # two header names of one rank: the one the page gives first, not the first alphabetically
    ranked = [(2, "The Tarn Review"), (2, "Features")]
    assert outlet_evidence([], ranked) == "The Tarn Review"
    # a photo credit made for the outlet, when nothing else names it
    credited = "\n".join(
        ["Crane collapse halts port", BODY, "Photo: Ruben Kask for The Tarn Lamp", MORE]
    )
    assert clean_text(credited).outlet == "The Tarn Lamp"
    # ... and only lending support to a longer name another kind gives
    brand = "\n".join(
        ["Crane collapse halts port - Tarn Lamp News", BODY, "Photo: Ivo Rask for Tarn Lamp"]
    )
    assert clean_text(f"{brand}\n{MORE}\n© 2024 Tarn Lamp").outlet == "Tarn Lamp News"
    with disabled("outlet-evidence"):
        assert clean_text(lone).outlet != "Vessa Courier Media Group"


@pytest.mark.rule("masthead-line")
def test_a_masthead_line_names_the_outlet_and_is_no_title():
    page = "\n".join(["The Tarn Review | Live", "Crane collapse halts port", BODY, MORE, LAST])
    cleaned = clean_text(page)
    assert (cleaned.outlet, cleaned.title) == ("The Tarn Review", "Crane collapse halts port")
    show = "\n".join(["Crane collapse halts port", "Orsk 24 | The Night Desk | Transcript", BODY])
    assert clean_text(show).outlet == "Orsk 24"
    acronym = "\n".join(["VCN | Vessa Courier News", "Crane collapse halts port", BODY, MORE])
    assert clean_text(acronym).outlet == "Vessa Courier News"
    capitals = "\n".join(["THE TARN REVIEW | Investigations", "Crane collapse halts port", BODY])
    assert clean_text(capitals).outlet == "The Tarn Review"
    # a title beside its site is not a masthead: the site is read as before
    titled = "\n".join(["Crane collapse | Vessa Courier", "Crane collapse", BODY, MORE, LAST])
    assert clean_text(titled).title == "Crane collapse"
    with disabled("masthead-line"):
        assert clean_text(page).outlet != "The Tarn Review"
