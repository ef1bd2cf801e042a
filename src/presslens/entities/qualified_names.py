"""A nationality or place glued before a name ("Veskarian Selene Okafor") joined to the name."""

from __future__ import annotations

from collections import defaultdict

from .heuristics import NAME_FUNCTION_WORDS, ORG_NAME_WORDS
from .name_spans import FACILITY_MODIFIERS, FACILITY_WORDS
from .stages import ENTITY_SIEVE
from .state import _Name, _person_shaped_org, _State

GENERIC_ORG_TOKENS = ORG_NAME_WORDS | FACILITY_WORDS | FACILITY_MODIFIERS | NAME_FUNCTION_WORDS
MAX_QUALIFIER_WORDS = 2  # "Veskarian", "Port Aldreth"


def _qualified_form_of(
    n: _Name, plain: _Name, head: str, nationalities: set[str], places: set[str]
) -> bool:
    """Whether `n` is `plain` with the qualifier `head` before it: a person takes a
    nationality only, an organisation a nationality or a place, and the qualified form is
    never the commoner one."""
    if len(n.mentions) > len(plain.mentions):
        return False
    if plain.cls == "person":
        return head in nationalities and (n.cls == "person" or _person_shaped_org(n))
    proper = [t for t in plain.tokens if t not in GENERIC_ORG_TOKENS]
    return n.cls == plain.cls == "org" and bool(proper) and head in nationalities | places


@ENTITY_SIEVE.rule("qualifier-before-name")
def qualifier_before_name(state: _State) -> None:
    """A nationality or place the parser glued before a name is no part of it: "Veskarian
    Selene Okafor" (even labelled ORG) ~ "Selene Okafor"; "Tolvane Orsk Recovery Trust" ~
    "Orsk Recovery Trust" when that is the rarer form and the trust's only qualified one
    ("Tolvane Red Crescent" and "Kessara Red Crescent" stay apart). A place before a person
    is kept ("Jordan Ali Hassan" may be his name), and a name of organisation words only
    ("Tolvane Police Department") is never joined to the bare "Police Department"."""
    nationalities = state.norms_labelled(frozenset({"norp"}))
    places = state.norms_labelled(frozenset({"place"}))
    plain_of: dict[tuple[str, ...], _Name] = {}
    for n in state.long_names():
        if n.cls in ("person", "org") and (tuple(n.tokens) not in plain_of or n.cls == "person"):
            plain_of[tuple(n.tokens)] = n  # a person's name before an ORG-labelled one
    qualified: dict[str, list[_Name]] = defaultdict(list)
    for n in state.long_names():
        for k in range(1, MAX_QUALIFIER_WORDS + 1):
            plain = plain_of.get(tuple(n.tokens[k:])) if len(n.tokens) - k >= 2 else None
            head = " ".join(n.tokens[:k])
            if plain and _qualified_form_of(n, plain, head, nationalities, places):
                qualified[plain.key].append(n)
                break
    for key, forms in qualified.items():
        plain = state.names[key]
        if plain.cls == "org" and len(forms) > 1:
            continue  # two places' branches of one name: which is the bare one?
        for n in forms:
            state.join(key, n.key, qualifier_before_name, f"{n.norm} = {plain.norm}")
