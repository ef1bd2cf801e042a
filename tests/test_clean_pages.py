"""Pasted page text: the rules and the line model that read a whole copied web page (invented)."""

from __future__ import annotations

from presslens.clean import clean_document, clean_text, detect_language
from presslens.ingest import content_hash
from presslens.linemodel import FEATURES as FEATURE_NAMES
from presslens.linemodel import line_features, load_model, main_prose_run, page_language
from presslens.models import RawDocument

MENU = "\n".join(
    ["Home", "World", "Politics", "Business", "Sport", "Culture", "Opinion", "Sign In"]
)
BODY = [
    "The harbour authority of Port Vessa suspended night shipments on Tuesday after a crane "
    "collapsed onto the main quay, injuring two workers and halting the unloading of grain.",
    "Inspectors from the regional safety board arrived on Wednesday morning and said the crane's "
    "base had shown cracks for months before anyone reported them to the port's engineers.",
    "Dock workers gathered outside the authority's offices in the afternoon, asking for the "
    "inspection reports to be published and for the night shifts to stay paid while closed.",
]
RELATED = "\n".join(
    ["Ferry fares rise again", "New bridge opens in Ostrel", "Grain prices fall", "Weather"]
)


def pasted_page(date_line: str = "Published March 5, 2024 at 9:12 AM | Updated 11:40 AM") -> str:
    title = "Crane collapse halts night shipments at Port Vessa"
    return "\n".join(
        [
            f"{title} - The Vessa Courier",
            MENU,
            title,
            "By Orrin Flax",
            date_line,
            *BODY,
            "Related",
            RELATED,
            "© 2024 The Vessa Courier. All rights reserved.",
        ]
    )


def test_the_line_model_keeps_the_article_and_drops_the_menus() -> None:
    assert load_model() is not None, "src/presslens/data/line_model.json is missing"
    cleaned = clean_text(pasted_page())
    assert cleaned.text.split("\n\n") == BODY
    dropped = "\n".join(r.text for r in cleaned.removed)
    assert "Politics" in dropped and "New bridge opens in Ostrel" in dropped


def test_unlabelled_teasers_and_footer_menus_go_to_the_line_model() -> None:
    footer = MENU.replace("Home", "Harbour Life") + "\nPuzzles\nContact Us\nCareers\nNewsletters"
    page = pasted_page().replace("Related\n", "")
    page = page.replace("© 2024 The Vessa Courier. All rights reserved.", footer)
    cleaned = clean_text(page)
    assert cleaned.text.split("\n\n") == BODY
    by_model = "\n".join(r.text for r in cleaned.removed if r.rule == "line-model")
    assert "New bridge opens in Ostrel" in by_model and "Puzzles" in by_model
    assert all(r.kind == "furniture" for r in cleaned.removed if r.rule == "line-model")


def test_an_article_pasted_alone_is_not_touched_by_the_model() -> None:
    text = "Crane collapse halts night shipments\n\n" + "\n\n".join(BODY)
    cleaned = clean_text(text)
    assert cleaned.text == "\n\n".join(BODY)
    assert not any(r.rule == "line-model" for r in cleaned.removed)


def test_the_page_date_is_read_from_a_labelled_line_above_the_article() -> None:
    cleaned = clean_text(pasted_page())
    assert cleaned.published == "2024-03-05"
    assert cleaned.provenance["published"].startswith("text")


def test_a_byline_run_into_a_date_gives_the_page_date() -> None:
    cleaned = clean_text(pasted_page(date_line="Orrin Flax - Mar 6, 2024, 10:31 pm CST"))
    assert cleaned.published == "2024-03-06"


def test_an_embedded_posts_signature_date_is_not_the_page_date() -> None:
    signed = f"{BODY[0]}\n— Mira Tovel (@miratovel) March 2, 2024"
    undated = pasted_page(date_line="Harbour desk").replace(BODY[0], signed)
    assert clean_text(undated).published is None
    dated = pasted_page(date_line="Mar 6, 2024").replace(BODY[0], signed)
    assert clean_text(dated).published == "2024-03-06"


def test_a_pasted_page_without_a_repeated_headline_takes_the_outlet_its_footer_agrees_on() -> None:
    page = pasted_page().replace("\nCrane collapse halts night shipments at Port Vessa\n", "\n")
    page += "\nFollow The Vessa Courier on Twitter"
    assert clean_text(page).outlet == "The Vessa Courier"


def test_a_published_label_wins_over_an_updated_one() -> None:
    line = "Updated: 9 March 2024 | Published: 7 March 2024"
    assert clean_text(pasted_page(date_line=line)).published == "2024-03-07"


def test_the_first_line_names_the_outlet_when_the_headline_repeats() -> None:
    assert clean_text(pasted_page()).outlet == "The Vessa Courier"


def test_a_lower_case_site_name_after_a_repeated_headline_is_the_outlet() -> None:
    # the <title> line spells the headline with a hyphen, the page's own headline with a dash;
    # the menu's "Ad Networks" is no outlet
    title = "Port Vessa Shows - A New Crane Standard"
    page = pasted_page().replace(
        "Crane collapse halts night shipments at Port Vessa - The Vessa Courier",
        f"{title} | vessa9port",
    )
    page = page.replace(
        "\nCrane collapse halts night shipments at Port Vessa\n",
        f"\nAd Networks\n{title.replace(' - ', ' – ')}\n",
    )
    page = page.replace("© 2024 The Vessa Courier. All rights reserved.", "")
    assert clean_text(page).outlet == "vessa9port"


