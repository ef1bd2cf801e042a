"""Bare person names (a surname or first name alone) joined to the full name they stand for."""

from __future__ import annotations

from collections import Counter, defaultdict

from .build import _canonical
from .heuristics import INTRODUCED_AS, SHORT_NAME_RULES
from .names import _is_transposition, _looks_like_acronym, is_typo
from .state import _dominant, _Name, _State, _titles


def _attach_short_person_names(state: _State) -> None:
    """Step 5: a one-word person name joins the one full name it can stand for, by the rules
    in SHORT_NAME_RULES (its article first, the corpus after); ambiguous ones stay apart."""
    names, uf = state.names, state.uf
    full_by_doc_last: dict[tuple[str, str], set[str]] = defaultdict(set)
    full_by_doc_first: dict[tuple[str, str], set[str]] = defaultdict(set)
    full_in_doc: dict[str, list[_Name]] = defaultdict(list)
    full_by_last: dict[str, set[str]] = defaultdict(set)
    person_size: Counter[str] = Counter()
    full_text: dict[str, tuple[int, str]] = {}  # group -> its most named full name (evidence)
    titles_of: dict[str, set[str]] = defaultdict(set)  # group -> titles its full names carry
    first_full: dict[tuple[str, str], int] = {}  # (group, doc) -> its first full mention
    # a person's group, whatever spaCy called some of its mentions ("Vera Ferenc" as ORG once)
    person_roots = {uf.find(n.key) for n in state.long_names() if n.cls == "person"}
    for n in state.long_names():
        root = uf.find(n.key)
        if root not in person_roots or n.cls not in ("person", "org"):
            continue
        person_size[root] += len(n.mentions)
        full_text[root] = max(full_text.get(root, (0, "")), (len(n.mentions), n.mentions[0].text))
        titles_of[root] |= {t for m in n.mentions for t in _titles(m.descriptor)}
        if n.kunya:
            continue
        full_by_last[n.surname].add(root)
        for m in n.mentions:
            k = (root, m.doc_id)
            first_full[k] = min(first_full.get(k, m.start), m.start)
        for d in n.docs:
            full_by_doc_last[(d, n.surname)].add(root)
            full_by_doc_first[(d, n.tokens[0])].add(root)
            full_in_doc[d].append(n)
    dominant_cache: dict[str, set[str]] = {}
    surname_blocks: dict[str, set[str]] = defaultdict(set)  # a typo keeps the head or both ends
    for surname in full_by_last:
        surname_blocks[surname[:2]].add(surname)
        surname_blocks[surname[0] + surname[-1]].add(surname)

    def candidates(step: int, tok: str, doc_id: str) -> set[str] | None:
        """Full-name groups a one-word name may stand for, by rule (computed lazily)."""
        if step == 0:
            return full_by_doc_last.get((doc_id, tok))
        if step == 1:
            if tok in full_by_last:
                return None  # "Obama" is somebody's surname, not the first name of "Obama Says"
            return full_by_doc_first.get((doc_id, tok))
        if step == 2:
            return {
                uf.find(f.key) for f in full_in_doc.get(doc_id, []) if is_typo(tok, f.tokens[-1])
            }
        if step == 3:
            return full_by_last.get(tok)
        if step == 4:
            if tok not in dominant_cache:
                dominant_cache[tok] = _dominant(full_by_last.get(tok, set()), person_size)
            return dominant_cache[tok]
        if tok in full_by_last:
            return None  # real surname matches that were ambiguous: no guessing by spelling
        near = surname_blocks.get(tok[:2], set()) | surname_blocks.get(tok[0] + tok[-1], set())
        # across articles only an unmistakable slip (swapped letters), not "Berman"/"Burman"
        return {r for s in near if _is_transposition(tok, s) for r in full_by_last[s]}

    for n in names.values():
        if n.cls not in {"person", "org"} or (len(n.tokens) != 1 and not n.is_short):
            continue
        tok = " ".join(n.tokens)
        shared = len(full_by_last.get(tok, ())) > 1  # "Kerimzade": a brother and a sister
        for m in n.mentions:
            if m.descriptor and INTRODUCED_AS.search(m.descriptor + " "):
                continue  # introduced by a given name only: someone the article names no further
            # spaCy often labels a bare surname ORG: then trust only its document
            org_label = n.cls == "org" and m.type != "PERSON"
            steps = SHORT_NAME_RULES[:2] if org_label else SHORT_NAME_RULES
            if _looks_like_acronym(m.text):
                # "U.N." is not the "Un" of "Kim Jong Un"; "RUELL:" labelling a transcript
                # turn is the surname of a full name in the same article
                if len(tok) < 4 or m.type != "PERSON":
                    continue
                steps = SHORT_NAME_RULES[:1]
            titles = _titles(m.descriptor)  # "Dr", "Sheikh": evidence of which person
            for step, rule in enumerate(steps):
                cands = candidates(step, tok, m.doc_id)
                if cands and len(cands) == 1 and step == 0 and shared and titles:
                    # a surname several people carry, with a title the article's one full name
                    # never has, before that name ("Imam Sorrel, whose nephew Nadim Sorrel"):
                    # only a title one of them carries decides ("Sheikh Sorrel")
                    root = next(iter(cands))
                    if (
                        first_full.get((root, m.doc_id), 0) > m.start
                        and not titles_of[root] & titles
                    ):
                        cands = {r for r in full_by_last[tok] if titles_of[r] & titles}
                        rule = "surname-only with the title of one full name"
                        if len(cands) != 1:
                            break
                if not cands:
                    continue
                if len(cands) > 1:
                    titled = {r for r in cands if titles_of[r] & titles}
                    if len(titled) == 1:  # "Dr Kerimzade": the one of them who is a doctor
                        cands, rule = titled, "surname-only with the title of one full name"
                if len(cands) > 1 and step == 3:
                    continue  # several full names in the corpus: try dominance
                if len(cands) == 1:
                    root = next(iter(cands))
                    full = full_text.get(root, (0, _canonical(names[root].mentions, "PERSON")))[1]
                    state.attach(m, root, rule, f"{full} in doc {m.doc_id}")
                break  # ambiguous: stays its own name
            if shared and m.id not in state.mention_root:
                # never one corpus-wide "Kerimzade" for both; "Mrs Ferenc" is not the bare
                # "Ferenc" of the same article either
                state.per_document[m.id] = f"{m.doc_id}@{','.join(sorted(titles))}"
