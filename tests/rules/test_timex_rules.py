"""One test per registered timex rule: fictional sentences read against a fixed article date."""

from __future__ import annotations

import pytest

from presslens.models import Document
from presslens.timex import TIMEX, clause_tense, extract_time_mentions, value_range

THURSDAY = "2031-10-30"  # the article date of most tests: a Thursday in ISO week 44


def _found(text: str, published: str | None = THURSDAY) -> list[tuple[str, str | None, str]]:
    doc = Document(id="d1", source="d1.txt", text=text, published=published)
    return [(m.text, m.value, m.rule) for m in extract_time_mentions(doc)]


def _only(text: str, published: str | None = THURSDAY) -> tuple[str, str | None, str]:
    (found,) = _found(text, published)
    return found


@pytest.mark.rule("timex-numeric-date")
def test_an_iso_date_is_that_day():
    assert _only("The Velmora court filed the ruling on 2031-04-09.") == (
        "2031-04-09",
        "2031-04-09",
        "timex-numeric-date",
    )


@pytest.mark.rule("timex-month-day-year")
def test_a_full_date_is_that_day_in_both_orders():
    assert _only("The pact was signed on Oct. 15, 2029, in Tarsk.")[:2] == (
        "Oct. 15, 2029",
        "2029-10-15",
    )
    assert _only("The pact was signed on 15 October 2029.")[:2] == ("15 October 2029", "2029-10-15")


@pytest.mark.rule("timex-weekday-date")
def test_a_weekday_with_its_date_is_the_date():
    found = _only(
        "The Tarsk Ledger said in an editorial on Saturday, Nov. 1: the bridge must open."
    )
    assert found == ("Saturday, Nov. 1", "2031-11-01", "timex-weekday-date")


@pytest.mark.rule("timex-month-year")
def test_a_month_of_a_year_keeps_its_modifier():
    doc = Document(
        id="d1", source="d1.txt", text="Works began in early August 2030.", published=None
    )
    (m,) = extract_time_mentions(doc)
    assert (m.text, m.value, m.mod, m.anchor) == (
        "early August 2030",
        "2030-08",
        "START",
        "absolute",
    )


@pytest.mark.rule("timex-year")
def test_a_year_but_not_a_sum_of_money():
    assert _found("Vesk was elected in 2029 and spent $2030 on posters.") == [
        ("2029", "2029", "timex-year")
    ]
    assert _only("Costs will halve by the end of 2032.")[:2] == ("the end of 2032", "2032")


@pytest.mark.rule("timex-decade")
def test_a_decade_and_a_short_decade():
    assert _only("The mill closed in the 1990s.")[:2] == ("the 1990s", "199X")
    assert _only("The mill thrived in the '80s.")[:2] == ("the '80s", "198X")


@pytest.mark.rule("timex-century")
def test_a_century_is_its_hundred_years():
    found = _only("The temple dates from the 11th century.")
    assert found[:2] == ("the 11th century", "10")
    assert value_range("10") == ("1000-01-01", "1099-12-31")


@pytest.mark.rule("timex-spelled-year")
def test_a_year_said_in_words():
    assert _only("Prices peaked in nineteen ninety-six.")[:2] == ("nineteen ninety-six", "1996")
    assert _only("The plan runs to the year two thousand.")[:2] == ("the year two thousand", "2000")
    assert _only("The mill shut in January nineteen ninety-seven.")[:2] == (
        "January nineteen ninety-seven",
        "1997-01",
    )
    assert _found("Orsk glassmakers kept their secrets for two thousand years.") == []
    assert _found("Two thousand delegates voted.") == []
    assert _found("The strike lasted nineteen fifty days.") == []


@pytest.mark.rule("timex-month-day")
def test_a_day_without_its_year_is_the_closest_one():
    assert _only("The Velmora council will vote on Nov. 16.")[:2] == ("Nov. 16", "2031-11-16")
    assert _only("The offer expired on Sept. 30.")[:2] == ("Sept. 30", "2031-09-30")
    assert _only("The offer lapsed on Dec. 28.", "2032-01-05")[:2] == ("Dec. 28", "2031-12-28")
    # a day with "last/next year" after it is that year's
    assert _only("Vesk died on Nov. 3 last year.")[:2] == ("Nov. 3 last year", "2030-11-03")
    assert _only("The Tarsk bridge opens 4 July next year.")[:2] == (
        "4 July next year",
        "2032-07-04",
    )


