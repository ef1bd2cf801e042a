"""The HTTP API over a store: `create_app(db)` is a FastAPI app, `presslens serve` runs it.

Read-only by default; see docs/api.md for the endpoints, their filters, orderings and errors.
"""

from .app import create_app
from .corpus import display_sources

__all__ = ["create_app", "display_sources"]
