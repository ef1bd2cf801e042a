"""The `presslens` command: each command parses options and makes one library call."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from sqlalchemy.exc import DatabaseError

from . import ingest, lexicon, rules, views
from . import sources as sources_stage
from .budget import DOCUMENT_SECONDS
from .evaluate import evaluate
from .export import FORMATS, export
from .pipeline import UserFileError, analyze, link_references, pin_entities, rename_outlet
from .store import DEFAULT_DB, Store, StoreError, describe_database_error

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Who said what, when, across outlets — with sources.",
)
entities_app = typer.Typer(
    help="List entities; pin merges and splits that survive re-runs.", invoke_without_command=True
)
show_app = typer.Typer(help="Show one record with its evidence.", no_args_is_help=True)
outlets_app = typer.Typer(
    help="The outlets file (domain → outlet, group): list and edit your copy beside the store.",
    no_args_is_help=True,
)
app.add_typer(entities_app, name="entities")
app.add_typer(show_app, name="show")
app.add_typer(outlets_app, name="outlets")

console = Console(emoji=False)
err = Console(stderr=True, soft_wrap=True, emoji=False)
DB_OPTION = typer.Option(DEFAULT_DB, "--db", help="SQLite file or database URL.")
FORCE_OPTION = typer.Option(False, "--force", help="Overwrite files a previous run wrote.")


@app.command("analyze")
def analyze_command(
    paths: list[Path] = typer.Argument(
        ..., help="Files or folders of .txt, .html, .md, .jsonl articles."
    ),
    db: str = DB_OPTION,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary, only problems."),
    sources: Path | None = typer.Option(
        None,
        "--sources",
        help="Sources manifest (CSV or JSON lines: file or url, outlet, published, authors, "
        "title); default: sources.csv or sources.jsonl inside an input folder.",
    ),
    doc_seconds: float = typer.Option(
        DOCUMENT_SECONDS,
        "--doc-seconds",
        min=0,
        help="Time budget for cleaning, and again for extracting, one document; a document over "
        "it is skipped with one line (0: no budget).",
    ),
) -> None:
    """Read articles into the store (new content only) and print a summary."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet,
    ) as progress:
        task = progress.add_task("analysing", total=None)
        report = analyze(
            paths,
            db,
            on_problem=lambda p: err.print(f"[yellow]skipped[/] {escape(str(p))}", highlight=False),
            on_document=lambda d: progress.update(
                task, advance=1, description=f"analysing {escape(Path(d.source).name)}"
            ),
            sources=sources,
            doc_seconds=doc_seconds or None,
        )
    if report.unchanged:
        err.print(f"[dim]{len(report.unchanged)} file(s) already analysed and unchanged[/]")
    for source, original in report.duplicates:
        err.print(
            f"[dim]duplicate[/] {escape(source)}: same content as {escape(original)}, skipped",
            highlight=False,
        )
    console.print(
        f"{len(report.added)} new document(s), {len(report.unchanged)} unchanged, {len(report.duplicates)} duplicate(s), "
        f"{len(report.problems)} problem(s) → {escape(db)}"
    )
    if not quiet:
        print_summary(views.summary(db))
    if not report.ok:
        err.print(
            "nothing could be read"
            if not report.read
            else "nothing stored: every input had a problem"
        )
        raise typer.Exit(1)