@pytest.mark.rule("timex-named-month")
def test_a_month_without_its_year_follows_the_tense():
    assert _only("Talks on the bridge resumed in March.")[:2] == ("March", "2031-03")
    assert _only("The Tarsk depot will reopen in February.")[:2] == ("February", "2032-02")
    assert _only("Vesk resigned last June.")[:2] == ("last June", "2031-06")
    assert _found("You may go now, Vesk said.")[0][0] == "now"  # "may" is no month
    # the month right after the article's, with no tense cue, is the coming one
    assert _only("A cut in Mirel's grain supply in November hurts the mills.")[:2] == (
        "November",
        "2031-11",
    )
    assert _only("Mirel halted its grain supply in November.")[:2] == ("November", "2030-11")
    assert _found("Tarsk guilds march each July through the old town.") == []  # a set


@pytest.mark.rule("timex-deictic-day")
def test_yesterday_today_tomorrow():
    found = _found("The court ruled yesterday, meets today and rests tomorrow.")
    assert [v for _, v, _ in found] == ["2031-10-29", "2031-10-30", "2031-10-31"]
    # a capitalised "Today" going on a name in running prose is the name's
    assert _found("Vesk told Orsk Today that the talks had failed.") == []
    assert _only("Talks failed. Today Vesk flies home.")[1] == "2031-10-30"
    assert _only("Orsk Talks Resume Today")[1] == "2031-10-30"  # a headline keeps its date
    # an era is no day
    assert _found("Vesk said mothers in today's world work longer.") == []
    assert _found("Tarsk wants to train the leaders of tomorrow.") == []
    assert _only("Today's vote in Tarsk was close.")[:2] == ("Today", "2031-10-30")


@pytest.mark.rule("timex-nth-day-today")
def test_a_day_counted_in_a_running_event_is_the_articles_day():
    found = _found("In Tarsk, today is the eighth day of the dockers' strike.")
    assert found[1] == ("the eighth day", "2031-10-30", "timex-nth-day-today")
    assert _only("It's the second day of talks in Orsk.")[:2] == ("the second day", "2031-10-30")
    assert _found("Vesk said it was the third day of talks.") == []  # told in the past
    assert _found("It is the month day of the Tarsk fair.") == []


@pytest.mark.rule("timex-weekday")
def test_a_weekday_lies_before_or_after_by_the_tense():
    assert _only("The envoys will meet on Friday.", "2031-10-29")[:2] == ("Friday", "2031-10-31")
    assert _only("The envoys met on Friday.", "2031-10-29")[:2] == ("Friday", "2031-10-24")
    assert _only("Vesk said Monday the talks had failed.")[:2] == ("Monday", "2031-10-27")
    assert _only("The talks resume next Thursday.")[:2] == ("next Thursday", "2031-11-06")
    # a soonest time lies ahead, whatever the tense before it
    assert _only("The Tarsk ferry could return as early as Monday.")[:2] == (
        "Monday",
        "2031-11-03",
    )
    assert _only("Vesk said the crew would sail as soon as Tuesday.", "2031-10-27")[:2] == (
        "Tuesday",
        "2031-10-28",
    )
    # a repeating set is no date
    assert _found("The Tarsk ferry departs each Thursday from the harbour.") == []
    assert _found("Two new ferries will leave Orsk on Tuesday nights.") == []


@pytest.mark.rule("timex-week-of")
def test_a_week_named_by_one_of_its_days_is_that_week():
    found = _only(
        "A court hearing the week of March 6 may settle the Velmora dispute.", "2031-02-20"
    )
    assert found == ("the week of March 6", "2031-W10", "timex-week-of")
    assert _only("Ballots went out the week of Oct. 3, 2029.")[:2] == (
        "the week of Oct. 3, 2029",
        "2029-W40",
    )


