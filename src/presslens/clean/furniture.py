"""Furniture lines: the same wherever they stand (header or body)."""

from __future__ import annotations

from .lines import _At
from .meta import _copyright_owner
from .patterns import _caption_text, _is_boilerplate, _is_image
from .stages import CLEAN_FURNITURE


@CLEAN_FURNITURE.rule("image-line")
def image_line(at: _At) -> str | None:
    """An image placeholder or credit: "[Image: harbour at dawn]", "Jane Roe/AFP via Getty Images"."""
    return "image" if _is_image(at.plain) else None


@CLEAN_FURNITURE.rule("caption-line", version=2)
def caption_line(at: _At) -> str | None:
    """A photo caption, also kept in `captions`: "Caption: The quay at Vessa (Photo: J. Roe)",
    "In this May 2, 2024, file photo, dock workers walk past the gates at Vessa."."""
    caption = _caption_text(at.plain)
    if not caption:
        return None
    at.state.out.captions.append(caption)
    return "caption"


@CLEAN_FURNITURE.rule("copyright-line")
def copyright_line(at: _At) -> str | None:
    """A copyright line naming the outlet: "© 2024 The Vessa Courier" -> outlet candidate."""
    owner = _copyright_owner(at.plain)
    if not owner:
        return None
    at.state.outlets.append((5, owner))
    return "metadata"


@CLEAN_FURNITURE.rule("boilerplate-line")
def boilerplate_line(at: _At) -> str | None:
    """A share bar, newsletter, cookie or "read more" line: "Share this article"."""
    return "boilerplate" if _is_boilerplate(at.plain) else None