def print_summary(summary: views.Summary) -> None:
    table = Table(title="Documents per outlet")
    table.add_column("outlet")
    table.add_column("docs", justify="right")
    table.add_column("dates")
    for outlet, docs in summary.documents_by_outlet.items():
        dates = sorted(d["published"] for d in docs if d["published"])
        span = f"{dates[0]} … {dates[-1]}" if len(dates) > 1 else (dates[0] if dates else "undated")
        table.add_row(escape(outlet), str(len(docs)), span)
    console.print(table)

    table = Table(title="Top entities (mentions per outlet)")
    table.add_column("entity")
    table.add_column("type")
    table.add_column("total", justify="right")
    table.add_column("by outlet")
    for row in summary.top_entities:
        by_outlet = " · ".join(
            f"{o} {n}" for o, n in sorted(row["by_outlet"].items(), key=lambda kv: -kv[1])
        )
        table.add_row(escape(row["name"]), row["type"], str(row["total"]), escape(by_outlet))
    console.print(table)

    quotes = ", ".join(f"{n} {kind}" for kind, n in summary.quotes_by_kind.items()) or "none"
    console.print(f"Quotes: {sum(summary.quotes_by_kind.values())} ({quotes})")
    console.print(
        f"Claims: {summary.claims}; told by 2+ independent outlets: {summary.clusters_multi_outlet} claim clusters"
    )
    removed = ", ".join(f"{n} {kind}" for kind, n in summary.removed_by_kind.items()) or "nothing"
    console.print(
        f"Removed from bodies (see documents.removed): {removed}; reader comments kept apart: {summary.comments}"
    )


@app.command("summary")
def summary_command(db: str = DB_OPTION) -> None:
    """Print the summary of a store."""
    print_summary(views.summary(db))