@pytest.mark.rule("timex-holiday")
def test_a_holiday_is_the_last_one_before_the_article():
    found = _only("The boy was rescued on Thanksgiving Day.", "2032-01-07")
    assert found == ("Thanksgiving Day", "2031-11-27", "timex-holiday")


@pytest.mark.rule("timex-relative-period")
def test_periods_named_from_the_article_date():
    found = _found("Sales fell last month, rose this week and will grow early next year.")
    assert [(t, v) for t, v, _ in found] == [
        ("last month", "2031-09"),
        ("this week", "2031-W44"),
        ("early next year", "2032"),
    ]
    # "the past year" is no relative period (timex-past-year reads it); "the past two years" a
    # duration
    assert _found("Sales rose over the past year.")[0][2] == "timex-past-year"
    assert _found("Sales rose over the past two years.") == []
    assert _found('Vesk said on Orsk-TV\'s "This Week With Ana Vel" that talks failed.') == []


@pytest.mark.rule("timex-past-year")
def test_the_past_year_alone_is_the_year_before_the_articles():
    assert _only("Fines in Tarsk rose sharply over the past year.") == (
        "the past year",
        "2030",
        "timex-past-year",
    )
    assert _found("Fines in Tarsk rose over the past year or so.") == []
    assert _found("The past year's harvest was poor, Vesk said.") == []
    assert _found("Fines in Tarsk rose over the past year.", None)[0][:2] == ("the past year", None)


@pytest.mark.rule("timex-the-year")
def test_the_year_of_a_report_is_the_articles_year():
    assert _found("Orvane shares hit a high for the year of $12.")[0][:2] == ("the year", "2031")
    assert _only("Orders rose in the first half of the year.")[2] == "timex-half"
    found = _only("Velmora Mills lost $4 million in the first nine months of the year.")
    assert found == ("the year", "2031", "timex-the-year")
    assert _found("Vesk was named Miller of the Year by the Tarsk guild.") == []
    assert _found("Sales for the year ended June 30 fell.")[0][0] == "June 30"
    assert _found("Sales were higher the year before.") == []
    assert _found("It was the year of the flood.") == []


@pytest.mark.rule("timex-weekend")
def test_a_weekend_is_the_last_or_the_next_one():
    found = _only("Over the weekend, Vesk called the council.")
    assert found[:2] == ("the weekend", "2031-W43-WE")
    assert value_range("2031-W43-WE") == ("2031-10-25", "2031-10-26")
    assert _only("The ferry will sail next weekend.")[:2] == (
        "next weekend",
        "2031-W44-WE",
    )  # the coming one


@pytest.mark.rule("timex-year-end")
def test_year_end_is_the_article_year_at_its_end():
    doc = Document(id="d1", source="d1.txt", text="The sale should close by year-end.")
    doc.published = THURSDAY
    (m,) = extract_time_mentions(doc)
    assert (m.text, m.value, m.mod) == ("year-end", "2031", "END")


@pytest.mark.rule("timex-spelled-decade")
def test_a_decade_in_words():
    assert _only("Membership fell through the nineties.")[:2] == ("the nineties", "199X")
    assert _only("Membership fell through the nineties.", None)[:2] == ("the nineties", "199X")


@pytest.mark.rule("timex-ago")
def test_so_long_ago_at_the_units_precision():
    assert _only("The Tarsk mill closed two years ago.")[:2] == ("two years ago", "2029")
    assert _only("The ferry sank three days ago.")[:2] == ("three days ago", "2031-10-27")
    found = _only("Net income rose to $5 million from $4 million a year ago.")
    assert found[:2] == ("a year ago", "2030-Q3")


@pytest.mark.rule("timex-vague-ago")
def test_some_time_ago_without_a_count_is_the_past():
    assert _only("The Tarsk mill closed several years ago.")[:2] == (
        "several years ago",
        "PAST_REF",
    )
    assert _only("Vesk left a few months earlier.")[:2] == ("a few months earlier", "PAST_REF")


