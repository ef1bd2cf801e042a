"""clean: body separated from titles, bylines, captions, boilerplate, bios and reader comments.

All articles, outlets and people below are invented.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presslens.clean import clean_document, clean_html, clean_text, parse_date
from presslens.ingest import content_hash
from presslens.models import RawDocument, make_id

BODY_1 = (
    "The harbor authority of Port Vessa suspended night shipments on Tuesday after a crane "
    "collapsed onto the main quay, injuring two workers."
)
BODY_2 = (
    "Officials said the inspection would take at least a week, and that the cause of the "
    "collapse was not yet known to the port engineers."
)


def _kinds(cleaned, kind):
    return [r.text for r in cleaned.removed if r.kind == kind]


def _removed_text(cleaned, kind):
    return "\n".join(_kinds(cleaned, kind))


# --- titles, outlets -------------------------------------------------------------------------


def test_title_printed_twice_both_copies_leave_body():
    c = clean_text(
        f"Crane Collapse Halts Port\n\nCrane Collapse Halts Port\n\n{BODY_1}\n\n{BODY_2}"
    )
    assert c.title == "Crane Collapse Halts Port"
    assert "Crane Collapse" not in c.text
    assert c.text == f"{BODY_1}\n\n{BODY_2}"
    assert _removed_text(c, "title").count("Crane Collapse Halts Port") == 2


@pytest.mark.parametrize("sep", ["|", "-", "—"])
def test_title_with_outlet_suffix(sep):
    c = clean_text(f"Crane Collapse Halts Port {sep} The Vessa Courier\n\n{BODY_1}")
    assert c.title == "Crane Collapse Halts Port"
    assert c.outlet == "The Vessa Courier"
    assert c.text == BODY_1


def test_outlet_from_header_line_and_copyright_footer():
    c = clean_text(f"VESSA DAILY HERALD\n\nCrane Collapse Halts Port\n\n{BODY_1}")
    assert c.outlet == "VESSA DAILY HERALD"
    assert c.title == "Crane Collapse Halts Port"
    c = clean_text(f"Crane Collapse Halts Port\n\n{BODY_1}\n\n© 2024 Vessa Evening Star")
    assert c.outlet == "Vessa Evening Star"
    assert "©" not in c.text


def test_outlet_from_signature_at_end():
    c = clean_text(f"Crane Collapse Halts Port\n\n{BODY_1}\n\n{BODY_2}\n\n(Northgate Press Agency)")
    assert c.outlet == "Northgate Press Agency"
    assert c.text.endswith(BODY_2)
    assert _kinds(c, "signature") == ["(Northgate Press Agency)"]


# --- bylines, dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "authors", "outlet"),
    [
        ("By Ana Holt", ["Ana Holt"], None),
        ("By Ana Holt and Piet van Dorn", ["Ana Holt", "Piet van Dorn"], None),
        ("By Ana Holt, Mik Sarro and Lee Pan", ["Ana Holt", "Mik Sarro", "Lee Pan"], None),
        ("By Ana Holt, The Vessa Courier", ["Ana Holt"], "The Vessa Courier"),
        ("By Ana Holt, Staff Writer", ["Ana Holt"], None),
        ("Written by: Ana Holt | Vessa Courier", ["Ana Holt"], "Vessa Courier"),
    ],
)
def test_byline_styles(byline, authors, outlet):
    c = clean_text(f"Crane Collapse Halts Port\n{byline}\n\n{BODY_1}")
    assert c.authors == authors
    assert c.outlet == outlet
    assert byline not in c.text
    assert _kinds(c, "byline") == [byline]


def test_by_in_body_sentence_is_not_a_byline():
    text = f"Crane Collapse Halts Port\n\n{BODY_1}\n\nBy the time rescuers arrived, the crane had fallen."
    c = clean_text(text)
    assert c.authors == []
    assert "By the time rescuers arrived" in c.text


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("date 2024-03-01", "2024-03-01"),
        ("Published: March 4, 2024", "2024-03-04"),
        ("Jan 4, 2024", "2024-01-04"),
        ("Posted on 4 March 2024 at 10:15", "2024-03-04"),
        ("31/03/2024", "2024-03-31"),  # day-first: 31 cannot be a month
        ("03/31/2024", "2024-03-31"),
        ("04/03/2024", "2024-04-03"),  # ambiguous: month-first (documented choice)
        ("04.03.2024", "2024-03-04"),  # dotted: day-first convention
        ("2024-03-04T09:30:00Z", "2024-03-04"),
    ],
)
def test_header_date_styles(line, iso):
    c = clean_text(f"Crane Collapse Halts Port\n{line}\n\n{BODY_1}")
    assert c.published == iso
    assert line not in c.text
    assert line in _removed_text(c, "metadata")


def test_published_wins_over_updated():
    c = clean_text(
        f"Crane Collapse Halts Port\nUpdated: March 9, 2024\nPublished: March 4, 2024\n\n{BODY_1}"
    )
    assert c.published == "2024-03-04"


def test_byline_with_date_on_same_line():
    c = clean_text(f"Crane Collapse Halts Port\nBy Ana Holt | March 4, 2024\n\n{BODY_1}")
    assert c.authors == ["Ana Holt"]
    assert c.published == "2024-03-04"


def test_parse_date_rejects_impossible_dates():
    assert parse_date("31/31/2024") is None
    assert parse_date("2024-02-30") is None


# --- dateline -------------------------------------------------------------------------------


def test_dateline_place_recorded_and_sentence_kept():
    body = "PORT VESSA – " + BODY_1
    c = clean_text(f"Crane Collapse Halts Port\n\n{body}\n\n{BODY_2}")
    assert c.dateline == "PORT VESSA"
    assert body in c.text


def test_dateline_with_date_and_wire_credit():
    body = "PORT VESSA, March 3 (Northgate Wire) - " + BODY_1
    c = clean_text(f"Crane Collapse Halts Port\n\n{body}")
    assert c.dateline == "PORT VESSA"
    assert c.outlet == "Northgate Wire"
    assert body in c.text


# --- images, captions, boilerplate ----------------------------------------------------------


def test_image_placeholders_and_captions_leave_body():
    text = (
        "Crane Collapse Halts Port\n\n"
        "[Image: the fallen crane]\n\n"
        f"{BODY_1}\n\n"
        "Image\n"
        "crane_quay_0412.jpg\n"
        "Caption: Workers inspect the damaged quay on Tuesday.\n\n"
        "Rescuers at the quay on Tuesday night. (Photo: Ilsa Moor / Vessa Courier)\n\n"
        f"{BODY_2}"
    )
    c = clean_text(text)
    assert c.text == f"{BODY_1}\n\n{BODY_2}"
    assert c.captions == [
        "Workers inspect the damaged quay on Tuesday.",
        "Rescuers at the quay on Tuesday night. (Photo: Ilsa Moor / Vessa Courier)",
    ]
    images = _removed_text(c, "image")
    assert "[Image: the fallen crane]" in images and "crane_quay_0412.jpg" in images
    assert "Workers inspect the damaged quay" in _removed_text(c, "caption")


def test_share_donate_newsletter_cookie_footer_is_boilerplate():
    footer = [
        "Share this article",
        "Facebook Twitter WhatsApp",
        "Support independent journalism: donate to the Vessa Courier today.",
        "Sign up for our morning newsletter",
        "We use cookies to improve your experience.",
        "Follow by Email",
        "Tags: port, crane, Vessa",
    ]
    c = clean_text("Crane Collapse Halts Port\n\n" + BODY_1 + "\n\n" + "\n\n".join(footer))
    assert c.text == BODY_1
    removed = _removed_text(c, "boilerplate")
    for line in footer:
        assert line in removed


def test_related_posts_section_is_removed_but_later_body_kept():
    text = (
        f"Crane Collapse Halts Port\n\n{BODY_1}\n\n"
        "Related posts\n"
        "Port Vessa Opens New Terminal\n"
        "Dock Strike Ends After Two Weeks\n\n"
        f"{BODY_2}"
    )
    c = clean_text(text)
    assert c.text == f"{BODY_1}\n\n{BODY_2}"
    assert "Dock Strike Ends After Two Weeks" in _removed_text(c, "boilerplate")


def test_author_bio_at_end_is_removed_and_gives_author():
    bio = "Mara Quell is a senior analyst at the Institute for Harbor Studies in Port Vessa."
    c = clean_text(f"Crane Collapse Halts Port\n\n{BODY_1}\n\n{BODY_2}\n\n{bio}")
    assert c.authors == ["Mara Quell"]
    assert bio not in c.text
    assert _kinds(c, "bio") == [bio]


def test_about_author_section_is_bio():
    c = clean_text(
        f"Crane Collapse Halts Port\nBy Mara Quell\n\n{BODY_1}\n\nAbout Author\n\n"
        "Mara has covered shipping in the Vessa region for ten years and lives by the sea."
    )
    assert c.text == BODY_1
    assert "covered shipping" in _removed_text(c, "bio")
    assert c.authors == ["Mara Quell"]


# --- comments, embeds -----------------------------------------------------------------------

HOSTILE = 'The so-called "accident" was planned by the harbor mafia, everyone knows it.'


def test_comments_section_goes_to_comments_never_text():
    text = (
        f"Crane Collapse Halts Port\n\n{BODY_1}\n\n{BODY_2}\n\n"
        "2 Comments\n\n"
        "Orrin Flax\nMarch 5, 2024 at 9:12 am\n"
        f"{HOSTILE}\nReply\n\n"
        "Bea Tollan\n2 hours ago\n"
        "Thoughts with the injured workers.\nReply\n\n"
        "Leave a Reply\nYour email address will not be published. Required fields are marked *"
    )
    c = clean_text(text)
    assert c.text == f"{BODY_1}\n\n{BODY_2}"
    assert "accident" not in c.text and "Orrin" not in c.text
    assert [(m.author, m.text) for m in c.comments] == [
        ("Orrin Flax", HOSTILE),
        ("Bea Tollan", "Thoughts with the injured workers."),
    ]
    assert c.comments[0].date == "March 5, 2024 at 9:12 am"
    assert HOSTILE in _removed_text(c, "comments")


def test_comments_in_says_style():
    text = (
        f"Crane Collapse Halts Port\n\n{BODY_1}\n\nLeave a Reply\n\n"
        f"Orrin Flax says:\nMarch 5, 2024 at 9:12 am\n{HOSTILE}"
    )
    c = clean_text(text)
    assert c.text == BODY_1
    assert c.comments[0].author == "Orrin Flax" and c.comments[0].text == HOSTILE


def test_embedded_post_is_kept_in_body():
    post = "The quay is closed until further notice. Stay safe.\n— Port Vessa Authority (@vessaport) March 2, 2024"
    c = clean_text(f"Crane Collapse Halts Port\n\n{BODY_1}\n\n{post}\n\n{BODY_2}")
    assert post in c.text
    assert c.text == f"{BODY_1}\n\n{post}\n\n{BODY_2}"


def test_interview_qa_and_quotes_are_kept():
    qa = (
        "Q: Was the crane inspected last year?\n\n"
        "A: “It was inspected in May and passed every test,” the port engineer said."
    )
    c = clean_text(f"Crane Collapse Halts Port\n\n{BODY_1}\n\n{qa}")
    assert "Was the crane inspected last year?" in c.text
    assert "“It was inspected in May and passed every test,”" in c.text


def test_markdown_title_and_byline():
    c = clean_text(f"# Crane Collapse Halts Port\n\n*By Ana Holt*\n\n{BODY_1}")
    assert c.title == "Crane Collapse Halts Port"
    assert c.authors == ["Ana Holt"]
    assert c.text == BODY_1


def test_nothing_is_silently_dropped():
    text = (
        "Vessa Courier\nCrane Collapse Halts Port\nBy Ana Holt\nMarch 4, 2024\n\n"
        f"{BODY_1}\n\nShare this article\n\n{BODY_2}\n\n1 Comment\n\nOrrin Flax\nMarch 5, 2024\nSad."
    )
    c = clean_text(text)
    pieces = [c.text] + [r.text for r in c.removed]
    for line in text.split("\n"):
        if line.strip():
            assert any(line.strip() in p for p in pieces), line


def test_discussion_subheading_is_not_a_comment_section():
    river = BODY_2.replace("port engineers", "river engineers")
    text = (
        f"Crane Collapse Halts Port\n\n{BODY_1}\n\nDiscussion\n\n{river}\n\n"
        "Comments\n\nOrrin Flax\nMarch 5, 2024\nBad."
    )
    c = clean_text(text)
    assert c.text == f"{BODY_1}\n\nDiscussion\n\n{river}"
    assert [(m.author, m.text) for m in c.comments] == [("Orrin Flax", "Bad.")]


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        (
            "Reader comments\n\nOrrin Flax • 2 hours ago\nA “cover-up”.\n\nBea T. • 5 hours ago\nSad.",
            [("Orrin Flax", "2 hours ago", "A “cover-up”."), ("Bea T.", "5 hours ago", "Sad.")],
        ),
        (
            "Comments (2)\n\nOrrin Flax | March 5, 2024 at 9:12 am\nA “cover-up”.\nReply",
            [("Orrin Flax", "March 5, 2024 at 9:12 am", "A “cover-up”.")],
        ),
        (
            "4 responses to “Crane collapse”\n\nPosted by Orrin Flax on March 5, 2024\nA “cover-up”.",
            [("Orrin Flax", "March 5, 2024", "A “cover-up”.")],
        ),
    ],
)
def test_comment_header_styles(tail, expected):
    c = clean_text(f"Crane Collapse Halts Port\n\n{BODY_1}\n\n{tail}")
    assert c.text == BODY_1
    assert [(m.author, m.date, m.text) for m in c.comments] == expected


def test_body_paragraph_about_a_person_near_the_end_is_not_a_bio():
    last = "Ilan Tarro is a member of parliament for the Vessa district and chairs its harbor committee."
    c = clean_text(f"Crane Collapse Halts Port\n\n{BODY_1}\n\n{last}")
    assert last in c.text
    assert c.authors == []


def test_caps_byline_and_segmented_meta_line():
    c = clean_text(f"Crane Collapse Halts Port\nBY ANA HOLT AND PIET DORN\n\n{BODY_1}")
    assert c.authors == ["Ana Holt", "Piet Dorn"]
    c = clean_text(
        f"Crane Collapse Halts Port\n*Ana Holt, Staff Writer* · 7 min read · 31.03.2024\n\n{BODY_1}"
    )
    assert c.authors == ["Ana Holt"]
    assert c.published == "2024-03-31"
    assert c.text == BODY_1


def test_republication_note_follow_on_messenger_and_cookie_consent_are_boilerplate():
    lines = [
        "This article was first published by The Harbor Review on March 6, 2024 and is "
        "republished with permission.",
        "Follow Vessa Courier on Telegram for live updates.",
        "By continuing to browse you agree to our use of cookies.",
    ]
    c = clean_text(f"Crane Collapse Halts Port\n\n{lines[0]}\n\n{BODY_1}\n\n{lines[1]}\n{lines[2]}")
    assert c.text == BODY_1
    for line in lines:
        assert line in _removed_text(c, "boilerplate")


def test_headline_without_header_furniture_and_short_texts():
    headline = "Port authority suspends night shipments after crane collapse on main quay"
    c = clean_text(f"{headline}\n\n{BODY_1}")
    assert c.title == headline and c.text == BODY_1
    c = clean_text("The council met on Monday.")
    assert c.title is None and c.text == "The council met on Monday."


BROADCASTER_STYLE = """WORLD
Middle East
Drought forces herders south as wells run dry
Jane Roe
Updated 3:42 PM ET, Mon March 4, 2024

