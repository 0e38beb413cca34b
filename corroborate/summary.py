"""A readable terminal summary of a job result: the story, its outlets, what was not analysed, and how the
outlets agree, conflict, dispute and update one another."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from shared import reading

JsonDict = dict[str, Any]
SHOWN = 6  # lines per section; the report has the rest
LABEL_WIDTH = 140  # a fact's label (often its whole sentence) is cut here, so what follows it on the line stays whole
LINE_WIDTH = 400  # a guard: each part of a line is cut on its own first


def short(text: Any, width: int = 90) -> str:
    """One line, cut with an ellipsis."""
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_summary(result: JsonDict, console: Console) -> None:
    """Title, outlets, warnings, conflicts, disputes, updates, corroborated and exclusive facts, independence."""
    rows = reading.outlets(result)
    title = reading.story_title(result) or "Untitled story"
    console.print(Text(title, style="bold"))
    independence = reading.independence(result)
    console.print(Text(f"{len(rows)} articles from {len({r['source'] for r in rows})} outlets. "
                       f"{independence['sentence']}", style="dim"))
    _outlets(rows, console)
    for line in reading.not_analysed(rows):
        console.print(Text("! " + line, style="bold yellow"))
    comparison = result.get("comparison") or {}
    raw_summary = comparison.get("summary")
    summary: JsonDict = raw_summary if isinstance(raw_summary, dict) else {}
    if summary.get("headline"):
        console.print()
        console.print(Text(str(summary["headline"]), style="bold"))
    grouped = reading.facts_by_status(result)
    # each fact in the words of the job's summary (comparison.summary.fact_lines), so the terminal, the report
    # and the API say one thing; a result made before them gets reading.plain_said

    def said(status: str) -> list[str]:
        return [reading.line(result, f, _label(f)) for f in grouped.get(status, [])]

    _section(console, "CONFLICTS", said("conflicting"))
    _section(console, "DISPUTED (who says what)", said("disputed"))
    _section(console, "CHANGED OVER TIME", said("updated"))
    _section(console, "CORROBORATED", said("corroborated"))
    _section(console, "ONLY ONE OUTLET REPORTS", [_exclusive(f) for f in reading.exclusives_worth_reading(result)])
    _section(console, "QUOTES WORDED DIFFERENTLY", summary.get("quote_drift") or [])
    if not grouped and summary.get("conflicts"):
        _section(console, "CONFLICTS", summary["conflicts"])
    counts = reading.status_counts(result)
    if counts:
        console.print()
        console.print("Facts: " + ", ".join(f"{n} {status}" for status, n in counts.most_common()))


def _label(fact: JsonDict) -> str:
    return short(fact.get("label"), LABEL_WIDTH)


def _exclusive(fact: JsonDict) -> str:
    claims = fact.get("claims") or [{}]
    value = reading.claim_value(claims[0]) if fact.get("kind") == "numeric" else ""
    return f"{', '.join(fact.get('sources') or [])}: {value + ' — ' if value else ''}{_label(fact)}"


def _outlets(rows: list[JsonDict], console: Console) -> None:
    dated = any(row.get("published_at") for row in rows)
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column("outlet")
    if dated:
        table.add_column("published")
    table.add_column("words", justify="right")
    table.add_column("headline", overflow="fold")
    for row in rows:
        headline = Text(short(row["title"], 140)) if row.get("title") else Text("(no headline found)", style="dim")
        if not row["analysed"]:
            headline = Text(f"not analysed: {row['reason']} ", style="yellow") + headline
        cells: list[Text] = [Text(short(row["source"], 24)),
                             *([Text(reading.when(row.get("published_at")))] if dated else []),
                             Text(str(row.get("words") or "")), headline]
        table.add_row(*cells)
    console.print()
    console.print(table)


def _section(console: Console, title: str, lines: list[Any]) -> None:
    if not lines:
        return
    console.print()
    console.print(Text(f"{title} ({len(lines)})", style="bold"))
    bullets = Table.grid(padding=(0, 1))  # wrapped lines stay indented under their bullet
    bullets.add_column(width=3, justify="right")
    bullets.add_column()
    for line in lines[:SHOWN]:
        bullets.add_row("•", Text(short(line, LINE_WIDTH)))
    console.print(bullets)
    if len(lines) > SHOWN:
        console.print(Text(f"  … and {len(lines) - SHOWN} more in the report", style="dim"))