@app.command("export")
def export_command(
    out_dir: Path = typer.Argument(..., help="Folder to write one file per record type into."),
    db: str = DB_OPTION,
    format: str = typer.Option("jsonl", "--format", "-f", help=f"One of: {', '.join(FORMATS)}."),
    force: bool = FORCE_OPTION,
) -> None:
    """Write the export contract (documents, entities, mentions, quotes, claims, clusters, timeline, framing)."""
    if format not in FORMATS:
        err.print(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    _check_output(out_dir, force, folder_of=f"*.{format}")
    with _writing(out_dir):
        counts = export(db, out_dir, format)
    console.print(", ".join(f"{name}: {n}" for name, n in counts.items()) + f" → {out_dir}")


@app.command("eval")
def eval_command(
    gold: Path = typer.Argument(..., help="Gold file (docs/gold-format.md)."),
    db: str = DB_OPTION,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List what was missed."),
    baseline: bool = typer.Option(
        False, "--baseline", help="Also score textacy's direct_quotations (dev install)."
    ),
) -> None:
    """Score the store against hand-written gold."""
    if not gold.is_file():
        err.print(f"{gold}: no such gold file")
        raise typer.Exit(2)
    report = evaluate(gold, db, baseline=baseline)
    table = Table(title=f"presslens eval — {gold}")
    table.add_column("metric")
    table.add_column("score", justify="right")
    table.add_column("n", justify="right")
    for metric, value, detail in report.rows():
        table.add_row(metric, value, detail)
    console.print(table)
    if verbose:
        for score in report.scores.values():
            for miss in score.misses:
                console.print(f"[dim]{escape(score.name)}[/]: {escape(miss)}", highlight=False)


@app.command("quotes")
def quotes_command(
    db: str = DB_OPTION,
    speaker: str | None = typer.Option(None, help="Entity name, alias or id."),
    outlet: str | None = typer.Option(None),
    kind: str | None = typer.Option(None, help="direct, indirect, mixed, block or post."),
) -> None:
    """List quotes with speaker, outlet, date and the quoted text."""
    table = Table(expand=True)
    table.add_column("id", no_wrap=True, max_width=10)
    table.add_column("speaker", ratio=2)
    table.add_column("outlet", ratio=2)
    table.add_column("date", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("quote", ratio=6)
    for row in views.list_quotes(db, speaker=speaker, outlet=outlet, kind=kind):
        quote = row["quote"]
        text = quote.text if len(quote.text) < 160 else quote.text[:157] + "…"
        table.add_row(
            quote.id[:10],
            escape(row["speaker"] or "(unknown)"),
            escape(row["outlet"] or ""),
            quote.date or row["published"] or "",
            quote.kind,
            escape(text),
        )
    console.print(table)


@app.command("framing")
def framing_command(
    db: str = DB_OPTION,
    entity: str | None = typer.Option(
        None, help="Entity name, alias or id (or an unnamed actor's words)."
    ),
    outlet: str | None = typer.Option(None),
    top: int = typer.Option(6, help="Terms shown per outlet and actor."),
) -> None:
    """How each outlet words each actor: outlets as columns, actors as rows (term ×count, z)."""
    view = views.framing_table(db, entity=entity, outlet=outlet)
    if not view["rows"]:
        err.print("no framing rows" + (" for that entity or outlet" if entity or outlet else ""))
        raise typer.Exit(1)
    table = Table(expand=True)
    table.add_column("actor", ratio=2)
    for name in view["outlets"]:
        table.add_column(escape(name), ratio=3)
    for row in view["rows"]:
        cells = [escape(row["subject"])]
        for name in view["outlets"]:
            terms = row["by_outlet"].get(name, [])[:top]
            cells.append(escape(", ".join(_framing_cell(t) for t in terms)))
        table.add_row(*cells)
    console.print(table)


def _framing_cell(term: dict) -> str:
    z = f" z{term['z']:+.1f}" if term["z"] is not None else ""
    return f"{term['term']} ×{term['count']}{z}"


@app.command("timeline")
def timeline_command(
    db: str = DB_OPTION,
    entity: str | None = typer.Option(None, help="Entity name, alias or id involved."),
    since: str | None = typer.Option(
        None, "--from", help="First date (ISO, or a prefix: 2031-03)."
    ),
    until: str | None = typer.Option(None, "--to", help="Last date (ISO, or a prefix)."),
) -> None:
    """Dated events by date, one line per event cluster and date, with the outlets telling it."""
    rows = views.list_timeline(db, entity=entity, since=since, until=until)
    if not rows:
        err.print(
            "no timeline entries"
            + (" for that entity or period" if entity or since or until else "")
        )
        raise typer.Exit(1)
    table = Table(expand=True)
    for name, options in (
        ("date", {"no_wrap": True}),
        ("event", {"ratio": 5}),
        ("outlets", {"ratio": 2}),
        ("actors", {"ratio": 2}),
    ):
        table.add_column(name, **options)
    for row in rows:
        date = (
            row["date"]
            if row["date_precision"] == "day"
            else f"{row['date']} ({row['date_precision']})"
        )
        table.add_row(
            date,
            escape(row["description"] or ""),
            escape(", ".join(row["outlets"])),
            escape(", ".join(row["entities"])),
        )
    console.print(table)


@app.command("claims")
def claims_command(
    db: str = DB_OPTION,
    entity: str | None = typer.Option(None, help="Entity name, alias or id the claims are about."),
    single_source: bool = typer.Option(
        False, "--single-source", help="Only claims one independent outlet tells."
    ),
) -> None:
    """Claim clusters, most independent outlets first (copies of one story count once)."""
    rows = views.list_claim_clusters(db, entity=entity, single_source=single_source)
    if not rows:
        err.print("no claims" + (" for that entity" if entity else ""))
        raise typer.Exit(1)
    table = Table(expand=True)
    table.add_column("id", no_wrap=True, max_width=10)
    table.add_column("independent", no_wrap=True)
    table.add_column("claims", no_wrap=True)
    table.add_column("outlets", ratio=2)
    table.add_column("claim", ratio=6)
    for row in rows:
        label = row["label"] or ""
        table.add_row(
            row["id"][:10],
            str(row["independent_outlets"]),
            str(len(row["claim_ids"])),
            escape(", ".join(row["outlets"])),
            escape(label if len(label) < 200 else label[:197] + "…"),
        )
    console.print(table)


@show_app.command("claim")
def show_claim_command(claim_id: str, db: str = DB_OPTION) -> None:
    """Print a claim cluster (by its id or one of its claims') with every sentence behind it."""
    found = views.claim_cluster_detail(db, claim_id)
    if found is None:
        err.print(f"no claim or claim cluster with id {claim_id!r}")
        raise typer.Exit(1)
    cluster = found["cluster"]
    console.print(f"[bold]{escape(cluster['label'] or '')}[/]", highlight=False)
    console.print(
        f"cluster {cluster['id']}: {len(cluster['claim_ids'])} claims in {len(cluster['doc_ids'])} documents; outlets: {escape(', '.join(cluster['outlets']))}; independent outlets: {cluster['independent_outlets']}",
        highlight=False,
    )
    for item in found["claims"]:
        claim = item["claim"]
        console.print(
            f"- {escape(item['outlet'] or '?')}, {item['published'] or 'undated'} ({escape(item['source'])}, chars {claim.start}-{claim.end}, {claim.source_kind}): {escape(printable(claim.text))}",
            highlight=False,
        )


@show_app.command("quote")
def show_quote_command(quote_id: str, db: str = DB_OPTION) -> None:
    """Print a quote in its paragraph, highlighted, with why it was attributed so."""
    found = views.quote_in_context(db, quote_id)
    if found is None:
        err.print(f"no quote with id {quote_id!r}")
        raise typer.Exit(1)
    quote, document = found["quote"], found["document"]
    console.print(
        f"[bold]{escape(document.title or '')}[/] — {escape(document.outlet or '?')}, {document.published or 'undated'}  ({escape(document.source)})"
    )
    console.print(
        Text(printable(found["before"]))
        + Text(printable(found["text"]), style="bold reverse")
        + Text(printable(found["after"]))
    )
    speaker = quote.speaker
    console.print(
        f"kind: {quote.kind}; cue: {escape(str(quote.cue))}; via: {escape(str(quote.via))}; date: {quote.date}; chars {quote.start}-{quote.end}",
        highlight=False,
    )
    if speaker:
        console.print(
            f"speaker: {escape(speaker.text)} (entity {speaker.entity_id}, chars {speaker.start}-{speaker.end}) by rule {quote.speaker_rule}, confidence {quote.confidence:.2f}"
        )
        summary = rules.summary_of(quote.speaker_rule)
        if summary:
            console.print(f"  rule {quote.speaker_rule}: {escape(summary)}", highlight=False)
    else:
        console.print("speaker: unknown")
    for candidate in quote.candidates:
        console.print(f"  candidate: {escape(str(candidate))}")


@show_app.command("rule")
def show_rule_command(rule_id: str) -> None:
    """Print one registered rule: its stage, version, confidence, docstring and source."""
    try:
        found = rules.find(rule_id)
    except KeyError as problem:
        err.print(escape(str(problem.args[0])))
        raise typer.Exit(1) from None
    console.print(f"[bold]{escape(found.ref)}[/] (stage {found.stage}, version {found.version})")
    if found.confidence is not None:
        console.print(f"confidence: {found.confidence:.2f}")
    console.print(escape(rules.describe(found)), highlight=False)


@app.command("rules")
def rules_command(
    stage: str = typer.Option(None, "--stage", help="Only this stage."),
    markdown: bool = typer.Option(False, "--markdown", help="As the Markdown of docs/rules.md."),
) -> None:
    """List the registered rules, stage by stage, in the order they are tried."""
    if markdown:
        typer.echo(rules.markdown_table(), nl=False)
        return
    table = Table("stage", "rule", "v", "confidence", "what it does")
    for r in rules.all_rules():
        if stage and r.stage != stage:
            continue
        conf = "" if r.confidence is None else f"{r.confidence:.2f}"
        table.add_row(r.stage, r.id, str(r.version), conf, escape(r.summary))
    console.print(table)


@app.command("lexicon")
def lexicon_command(name: str = typer.Argument(None, help="One list, by file name.")) -> None:
    """List the lexicon's word lists, or print one with each entry's kinds."""
    if name is None:
        for known in lexicon.names():
            console.print(known)
        return
    if name not in lexicon.names():
        err.print(f"no lexicon list {name!r}; known: {', '.join(lexicon.names())}")
        raise typer.Exit(1)
    try:
        rows = {k: ", ".join(sorted(v)) for k, v in lexicon.table(name).items()}
    except FileNotFoundError:
        rows = dict.fromkeys(sorted(lexicon.words(name)), "")
    for entry, kinds in sorted(rows.items()):
        console.print(f"{escape(entry)}\t{kinds}" if kinds else escape(entry), highlight=False)


@show_app.command("document")
def show_document_command(doc_id: str, db: str = DB_OPTION) -> None:
    """A document's metadata and where each field was read (provenance)."""
    store = Store(db)
    matches = [d for d in store.document_meta() if d.startswith(doc_id)]
    if len(matches) != 1:
        reason = "no document" if not matches else f"{len(matches)} documents"
        err.print(f"{reason} with id {doc_id!r}")
        raise typer.Exit(1)
    document = store.document(matches[0])
    assert document is not None, matches[0]  # the id was just read from the same table
    console.print(f"[bold]{escape(document.title or '(untitled)')}[/] (id {document.id})")
    fields = {
        "source": document.source,
        "outlet": document.outlet,
        "title": document.title,
        "authors": "; ".join(document.authors) or None,
        "published": document.published,
        "dateline": document.dateline,
        "header": " / ".join(document.header.split("\n\n")) if document.header else None,
    }
    for name, value in fields.items():
        origin = document.provenance.get(name)
        console.print(
            f"  {name}: {escape(str(value) if value else '—')}"
            + (f"  [dim](from {escape(origin)})[/]" if origin else ""),
            highlight=False,
        )
    console.print(f"  text: {len(document.text)} characters, {len(document.removed)} removed parts")


@outlets_app.command("list")
def outlets_list_command(db: str = DB_OPTION) -> None:
    """Domains and the outlet (and group) each stands for, with stored documents per outlet."""
    table_rows, problems = sources_stage.load_outlets(db)
    for problem in problems:
        err.print(f"[yellow]skipped[/] {escape(str(problem))}", highlight=False)
    counts = Store(db).outlet_counts()
    table = Table(title=f"Outlets ({escape(_outlets_origin(db))})")
    for column in ("outlet", "group", "domains", "docs"):
        table.add_column(column, justify="right" if column == "docs" else "left")
    by_outlet: dict[str, list] = {}
    for row in table_rows.values():
        by_outlet.setdefault(row.outlet, []).append(row)
    for outlet in sorted(set(by_outlet) | set(counts), key=str.casefold):
        rows = by_outlet.get(outlet, [])
        group = ", ".join(sorted({r.group for r in rows if r.group}))
        domains = ", ".join(sorted(r.domain for r in rows))
        table.add_row(escape(outlet), escape(group), escape(domains), str(counts.get(outlet, 0)))
    console.print(table)


def _outlets_origin(db: str) -> str:
    path = sources_stage.outlets_path(db)
    return str(path) if path.is_file() else "default"


def _known_outlet(db: str, name: str) -> bool:
    table = sources_stage.checked_outlets(db)
    return any(r.outlet == name for r in table.values()) or name in Store(db).outlet_counts()


@outlets_app.command("rename")
def outlets_rename_command(old: str, new: str, db: str = DB_OPTION) -> None:
    """Outlet OLD is called NEW: in your outlets file, stored documents and later runs."""
    if not _known_outlet(db, old):
        err.print(f"no outlet named {old!r} (see presslens outlets list)")
        raise typer.Exit(1)
    changed = rename_outlet(db, old, new)
    console.print(f"renamed {escape(old)} → {escape(new)}; {changed} stored document(s) updated")


@outlets_app.command("merge")
def outlets_merge_command(a: str, b: str, db: str = DB_OPTION) -> None:
    """Outlet A becomes outlet B (both must exist): e.g. two spellings of one outlet."""
    for name in (a, b):
        if not _known_outlet(db, name):
            err.print(f"no outlet named {name!r} (see presslens outlets list)")
            raise typer.Exit(1)
    changed = rename_outlet(db, a, b)
    console.print(f"merged {escape(a)} into {escape(b)}; {changed} stored document(s) updated")


@outlets_app.command("add")
def outlets_add_command(
    domain: str,
    outlet: str,
    group: str | None = typer.Option(None, "--group", help="Wire agency, owner, ..."),
    db: str = DB_OPTION,
) -> None:
    """DOMAIN (and its subdomains) is OUTLET, for documents read from now on."""
    row = sources_stage.add_outlet(db, domain, outlet, group)
    path = sources_stage.outlets_path(db)
    console.print(f"{escape(row.domain)} → {escape(row.outlet)} in {escape(str(path))}")


@show_app.command("entity")
def show_entity_command(name: str, db: str = DB_OPTION) -> None:
    """Aliases (and why), descriptors by outlet, quotes by the entity, documents."""
    profile = views.entity_profile(db, name)
    if profile is None:
        err.print(f"no entity named {name!r}")
        raise typer.Exit(1)
    entity = profile["entity"]
    console.print(
        f"[bold]{escape(entity.name)}[/] ({entity.type}, id {entity.id}) — {entity.mention_count} mentions in {len(entity.document_ids)} documents"
    )
    for alias in entity.aliases:
        why = next((r for r in entity.reasons if r.get("alias") == alias["text"]), None)
        console.print(
            f"  alias {escape(alias['text'])} ×{alias['count']}"
            + (
                f" — {escape(str(why.get('rule')))}: {escape(str(why.get('evidence', '')))}"
                if why
                else ""
            )
        )
    for outlet, terms in profile["descriptors_by_outlet"].items():
        console.print(
            f"  {escape(outlet)} calls it: "
            + ", ".join(f"{escape(t)} ×{n}" for t, n in terms.items())
        )
    for quote in profile["quotes_by"]:
        console.print(f"  said ({quote.kind}, {quote.id[:10]}): {escape(quote.text[:120])}")
    for doc in profile["documents"]:
        console.print(
            f"  in: {escape(doc['outlet'] or '?')} — {escape(doc['title'] or doc['source'])}"
        )


@entities_app.callback()
def entities_command(
    ctx: typer.Context,
    db: str = DB_OPTION,
    type: str | None = typer.Option(None, "--type", help="PERSON, ORG, GPE, NORP, ..."),
    outlet: str | None = typer.Option(None),
) -> None:
    """List entities with aliases and per-outlet mention counts."""
    if ctx.invoked_subcommand:
        return
    table = Table()
    for column in ("entity", "type", "mentions", "aliases", "by outlet"):
        table.add_column(column)
    for row in views.list_entities(db, type=type, outlet=outlet):
        entity = row["entity"]
        aliases = ", ".join(f"{a['text']} ×{a['count']}" for a in entity.aliases)
        by_outlet = ", ".join(f"{o}: {n}" for o, n in row["by_outlet"].items())
        table.add_row(
            escape(entity.name),
            entity.type,
            str(entity.mention_count),
            escape(aliases),
            escape(by_outlet),
        )
    console.print(table)


@entities_app.command("merge")
def entities_merge_command(a: str, b: str, db: str = DB_OPTION) -> None:
    """Pin: A and B are the same actor (kept across re-runs)."""
    path = pin_entities(db, merge=(a, b))
    console.print(f"pinned merge {escape(a)} = {escape(b)} in {path}")


@entities_app.command("split")
def entities_split_command(name: str, alias: str, db: str = DB_OPTION) -> None:
    """Pin: ALIAS is not the same actor as NAME (kept across re-runs)."""
    path = pin_entities(db, split=(name, alias))
    console.print(f"pinned split {escape(alias)} ≠ {escape(name)} in {path}")


@entities_app.command("link")
def entities_link_command(
    references: Path = typer.Argument(..., help="CSV with columns name, aliases, id."),
    db: str = DB_OPTION,
) -> None:
    """Link entities to your own ids from a reference list (kept for later runs; no network)."""
    if not references.is_file():
        err.print(f"{references}: no such file")
        raise typer.Exit(2)
    linked = link_references(db, references)
    console.print(f"{linked} entities linked to ids in {escape(str(references))}")


@app.command("report")
def report_command(
    out: Path = typer.Argument(Path("report.html")), db: str = DB_OPTION, force: bool = FORCE_OPTION
) -> None:
    """Write a static report: OUT_DIR gets the web app's pages as a site that opens from file://;
    a path ending in .html gets the one-page report (sources, actors, claims, timeline, quotes)."""
    if out.suffix.lower() in (".html", ".htm"):
        from .report import write_report

        _check_output(out, force)
        with _writing(out):
            console.print(f"report → {escape(str(write_report(out, db)))}")
        return
    from .web import write_site

    _check_output(out, force, folder_of="*.html")
    with _writing(out):
        console.print(f"site → {escape(str(write_site(db, out)))}")


@app.command("search")
def search_command(query: str, db: str = DB_OPTION) -> None:
    """Full-text search over titles and bodies."""
    for row in Store(db).search(query):
        console.print(f"{row['doc_id']}: {escape(row['snippet'])}")


@app.command("serve")
def serve_command(
    db: str = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port"),
    allow_writes: bool = typer.Option(
        False, "--allow-writes", help="Accept entity pins and outlet renames (with the token)."
    ),
    token: str | None = typer.Option(
        None, envvar="PRESSLENS_TOKEN", help="Bearer token for writes (default: a new one)."
    ),
) -> None:
    """Serve the web app and its JSON API over the store (read-only unless --allow-writes)."""
    import secrets

    import uvicorn

    from .api import create_app

    if allow_writes and not token:
        token = secrets.token_urlsafe(24)
        err.print(f"writes need: Authorization: Bearer {token}", highlight=False)
    uvicorn.run(create_app(db, allow_writes, token), host=host, port=port)


# --- hostile input: outputs, terminal text, database errors -----------------------------------

# C0/C1 control characters other than tab and newline: article text must not drive the terminal.
TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Article text as the terminal may show it: escape sequences and other controls removed."""
    return TERMINAL_CONTROLS.sub("", text)


def _fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"error: {escape(message)}", highlight=False)
    raise typer.Exit(code)


def _check_output(path: Path, force: bool, folder_of: str | None = None) -> None:
    """Refuse an output path that cannot work, or holds earlier output, before any work is done.
    `folder_of` (a glob) means the output is a folder of such files; otherwise it is one file."""
    name = ingest.safe_name(path)
    for parent in path.parents:  # "out.html/report.html": a file where a folder must be
        if parent.exists() and not parent.is_dir():
            _fail(f"{name}: {ingest.safe_name(parent)} is a file, not a folder")
    if folder_of is None:
        if path.is_dir():
            _fail(f"{name}: is a folder; give a file name such as {name}/report.html")
        if path.exists() and not force:
            _fail(f"{name}: already exists; pass --force to overwrite it")
    elif path.exists():
        if not path.is_dir():
            _fail(f"{name}: is a file; this writes a folder of files, give a folder name")
        if any(path.glob(folder_of)) and not force:
            _fail(f"{name}: already holds earlier output; pass --force to overwrite it")


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """An OSError while writing the output (read-only folder, full disk) is one line."""
    try:
        yield
    except OSError as error:
        where = ingest.safe_name(error.filename or path)
        _fail(f"{where}: cannot write ({error.strerror or error})")


def _db_argument(argv: list[str]) -> str:
    """The --db a command was given (for messages about a database that fails mid-command)."""
    for i, arg in enumerate(argv):
        if arg == "--db" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--db="):
            return arg[len("--db=") :]
    return DEFAULT_DB


def main() -> None:
    """Entry point: user errors (a store that cannot be opened) are one line, not a traceback."""
    try:
        app()
    except (StoreError, sources_stage.OutletsError, UserFileError) as error:
        err.print(f"error: {escape(str(error))}", highlight=False)
        raise SystemExit(2) from None
    except DatabaseError as error:  # corrupt, read-only or foreign store, found mid-command
        where = ingest.safe_name(_db_argument(sys.argv))
        err.print(
            f"error: {escape(where)}: {escape(describe_database_error(error))}", highlight=False
        )
        raise SystemExit(2) from None


if __name__ == "__main__":  # python -m presslens.cli
    main()
