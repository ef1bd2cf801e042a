"""The cleaning stages: each an ordered table of registered rules (see presslens.rules).

A line is classified by walking tables in order, first answer wins: a header line by
`CLEAN_HEADER`, `CLEAN_FURNITURE`, `CLEAN_HEADER_LABEL`; a body line by `CLEAN_BODY`,
`CLEAN_FURNITURE`, `CLEAN_TAIL`. `CLEAN_PASS` holds the passes over the whole text and
`CLEAN_HTML` / `CLEAN_LEFTOVER` the decisions of the HTML path. The runner writes the deciding
rule's `ref` on the line (`_Line.rule`) and on every Removed record it makes.
"""

from __future__ import annotations

from presslens.rules import stage

CLEAN_HEADER = stage(
    "clean-header",
    "A line above the body that names the title, the outlet, an author or the date.",
)
CLEAN_FURNITURE = stage(
    "clean-furniture",
    "Images, captions, copyright lines and boilerplate: removed wherever they stand.",
)
CLEAN_HEADER_LABEL = stage(
    "clean-header-label",
    "A header line that names nothing outright: labels, outlet names, segmented bylines, "
    "the title guessed from a first line, bare author names.",
)
CLEAN_BODY = stage(
    "clean-body",
    "A body line that opens or continues a trailing section, repeats the title or is kept.",
)
CLEAN_TAIL = stage(
    "clean-tail",
    "Lines near the article's end: author bios, outlet self-descriptions, signatures, credits.",
)
CLEAN_PASS = stage(
    "clean-pass",
    "Passes over the whole text: the fallback title, reader comments, pull quotes, the line model.",
)
CLEAN_HTML = stage(
    "clean-html",
    "What the HTML path removes beside trafilatura's body: captions, comments, the title.",
)
CLEAN_LEFTOVER = stage(
    "clean-leftover",
    "The kind of page text trafilatura left out (menus, footers, bylines): first answer wins.",
)
