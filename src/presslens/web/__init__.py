"""The web app: server-rendered pages over the API, each the HTML twin of one /api endpoint.

A page calls the same function its JSON twin calls and renders that result (datasette's rule),
so what a user sees is exactly what `/api/...` returns. `presslens serve` mounts the pages
beside the API; `presslens report OUT_DIR` writes the same pages as a static site.
"""

from .pages import SECURITY_HEADERS, pages
from .site import write_site

__all__ = ["SECURITY_HEADERS", "pages", "write_site"]
