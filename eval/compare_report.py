"""The seeds' HTML report loaded in headless Chromium: key elements checked on the DOM, screenshot saved.

Run: python -m eval.compare_report   (needs Debian's chromium: apt-get install -y chromium; installs nothing)
Writes eval/out/report.html, eval/out/report.dom.html and screenshots at phone and desktop widths:
eval/out/report-390.png and eval/out/report-1280.png.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from eval.compare_seeds import OUT, seed_result
from services.gateway.report import render_report

WIDTHS = (390, 1280)  # a phone and a desktop
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]


class DomIndex(HTMLParser):
    """Element counts by (tag, class), the ids in document order, and the text of changed quote words."""

    def __init__(self) -> None:
        super().__init__()
        self.classes: dict[str, int] = {}
        self.ids: list[str] = []
        self.external: list[str] = []
        self.changed_words: list[str] = []
        self._in_changed = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in (values.get("class") or "").split():
            self.classes[f"{tag}.{name}"] = self.classes.get(f"{tag}.{name}", 0) + 1
        if values.get("id"):
            self.ids.append(str(values["id"]))
        # resources the page would load (links to the outlets' articles are not loaded)
        link = values.get("src") or (values.get("href") if tag == "link" else "") or ""
        if link.startswith(("http:", "https:", "//")):
            self.external.append(link)
        if tag == "span" and "seg-changed" in (values.get("class") or ""):
            self._in_changed += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._in_changed:
            self._in_changed -= 1

    def handle_data(self, data: str) -> None:
        if self._in_changed:
            self.changed_words.append(data.strip())


def chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with the offline flags and a throwaway profile."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        raise FileNotFoundError("chromium")
    return subprocess.run([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=180, check=False)


def main() -> None:
    """Render the seeds report, load it in Chromium, check the DOM and save a screenshot."""
    if shutil.which("chromium") is None and shutil.which("chromium-browser") is None:
        print("compare_report: chromium is not installed (apt-get install -y chromium); nothing checked")
        sys.exit(1)
    result = seed_result()
    OUT.mkdir(parents=True, exist_ok=True)
    page = OUT / "report.html"
    page.write_text(render_report(result), encoding="utf-8")
    facts = result["comparison"]["facts"]
    with tempfile.TemporaryDirectory() as profile:
        dom = chromium(["--dump-dom", page.as_uri()], Path(profile)).stdout
        (OUT / "report.dom.html").write_text(dom, encoding="utf-8")
        for width in WIDTHS:
            chromium([f"--window-size={width},3000", f"--screenshot={OUT / f'report-{width}.png'}", page.as_uri()],
                     Path(profile))
    index = DomIndex()
    index.feed(dom)
    order = [i for i in index.ids
             if i in ("outlets", "summary", "conflicts", "disputes", "corroborated", "quotes", "matrix")]
    conflicting = sum(1 for f in facts if f["status"] == "conflicting")
    disputed = sum(1 for f in facts if f["status"] == "disputed")
    # the seeds' comparison may hold no conflict (then the disagreement that comes first is a dispute); the
    # report's unit tests render conflict cards from a fixture that has them
    first_disagreement = "conflicts" if conflicting else "disputes" if disputed else None
    checks = {
        "title is a headline, not the job id": "job" not in dom.split("<h1>")[1].split("</h1>")[0],
        "one outlet card per article": index.classes.get("li.outlet", 0) == len(result["articles"]),
        "conflict cards = conflicting facts": index.classes.get("div.conflict-card", 0) == conflicting,
        "dispute cards = disputed facts": index.classes.get("div.dispute-card", 0) == disputed,
        "outlets, summary, then conflicts (or disputes) come first": order[:2] == ["outlets", "summary"]
        and (first_disagreement is None or order[2] == first_disagreement),
        "matrix rows = facts not single": index.classes.get("tr.matrix-row", 0)
        == sum(1 for f in facts if f["status"] != "single"),
        "evidence marks present": "<mark>" in dom,
        "offsets only inside evidence details": index.classes.get("details.evidence", 0) > 0
        and "[687" not in dom,
        "quote change 'non-state' highlighted": any("non-state" in w for w in index.changed_words),
        "one profile row per source": index.classes.get("tr.profile", 0) == len(result["comparison"]["sources"]),
        "no external resources": not index.external,
        **{f"screenshot at {w} px written": (OUT / f"report-{w}.png").exists()
           and (OUT / f"report-{w}.png").stat().st_size > 10_000 for w in WIDTHS},
    }
    print("Seeds report in headless Chromium (eval/out/report-390.png, eval/out/report-1280.png)")
    for name, ok in checks.items():
        print(f"  {'PASS' if ok else 'FAIL'}  {name}")
    print(f"  DOM: {len(dom)} chars, {index.classes.get('tr.matrix-row', 0)} fact rows, "
          f"{index.classes.get('div.quote', 0)} shared quotes")
    if not all(checks.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