@pytest.mark.rule("timex-in-the-period")
def test_earlier_or_later_in_the_articles_own_period():
    assert _only("The vote slipped later in the day.")[:2] == ("later in the day", "2031-10-30")
    doc = Document(id="d1", source="d1.txt", text="Rain fell earlier in the year.")
    doc.published = THURSDAY
    (m,) = extract_time_mentions(doc)
    assert (m.text, m.value, m.mod) == ("earlier in the year", "2031", "START")


@pytest.mark.rule("timex-year-ago")
def test_year_ago_results_are_the_same_quarter_a_year_before():
    assert _only("Profit beat the year-ago quarter.")[:2] == ("the year-ago quarter", "2030-Q3")


@pytest.mark.rule("timex-quarter")
def test_a_quarter_of_the_article_year():
    assert _only("Velmora Mills posted third-quarter profit.")[:2] == ("third-quarter", "2031-Q3")
    assert _only("Orders grew in the first quarter of 2030.")[:2] == (
        "the first quarter of 2030",
        "2030-Q1",
    )
    assert _only("Orders grew in the fourth quarter of fiscal 2030.")[:2] == (
        "the fourth quarter of fiscal 2030",
        "2030-Q4",
    )
    assert _only("Orders grew in fiscal 2032's first quarter.")[:2] == (
        "fiscal 2032's first quarter",
        "2032-Q1",
    )


@pytest.mark.rule("timex-the-quarter")
def test_the_latest_quarter_is_the_last_one_finished():
    assert _only("Revenue rose in the latest quarter.")[:2] == ("the latest quarter", "2031-Q3")
    # "the quarter-to-quarter comparison" names no quarter; "the quarter" after it does
    assert _found("The quarter-to-quarter comparison at Orvane improved; net income rose.") == []
    assert _only("Orvane's net income rose 4% in the quarter.")[:2] == ("the quarter", "2031-Q3")
    assert _only("Revenue will rise in the current quarter.")[:2] == (
        "the current quarter",
        "2031-Q4",
    )


@pytest.mark.rule("timex-year-period")
def test_the_year_period_of_a_results_story():
    assert _only("It earned $3 million in the 2030 period.")[:2] == ("the 2030 period", "2030-Q3")


@pytest.mark.rule("timex-half")
def test_a_half_year():
    assert _only("Growth slowed in the second half of 2030.")[:2] == (
        "the second half of 2030",
        "2030-H2",
    )
    assert _only("Orders rose in the first half of fiscal 2032.")[:2] == (
        "the first half of fiscal 2032",
        "2032-H1",
    )
    assert _only("Orders rose in the first half of the year.")[:2] == ("the first half", "2031-H1")
    # the half of something else: the decade is the expression
    assert _only("Sales grew through the last half of the '80s.")[:2] == ("the '80s", "198X")
    assert _found("Vesk scored in the second half of the match.") == []


@pytest.mark.rule("timex-season")
def test_seasons_this_last_and_with_a_year():
    assert _only("The ferry will run this summer.", "2031-03-22")[:2] == ("this summer", "2031-SU")
    assert _only("Vesk was shot last fall.", "2031-06-07")[:2] == ("last fall", "2030-FA")
    assert _only("Snow closed the pass in the winter of 2029.")[:2] == (
        "the winter of 2029",
        "2029-WI",
    )
    assert _only("Snow closed the pass in the winter of nineteen ninety-four.")[:2] == (
        "the winter of nineteen ninety-four",
        "1994-WI",
    )
    assert _found("Prices may fall further.") == []  # the verb