Image source, Getty Images
Image caption, Herders water their goats at one of the last working wells near Tessal.

TESSAL, Qaran (Tessal Wire) - Thousands of herders in northern Qaran have driven their flocks south \
in search of water after a third failed rainy season, aid agencies said on Monday.

Related: Qaran appeals for drought aid

"We have never seen the wells this low," said Idris Fane, a herder from Tessal.

Story continues below advertisement

The government has promised emergency water deliveries, but officials said none had arrived.

Reporting by Jane Roe; Editing by Karl Pinn

Most Read
Qaran appeals for drought aid
Herders clash over grazing land

Comments

Sort by: Newest
Mika
5 hours ago
The government "promises" nothing but words.
"""


def test_broadcaster_house_style():
    c = clean_text(BROADCASTER_STYLE)
    assert c.title == "Drought forces herders south as wells run dry"
    assert c.authors == ["Jane Roe"]  # bare name next to a date line
    assert c.published == "2024-03-04"
    assert c.dateline == "TESSAL" and c.outlet == "Tessal Wire"
    assert c.captions == ["Herders water their goats at one of the last working wells near Tessal."]
    assert c.text.startswith("TESSAL, Qaran (Tessal Wire) - Thousands of herders")
    assert c.text.endswith("officials said none had arrived.")
    assert '"We have never seen the wells this low," said Idris Fane' in c.text
    for gone in ("WORLD", "Related: Qaran", "Story continues", "Editing by", "Most Read", "Mika"):
        assert gone not in c.text
    assert "Image source, Getty Images" in _removed_text(c, "image")
    assert [(m.author, m.text) for m in c.comments] == [
        ("Mika", 'The government "promises" nothing but words.')
    ]


def test_slash_iso_date_line():
    c = clean_text(f"Crane Collapse Halts Port\n2024/03/04 18:20\n\n{BODY_1}")
    assert c.published == "2024-03-04"
    assert c.text == BODY_1


# --- HTML -----------------------------------------------------------------------------------

WORDPRESS = f"""<html><head><title>Bridge reopens - Harlow Evening Gazette</title></head><body>
<header><p class="site-title"><a href="/">Harlow Evening Gazette</a></p></header>
<div class="entry"><h1 class="entry-title">Bridge reopens</h1>
<div class="entry-meta">Posted on <time class="entry-date published" datetime="2024-05-02T08:00">May 2</time>
by <span class="author vcard"><a class="fn">Olga Prent</a></span></div>
<div class="entry-content"><p>{BODY_1}</p><p>{BODY_2}</p></div>
<div class="author-bio"><p>Olga Prent is a staff reporter at the Harlow Evening Gazette.</p></div></div>
<div id="comments" class="comments-area"><h2>2 thoughts on “Bridge reopens”</h2>
<ol class="comment-list"><li class="comment depth-1"><article class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Karl W</b>
<span class="says">says:</span></div><div class="comment-metadata">
<time datetime="2024-05-02T10:11">May 2, 2024 at 10:11 am</time></div></footer>
<div class="comment-content"><p>{HOSTILE}</p></div><div class="reply">Reply</div></article>
<ol class="children"><li class="comment depth-2"><article class="comment-body">
<div class="comment-author"><b class="fn">Edda M</b></div>
<div class="comment-content"><p>It does look like a motorway.</p></div></article></li></ol></li></ol>
</div></body></html>"""


def test_html_wordpress_nested_comments_and_site_title():
    c = clean_html(WORDPRESS)
    assert c.title == "Bridge reopens"
    assert c.outlet == "Harlow Evening Gazette"
    assert c.authors == ["Olga Prent"]
    assert c.published == "2024-05-02"
    assert c.text == f"{BODY_1}\n\n{BODY_2}"
    assert [(m.author, m.text) for m in c.comments] == [
        ("Karl W", HOSTILE),
        ("Edda M", "It does look like a motorway."),
    ]
    assert "Olga Prent is a staff reporter" in _removed_text(c, "bio")


def test_html_embedded_post_signature_on_its_own_line():
    html = (
        "<html><body><article><h1>Crane Collapse Halts Port</h1>"
        f"<p>{BODY_1}</p><p>The port authority posted on X:</p>"
        '<blockquote class="twitter-tweet"><p>The quay is closed until further notice.</p>'
        "&mdash; Port Vessa Authority (@vessaport) <a href='#'>March 2, 2024</a></blockquote>"
        f"<p>{BODY_2}</p></article></body></html>"
    )
    c = clean_html(html)
    assert (
        "The quay is closed until further notice.\n"
        "— Port Vessa Authority (@vessaport) March 2, 2024"
    ) in c.text


def test_html_text_after_a_heading_outside_any_paragraph_is_kept():
    third = (
        "Night crews will be paid while the quay stays closed, the dock workers' union said "
        "after a meeting with the harbour authority on Wednesday evening."
    )
    html = (
        "<html><body><article><h1>Crane Collapse Halts Port</h1>"
        f"<p>{BODY_1}</p><div><h2>Inspection</h2>{BODY_2}</div>"
        f"<div><h2>Pay</h2>{third}</div></article></body></html>"
    )
    c = clean_html(html)
    assert BODY_1 in c.text and BODY_2 in c.text and third in c.text


def test_html_too_small_for_trafilatura_still_gives_text():
    assert clean_html("<div>Ferry service resumes.</div>").text == "Ferry service resumes."
    assert clean_html("").text == ""


HTML = f"""<html><head><title>Crane Collapse Halts Port | The Vessa Courier</title>
<meta name="author" content="Ana Holt">
<meta property="article:published_time" content="2024-03-04T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/port">Port</a></nav>
<article>
<h1>Crane Collapse Halts Port</h1>
<p class="byline">By Ana Holt and Piet van Dorn</p>
<p>PORT VESSA – {BODY_1}</p>
<figure><img src="crane.jpg"><figcaption>The fallen crane on the main quay. (Photo: Ilsa Moor)</figcaption></figure>
<p>{BODY_2}</p>
<p>"We will rebuild the quay before summer," said harbor master Tova Brink.</p>
</article>
<section id="comments" class="comments-area">
<h3>2 Comments</h3>
<div class="comment"><span class="comment-author">Orrin Flax</span>
<time datetime="2024-03-05T09:12">March 5</time><p>{HOSTILE}</p></div>
<div class="comment"><span class="comment-author">Bea Tollan</span><p>So sad.</p></div>
</section>
<footer>© 2024 The Vessa Courier. All rights reserved.</footer>
</body></html>"""


def test_html_body_metadata_captions_and_comments():
    c = clean_html(HTML)
    assert c.title == "Crane Collapse Halts Port"
    assert c.outlet == "The Vessa Courier"
    assert c.authors == ["Ana Holt", "Piet van Dorn"]
    assert c.published == "2024-03-04"
    assert c.dateline == "PORT VESSA"
    assert c.text.startswith("PORT VESSA – " + BODY_1)
    assert "We will rebuild the quay before summer" in c.text
    assert "Crane Collapse Halts Port" not in c.text
    assert "fallen crane on the main quay" not in c.text
    assert c.captions == ["The fallen crane on the main quay. (Photo: Ilsa Moor)"]
    assert "accident" not in c.text
    assert [(m.author, m.text) for m in c.comments] == [
        ("Orrin Flax", HOSTILE),
        ("Bea Tollan", "So sad."),
    ]
    assert c.comments[0].date == "2024-03-05T09:12"
    assert "\n\n" in c.text  # paragraphs separated by blank lines
    assert "By Ana Holt and Piet van Dorn" in _removed_text(c, "byline")


def test_html_og_site_name_and_og_title_preferred():
    html = (
        '<html><head><meta property="og:site_name" content="Northgate Wire">'
        '<meta property="og:title" content="Dock Strike Ends"><title>Northgate Wire</title></head>'
        f"<body><article><p>{BODY_1}</p><p>{BODY_2}</p></article></body></html>"
    )
    c = clean_html(html)
    assert c.title == "Dock Strike Ends"
    assert c.outlet == "Northgate Wire"
    assert c.text == f"{BODY_1}\n\n{BODY_2}"


# --- clean_document -------------------------------------------------------------------------


def _raw(text, fmt="txt", meta=None):
    return RawDocument(
        source="x.txt", text=text, format=fmt, content_hash=content_hash(text), meta=meta or {}
    )


def test_clean_document_id_and_fields():
    raw = _raw(f"Crane Collapse Halts Port\nBy Ana Holt\nMarch 4, 2024\n\n{BODY_1}")
    doc = clean_document(raw)
    assert doc.id == make_id("doc", raw.content_hash)
    assert doc.text == BODY_1
    assert (doc.title, doc.authors, doc.published) == (
        "Crane Collapse Halts Port",
        ["Ana Holt"],
        "2024-03-04",
    )
    assert doc.format == "txt" and doc.content_hash == raw.content_hash


def test_jsonl_metadata_wins_over_text():
    raw = _raw(
        f"Crane Collapse Halts Port\nBy Ana Holt\nMarch 4, 2024\n\n{BODY_1}",
        fmt="jsonl",
        meta={
            "title": "Crane Collapse Halts Port",
            "outlet": "Vessa Courier",
            "authors": ["Lio Brand"],
            "published": "2024-03-06T08:00:00",
        },
    )
    doc = clean_document(raw)
    assert doc.outlet == "Vessa Courier"
    assert doc.authors == ["Lio Brand"]
    assert doc.published == "2024-03-06"
    assert doc.text == BODY_1


# --- the example corpus against its gold file -----------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "examples" / "gold.json"


def _corpus_scores() -> dict[str, float]:
    from presslens.ingest import iter_raw_documents

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    corpus = GOLD.parent / gold.get("corpus", "corpus")
    meta_hits = meta_total = keep_hits = keep_total = clean_hits = clean_total = 0
    com_hits = com_total = 0
    for entry in gold["documents"]:
        [raw] = list(iter_raw_documents([corpus / entry["file"]]))
        doc = clean_document(raw)
        for key in ("outlet", "title", "published"):
            if key in entry:
                meta_total += 1
                meta_hits += getattr(doc, key) == entry[key]
        if "authors" in entry:
            meta_total += 1
            meta_hits += set(doc.authors) == set(entry["authors"])
        for snippet in entry.get("body_must_contain", []):
            keep_total += 1
            keep_hits += snippet in doc.text
        for snippet in entry.get("body_must_not_contain", []):
            clean_total += 1
            clean_hits += snippet not in doc.text
        for gc in entry.get("comments", []):
            com_total += 1
            com_hits += gc["text_contains"] not in doc.text and any(
                gc["text_contains"] in c.text for c in doc.comments
            )
    return {
        "metadata": meta_hits / max(meta_total, 1),
        "keep": keep_hits / max(keep_total, 1),
        "clean": clean_hits / max(clean_total, 1),
        "comments": com_hits / max(com_total, 1),
    }


# Measured on the 20-file example corpus: metadata 80/80, keep 80/80, clean 114/116 (the two
# misses are embedded-post signature lines, kept in the body on purpose for the quote stage),
# comments 9/9. Floors are those figures rounded down a little.
CORPUS_FLOORS = {"metadata": 0.97, "keep": 0.97, "clean": 0.96, "comments": 0.88}


@pytest.mark.skipif(not GOLD.exists(), reason="examples/gold.json not written yet")
def test_example_corpus_against_gold():
    scores = _corpus_scores()
    for key, floor in CORPUS_FLOORS.items():
        assert scores[key] >= floor, (key, scores)


@pytest.mark.parametrize(
    "line, iso",
    [
        ("April 2, 2024 4:47 PM GMT+2 Updated 2 hours ago", "2024-04-02"),
        ("March 29, 2024 11:02 AM GMT+2", "2024-03-29"),
        ("Live updates · Last updated 3 April 2024, 18:40", "2024-04-03"),
        ("Opinion | Published 5 April 2024 | 6 min read", "2024-04-05"),
    ],
)
def test_header_date_lines_with_times_and_section_labels(line: str, iso: str) -> None:
    text = f"Ferry service resumes across the Velm strait\n{line}\n\nPORT ILVAR – The first ferry in a month left the harbour on Monday, the port authority said.\n"
    cleaned = clean_text(text)
    assert cleaned.published == iso
    assert line not in cleaned.text


def test_a_body_sentence_with_a_date_is_not_a_header_date() -> None:
    text = "Ferry service resumes across the Velm strait\nBy Ana Kelt\n\nThe port authority said on April 2, 2024 that the ferry would run daily.\n"
    cleaned = clean_text(text)
    assert cleaned.published is None
    assert "said on April 2, 2024" in cleaned.text


# --- fix round: wire furniture, liveblogs, pull quotes, station furniture (all invented) -----

WIRE_TXT = f"""Harbor cranes halted after quay collapse
Harbor cranes halted after quay collapse | Tessal Wire
May 2, 2024 4:47 PM GMT+2

