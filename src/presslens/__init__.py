"""presslens: read a pile of articles about one story and lay out who said what, when, with sources.

The Python API mirrors the CLI:

    >>> import presslens
    >>> report = presslens.analyze(["examples/corpus"], db="presslens.db")
    >>> presslens.export("presslens.db", "out/", format="jsonl")
    >>> presslens.evaluate("examples/gold.json", db="presslens.db").get("quotes: recall")
"""

from .evaluate import evaluate
from .export import export
from .models import (
    Claim,
    ClaimCluster,
    Document,
    Entity,
    FramingTerm,
    Mention,
    Quote,
    Speaker,
    TimelineEntry,
    When,
)
from .pipeline import analyze, rebuild, rename_outlet
from .store import Store
from .views import (
    claim_cluster_detail,
    entity_profile,
    list_claim_clusters,
    list_entities,
    list_quotes,
    list_timeline,
    quote_in_context,
    summary,
)

__all__ = [
    "Claim",
    "ClaimCluster",
    "Document",
    "Entity",
    "FramingTerm",
    "Mention",
    "Quote",
    "Speaker",
    "Store",
    "TimelineEntry",
    "When",
    "analyze",
    "claim_cluster_detail",
    "entity_profile",
    "evaluate",
    "export",
    "list_claim_clusters",
    "list_entities",
    "list_quotes",
    "list_timeline",
    "quote_in_context",
    "rebuild",
    "rename_outlet",
    "summary",
]