@pytest.mark.rule("timex-reference")
def test_times_without_a_calendar_value():
    found = _found("Talks are now stalled; envoys met recently and will meet in the future.")
    assert [(t, v) for t, v, _ in found] == [
        ("now", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("the future", "FUTURE_REF"),
    ]
    assert _only("The Tarsk depot will close in the near future.")[:2] == (
        "the near future",
        "FUTURE_REF",
    )
    assert _only('Vesk will sell the mill "as soon as possible."')[:2] == (
        "as soon as possible",
        "FUTURE_REF",
    )
    # "the past" before a span of time names a period, not the past
    assert _found("Orvane has lost money in the past two quarters.") == []
    assert _found("Floods hit Tarsk for the past three summers.") == []
    assert _found("It was the worst storm of the past century.") == []
    assert _only("Tarsk was poorer in the past.")[:2] == ("the past", "PAST_REF")


@pytest.mark.rule("timex-recent-period")
def test_recent_times_without_a_count_are_the_past():
    assert _only("Ferry fares rose sharply in recent years.")[:2] == ("recent years", "PAST_REF")
    assert _only("Tarsk mills closed in past decades.")[:2] == ("past decades", "PAST_REF")
    assert _found("Fares rose over the past two years.") == []  # a duration


@pytest.mark.rule("timex-other-year-quarter")
def test_a_quarter_of_the_year_before():
    assert _only("Profit beat the year-ago third quarter.")[:2] == (
        "the year-ago third quarter",
        "2030-Q3",
    )
    assert _only("Velmora Mills earned $4 million in last year's quarter.")[:2] == (
        "last year's quarter",
        "2030-Q3",
    )
    assert _only("Net rose from $2 million in the corresponding period last year.")[:2] == (
        "the corresponding period last year",
        "2030-Q3",
    )
    assert _only("Sales beat the second quarter of last year.")[:2] == (
        "the second quarter of last year",
        "2030-Q2",
    )
    assert _only("Sales beat the quarter a year ago.")[:2] == ("the quarter a year ago", "2030-Q3")
    assert _only("Sales beat the fourth quarter last year.")[:2] == (
        "the fourth quarter last year",
        "2030-Q4",
    )
    assert _only("Sales beat the fourth quarter of last year.", "2031-02-10")[1] == "2030-Q4"
    assert _only("Mills expect a profit in next year's first quarter.")[:2] == (
        "next year's first quarter",
        "2032-Q1",
    )


def test_a_day_named_in_a_past_clause_lies_behind():
    # the closest Oct. 23 to 2031-05-06 lies ahead; the past clause puts it behind
    assert _only("Vesk was last seen on Oct. 23.", "2031-05-06")[:2] == ("Oct. 23", "2030-10-23")
    assert _only("The Tarsk council will vote on Oct. 23.", "2031-05-06")[:2] == (
        "Oct. 23",
        "2031-10-23",
    )


def test_succeed_is_no_past_form():
    text = "Orla Tann will succeed Ivo Vesk on"
    assert clause_tense(text, len(text)) == "future"
    assert _only("Orla Tann will succeed Ivo Vesk on Feb. 1.", "2031-10-26")[1] == "2032-02-01"


def test_a_plan_told_in_the_past_perfect_lies_behind():
    found = _only("The Velmora offer had been due to expire on Friday.", "2031-10-29")
    assert found[:2] == ("Friday", "2031-10-24")
    assert _only("The Velmora offer is due to expire on Friday.", "2031-10-29")[1] == "2031-10-31"
    found = _only("The Orsk convoy left as previously planned on Saturday.", "2031-10-29")
    assert found[:2] == ("Saturday", "2031-10-25")


def test_a_clause_after_but_has_its_own_tense():
    text = "Vesk filed a suit to overturn the ban, but in March a Tarsk judge ruled against him."
    assert _only(text, "2031-04-03")[:2] == ("March", "2031-03")


def test_without_an_article_date_relative_expressions_stay_unresolved():
    doc = Document(id="d1", source="d1.txt", text="Vesk resigned last month, in June 2030.")
    relative, absolute = extract_time_mentions(doc)
    assert (relative.text, relative.value, relative.anchor) == ("last month", None, "none")
    assert (absolute.value, absolute.anchor) == ("2030-06", "absolute")


def test_the_nearest_cue_decides_the_tense():
    text = "Vesk said the envoys will meet on"
    assert clause_tense(text, len(text)) == "future"
    text = "The envoys met on"
    assert clause_tense(text, len(text)) == "past"
    # a cue a dozen words back still reaches the expression
    text = "Vesk will be named commander of the Orsk ferry fleet for a long voyage in December."
    assert _only(text, "2031-03-04")[:2] == ("December", "2031-12")
    # a participle of a plan before "for" looks ahead ("set a record" alone is past)
    assert _only("Orsk hosts a summit set for Velmora in August.", "2031-03-04")[1] == "2031-08"
    assert _only("Orsk set a record in August.", "2031-03-04")[1] == "2030-08"


def test_with_the_parse_to_looks_ahead_only_before_a_verb():
    from presslens.nlp import parse  # noqa: PLC0415 - the spaCy model, only for this test

    text = "The Orsk road reopened to civilian traffic on Tuesday."
    doc = Document(id="d1", source="d1.txt", text=text, published=THURSDAY)
    (m,) = extract_time_mentions(doc, parsed=parse(text))
    assert (m.value, m.tense) == ("2031-10-28", "past")
    text = "The envoys are to resume talks on Tuesday."
    doc = Document(id="d1", source="d1.txt", text=text, published=THURSDAY)
    (m,) = extract_time_mentions(doc, parsed=parse(text))
    assert (m.value, m.tense) == ("2031-11-04", "future")


def test_every_rule_can_be_switched_off():
    doc = Document(id="d1", source="d1.txt", text="Vesk resigned last month.", published=THURSDAY)
    assert extract_time_mentions(doc, rules=TIMEX.without("timex-relative-period")) == []


def test_until_looks_ahead_unless_it_opens_a_sentence_told_in_the_past():
    # THURSDAY is the article date: the Tuesday before it is 10-28, the next Tuesday 11-04
    assert _only("The Orsk road is closed until Tuesday.")[1] == "2031-11-04"
    assert _only("Orsk postponed the vote until Tuesday.")[1] == "2031-11-04"
    assert _only("Until Tuesday, the envoys had not met.")[1] == "2031-10-28"
    assert _only("Until Tuesday, the envoys will meet daily.")[1] == "2031-11-04"
    assert _only("The ban lasts until March.")[1] == "2032-03"


@pytest.mark.rule("timex-following-period")
def test_the_following_year_steps_from_the_last_date_named():
    found = _found("Vesk was named general on May 22, 2027, and the following year envoy to Tarsk.")
    assert found[-1] == ("the following year", "2028", "timex-following-period")
    found = _found("Orvane's owners met in September. The following month, the board sold it.")
    assert found[-1] == ("The following month", "2031-10", "timex-following-period")
    assert _found("Sales at Orvane fell the following year.") == []  # no date to step from


def test_a_wire_datelines_date_anchors_the_story():
    # filed late on Wednesday 2031-10-29, dated Thursday: its "Wednesday" is the dateline's day
    text = "BELMORA, Oct. 29 (Wirenews) --\n\nThe Orsk council will vote Wednesday on the levy."
    found = _found(text)
    assert found[0][:2] == ("Oct. 29", "2031-10-29")
    assert found[1][:2] == ("Wednesday", "2031-10-29")
    # without the dateline the clause's future reads the next Wednesday from the article date
    assert _only("The Orsk council will vote Wednesday on the levy.")[1] == "2031-11-05"
    # a dateline dated long before the article date is no anchor
    old = "BELMORA, Oct. 9 (Wirenews) --\n\nThe Orsk council voted Wednesday on the levy."
    assert _found(old)[1][:2] == ("Wednesday", "2031-10-29")


def test_effective_looks_ahead():
    # THURSDAY is 2031-10-30: a February named after "effective" is the next one
    assert _only("Vesk created a new office, effective Feb. 1.")[1] == "2032-02-01"


@pytest.mark.rule("timex-the-quarter")
def test_a_quarter_named_by_its_last_day_is_the_calendar_quarter_of_most_of_it():
    # THURSDAY is 2031-10-30: a quarter ended July 31 ran May to July, mostly the second quarter
    found = _found("In the quarter ended July 31, Orvane lost money.")
    assert found[0] == ("the quarter", "2031-Q2", "timex-the-quarter")
    assert _found("For the quarter ended Sept. 30, Orvane rose.")[0][1] == "2031-Q3"
    assert _found("In the quarter ended June 30, 2030, Orvane rose.")[0][1] == "2030-Q2"
    assert _found("The period ended Sept. 30 was weak.")[0][0] == "Sept. 30"  # no quarter
