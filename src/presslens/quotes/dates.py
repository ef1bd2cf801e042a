"""Dates of posts and of statements ("said on Tuesday"), resolved against publication."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}


def _parse_month_date(value: str) -> str | None:
    m = re.match(r"([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})", value)
    if not m or m.group(1).lower() not in MONTHS:
        return None
    try:
        return date(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2))).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _resolve_date(phrase: str, published: str | None) -> str | None:
    import dateparser  # slow import, only needed when a cue names a day

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published:
        try:
            settings["RELATIVE_BASE"] = datetime.fromisoformat(published[:10])
        except ValueError:
            pass
    try:
        parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    except Exception:  # dateparser raises on odd input; a missing date is fine
        return None
    return parsed.date().isoformat() if parsed else None