FILE PHOTO: A crane stands idle on the main quay of Port Vessa, May 1, 2024. Tessal Wire/Ada Quill/File Photo

PORT VESSA, May 2 (Tessal Wire) - {BODY_1}

{BODY_2}

(Reporting by Ada Quill in Port Vessa; Additional reporting by Ben Oru; Writing by Cal Temm; Editing by Dora Vix)

Our Standards: The Tessal Wire Trust Principles.
"""


def test_wire_file_photo_credits_and_standards():
    c = clean_text(WIRE_TXT)
    assert _kinds(c, "caption")[0].startswith("FILE PHOTO: A crane stands idle")
    assert _kinds(c, "credits")[0].startswith("(Reporting by Ada Quill")
    assert _kinds(c, "boilerplate") == ["Our Standards: The Tessal Wire Trust Principles."]
    assert c.authors == ["Ada Quill", "Cal Temm"]  # no byline: reporters and writer, no editor
    assert "FILE PHOTO" not in c.text and "Editing by" not in c.text
    assert c.dateline == "PORT VESSA"


def test_credits_line_does_not_override_byline():
    text = WIRE_TXT.replace("May 2, 2024 4:47", "By Eli Brandt\nMay 2, 2024 4:47")
    assert clean_text(text).authors == ["Eli Brandt"]


def test_liveblog_label_is_not_a_dateline():
    text = f"""LIVE: Port Vessa quay collapse – night shipments suspended, two workers hurt