def test_an_acronym_copyright_agrees_with_the_outlet_it_spells() -> None:
    from presslens.clean.outlet import _agree

    assert _agree("VCP", "Vessa Courier Post") and _agree("Vessa Courier Post", "VCP")
    assert not _agree("VCP", "Vessa Daily Post")


def test_follow_prefix_and_bare_years_are_no_outlet() -> None:
    from presslens.clean import _outlet_name

    assert _outlet_name("Follow The Daily Vessa") == "The Daily Vessa"
    assert _outlet_name("2024") is None


def test_a_leave_a_comment_link_under_the_byline_does_not_open_comments() -> None:
    text = "Crane collapse halts port\n\nBy Orrin Flax\n\nLeave a comment\n\n" + "\n\n".join(BODY)
    cleaned = clean_text(text)
    assert cleaned.text.endswith(BODY[-1])
    assert not cleaned.comments


def test_a_portuguese_body_is_kept_and_its_language_recorded() -> None:
    body = (
        "O porto de Vessa suspendeu ontem os embarques noturnos depois de um guindaste cair "
        "sobre o cais principal, ferindo dois trabalhadores e parando a descarga de cereais."
    )
    raw = RawDocument("a.txt", body, "txt", content_hash(body))
    document = clean_document(raw)
    assert document.text == body
    assert document.language == "pt"
    assert detect_language(BODY[0]) == "en"


def test_features_place_a_line_relative_to_the_main_prose_run() -> None:
    texts = ["Home", "World", *BODY, "Weather"]
    assert main_prose_run(texts) == (2, 4)
    rows = line_features(texts, [False] * len(texts))
    in_run = rows[0][10], rows[3][10]  # FEATURES index of "in_main_run"
    assert in_run == (0.0, 1.0)


def test_function_words_are_counted_in_the_page_language() -> None:
    prose = (
        "A equipe do porto de Vessa suspendeu os embarques noturnos na terça-feira depois que um "
        "guindaste caiu sobre o cais principal e feriu dois trabalhadores."
    )
    texts = ["Início", "Mundo", prose, "Contato"]
    stop_share = FEATURE_NAMES.index("stop_share")
    assert page_language(texts) == "pt"
    assert line_features(texts, [False] * 4)[2][stop_share] > 0.3


def test_a_numeric_page_date_on_a_portuguese_page_is_day_first() -> None:
    body = [
        "A equipe do porto de Vessa suspendeu os embarques noturnos na terça-feira depois que um "
        "guindaste caiu sobre o cais principal e feriu dois trabalhadores do turno da noite.",
        "Os inspetores da agência regional chegaram na quarta-feira e disseram que a base do "
        "guindaste mostrava rachaduras havia meses antes de alguém avisar os engenheiros do porto.",
    ]
    menu = ["Início", "Mundo", "Política", "Economia", "Esporte", "Cultura", "Opinião", "Entrar"]
    page = "\n".join([*menu, "05/10/2018 - Publicado por: Orrin Flax", *body, "Contato"])
    assert clean_text(page).published == "2018-10-05"


def test_a_sites_today_line_above_the_menus_loses_to_the_articles_date() -> None:
    page = pasted_page(date_line="Orrin Flax - Mar 4, 2024")
    page = page.replace(MENU, "Thursday, March 7, 2024\n" + MENU, 1)
    page += "\nThursday March 7, 2024"
    cleaned = clean_text(page)
    assert cleaned.published == "2024-03-04"
    assert "Orrin Flax - Mar 4, 2024" in cleaned.provenance["published"]


def test_a_day_first_date_opening_a_byline_line_is_read_before_a_sidebar_date() -> None:
    page = pasted_page(date_line="21/06/2023 Orrin Flax Harbour, Reviews, News")
    # a long sidebar of prose (a cookie notice) after the article, dated today
    notice = (
        "This website uses cookies to improve your experience while you browse it, and some of "
        "them are stored in your browser because they are needed for the site to work at all."
    )
    page += "\n" + "\n".join(["Tweets by @vessacourier", "20/11/2024 / 11:54 am", notice, notice])
    assert clean_text(page).published == "2023-06-21"


def test_a_date_split_over_two_lines_is_one_page_date() -> None:
    assert clean_text(pasted_page(date_line="March 6\n15:23 2024")).published == "2024-03-06"


def _page_without_outlet_lines() -> str:
    """The pasted page with no <title> site name and no copyright line."""
    page = pasted_page().replace(" - The Vessa Courier\n", "\n")
    return page.replace("© 2024 The Vessa Courier. All rights reserved.", "")


def test_an_author_bio_line_names_the_outlet() -> None:
    page = (
        _page_without_outlet_lines()
        + "\nOrrin Flax\nHarbour writer at Vessa Courier and keen sailor"
    )
    assert clean_text(page).outlet == "Vessa Courier"
    lower = _page_without_outlet_lines() + "\nHarbour writer at the weekend and keen sailor"
    assert clean_text(lower).outlet is None


def test_a_repeated_masthead_line_spells_out_an_acronym_copyright() -> None:
    page = _page_without_outlet_lines().replace(
        MENU, f"Vessa Courier Post\n{MENU}\nVessa Courier Post"
    )
    page += "\n© 2024 VCP Holdings, Inc. All Rights Reserved"
    assert clean_text(page).outlet == "Vessa Courier Post"
    # a menu word the page repeats is no masthead: the copyright owner stays the outlet
    menu_twice = _page_without_outlet_lines().replace(MENU, f"{MENU}\n{MENU}")
    assert clean_text(menu_twice + "\n© 2024 VCP Holdings, Inc.").outlet == "VCP"