LIVE: Port Vessa quay collapse – night shipments suspended, two workers hurt | The Vessa Ledger
Live updates · Last updated 2 May 2024, 18:40
By Ada Quill and Ben Oru
The Vessa Ledger

18:40 —
{BODY_1}

17:55 —
{BODY_2}
"""
    c = clean_text(text)
    assert c.title == "LIVE: Port Vessa quay collapse – night shipments suspended, two workers hurt"
    assert c.outlet == "The Vessa Ledger"
    assert c.published == "2024-05-02"
    assert c.authors == ["Ada Quill", "Ben Oru"]
    assert c.dateline is None
    assert BODY_1 in c.text


def test_repeated_pull_quote_removed_body_sentence_kept():
    body = (
        "The engineers were blunt. But a crane is a machine, not a monument, and the port "
        "authority has ignored three inspection reports since the winter storms began."
    )
    text = f"Quay collapse was a warning\n\n{BODY_1}\n\n{body}\n\n“A crane is a machine, not a monument.”\n\n{BODY_2}\n"
    c = clean_text(text)
    assert _kinds(c, "pull-quote") == ["“A crane is a machine, not a monument.”"]
    assert body in c.text
    assert "“A crane is a machine" not in c.text


def test_station_furniture_interview_byline_and_programme_names():
    text = f"""Vessa Public Radio
Port chief on the crane collapse
EVENING SHIFT
Published May 4, 2024 at 7:30 AM
Interview by Nora Pell

{BODY_1}

{BODY_2}

Nora Pell hosts Evening Shift on Vessa Public Radio, weekdays from 6 to 9 p.m.
Evening Shift airs every weekday at 18:00 on Vessa Public Radio.
Vessa Public Radio is listener-supported. Donate today and keep local radio on the air.
More Opinion: Why the quay needs a second crane
"""
    c = clean_text(text)
    assert c.authors == ["Nora Pell"]  # not the all-caps programme name
    assert _kinds(c, "bio") == [
        "Nora Pell hosts Evening Shift on Vessa Public Radio, weekdays from 6 to 9 p.m."
    ]
    removed = "\n".join(_kinds(c, "boilerplate"))
    assert "airs every weekday" in removed
    assert "Donate today" in removed
    assert "More Opinion: Why the quay" in removed
    assert c.text == f"{BODY_1}\n\n{BODY_2}"


def test_outlet_self_description_at_end():
    text = f"Crane collapse halts port\n\n{BODY_1}\n\n{BODY_2}\n\nThe Vessa Ledger is an independent daily newspaper owned by its staff.\n"
    c = clean_text(text)
    assert _kinds(c, "boilerplate") == [
        "The Vessa Ledger is an independent daily newspaper owned by its staff."
    ]
    assert c.text == f"{BODY_1}\n\n{BODY_2}"


@pytest.mark.parametrize("value", ["yesterday", "2 hours ago", "in 3 days"])
def test_relative_publication_dates_are_not_read_against_the_clock(value: str) -> None:
    raw = RawDocument(
        source="feed.jsonl:1",
        text="Ferries resume across the Velm strait after a month of closure, the port authority said.",
        format="jsonl",
        content_hash="h-" + value,
        meta={"published": value, "outlet": "Velm Courier"},
    )
    assert clean_document(raw).published is None
    assert parse_date(value) is None


def test_broadcaster_promo_line_is_boilerplate():
    promo = "Watch Vessa TV live on channel 12 and online. Follow us on Telegram: @vessatv"
    c = clean_text(f"Crane Collapse Halts Port\n\n{BODY_1}\n\n{promo}")
    assert c.text == BODY_1
    assert promo in _removed_text(c, "boilerplate")
    # a sentence about watching something live is no promo
    story = "Residents watched the collapse live on their phones as the crane fell."
    assert story in clean_text(f"Crane Collapse Halts Port\n\n{BODY_1}\n\n{story}").text


def test_comment_header_with_a_long_article_title_and_reader_funded_footer():
    text = (
        f"Crane Collapse Halts Port\n\n{BODY_1}\n\n"
        "The Ledger is reader-funded. Support the Ledger: members receive our weekly brief.\n\n"
        '2 thoughts on "Crane collapse halts the port: union says safety checks "were never '
        'done at all""\n'
        "Marta V. says:\n"
        "March 6, 2024 at 4:15 pm\n"
        "The photographs of the crane are damning.\n"
    )
    c = clean_text(text)
    assert c.text == BODY_1
    assert [(x.author, x.text) for x in c.comments] == [
        ("Marta V.", "The photographs of the crane are damning.")
    ]
