"""`corroborate`: compare how outlets report one story from the command line (click + rich).

Settings come from flags or the environment: CORROBORATE_URL (default http://127.0.0.1:8000) and
CORROBORATE_API_KEY.
"""

from __future__ import annotations

import json
import re
import sys
import webbrowser
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import click
from rich.console import Console
from rich.table import Table

from corroborate.client import ApiError, Client, CorroborateError, Job, JsonDict, TransportError
from corroborate.progress import StageProgress
from corroborate.summary import print_summary

DEFAULT_URL = "http://127.0.0.1:8000"
FILE_TYPES = (".txt", ".html", ".htm", ".json")
F = TypeVar("F", bound=Callable[..., Any])


def _consoles() -> tuple[Console, Console]:
    """(stdout, stderr): results on stdout, progress and messages on stderr."""
    return Console(highlight=False, soft_wrap=False), Console(stderr=True, highlight=False, soft_wrap=True)


def reports_errors(command: F) -> F:
    """Turn the client's errors into a readable message and exit status 1."""
    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ApiError as exc:
            _, err = _consoles()
            err.print(f"[bold red]The service refused: {exc.problem.title}[/] ({exc.status})", markup=True)
            if not exc.problem.errors:
                err.print(exc.problem.detail, markup=False)
            for name, messages in sorted(exc.problem.errors.items()):
                err.print(f"  {name}: {'; '.join(messages)}", markup=False)
            sys.exit(1)
        except TransportError as exc:
            _, err = _consoles()
            err.print(f"{exc}\nIs the service running? Start one with `make run` or set CORROBORATE_URL.",
                      markup=False)
            sys.exit(1)
        except CorroborateError as exc:
            _, err = _consoles()
            err.print(str(exc), markup=False)
            sys.exit(1)
    return run  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--url", envvar="CORROBORATE_URL", default=DEFAULT_URL, show_default=True,
              help="The service's base URL (env CORROBORATE_URL).")
@click.option("--api-key", envvar="CORROBORATE_API_KEY", default="",
              help="Your API key (env CORROBORATE_API_KEY; `make run` prints the development key).")
@click.pass_context
def cli(ctx: click.Context, url: str, api_key: str) -> None:
    """Compare how different outlets report one news story."""
    ctx.obj = (url, api_key)


def with_client(command: F) -> F:
    """Pass the command a Client made from --url/--api-key, checked only when a command runs (so --help
    works without a key); the client's errors become messages."""
    command = reports_errors(command)

    @click.pass_context
    @wraps(command)
    def run(ctx: click.Context, *args: Any, **kwargs: Any) -> Any:
        url, api_key = ctx.find_root().obj
        if not api_key:
            raise click.UsageError("no API key: pass --api-key or set CORROBORATE_API_KEY "
                                   "(`make run` prints the development key)")
        try:
            client = Client(url, api_key)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--url") from exc
        return command(client, *args, **kwargs)
    return run  # type: ignore[return-value]


def plan_inputs(inputs: Sequence[str], sources: Sequence[str]) -> tuple[list[Path], list[str], list[JsonDict]]:
    """(files, a source per .txt/.html file, URL articles) for FILE|URL arguments and their --source names."""
    plain = [i for i in inputs if not i.lower().endswith(".json") or i.startswith(("http://", "https://"))]
    if sources and len(sources) != len(plain):
        raise click.UsageError(f"give one --source per FILE or URL other than .json files ({len(plain)}), "
                               f"or none (got {len(sources)})")
    named = dict(zip(plain, sources, strict=False))
    files: list[Path] = []
    file_sources: list[str] = []
    urls: list[JsonDict] = []
    for item in inputs:
        if item.startswith(("http://", "https://")):
            urls.append({"url": item, "source": named.get(item) or urlsplit(item).hostname or item})
            continue
        path = Path(item)
        if not path.is_file():
            raise click.BadParameter(f"{item!r} is neither a file nor an http(s) URL", param_hint="FILE|URL")
        if path.suffix.lower() not in FILE_TYPES:
            raise click.BadParameter(f"{item!r}: use .txt, .html, .htm or .json files", param_hint="FILE|URL")
        files.append(path)
        if path.suffix.lower() != ".json":
            file_sources.append(named.get(item) or path.stem)
    return files, file_sources, urls


def name_inputs(errors: dict[str, list[str]], names: Sequence[str]) -> dict[str, list[str]]:
    """The service's field errors with the file each article came from: "articles.0.text (empty.txt)"."""
    def named(field: str) -> str:
        match = re.match(r"articles\.(\d+)\b", field)
        if match is None or int(match.group(1)) >= len(names):
            return field
        return f"{field} ({names[int(match.group(1))]})"
    return {named(field): messages for field, messages in errors.items()}


@cli.command()
@click.argument("inputs", metavar="FILE|URL...", nargs=-1, required=True)
@click.option("--source", "sources", multiple=True, metavar="NAME",
              help="The outlet of each FILE or URL, in order (default: the file name or the URL's host).")
@click.option("--wait/--no-wait", default=True, show_default=True, help="Follow the job until it is finished.")
@click.option("--open", "open_report", is_flag=True, help="Open the report in a browser when it is ready.")
@click.option("--save", type=click.Path(dir_okay=False, path_type=Path), help="Save the HTML report here.")
@click.option("--json", "as_json", is_flag=True, help="Print the result (or, with --no-wait, the job) as JSON.")
@click.option("--language", default=None, help="The articles' language: 'auto' (default) or an ISO 639-1 code.")
@click.option("--idempotency-key", default=None, help="Retrying with the same key returns the first job.")
@with_client
def compare(client: Client, inputs: tuple[str, ...], sources: tuple[str, ...], wait: bool, open_report: bool,
            save: Path | None, as_json: bool, language: str | None, idempotency_key: str | None) -> None:
    """Submit articles (files or URLs) about one story and summarise how the outlets compare."""
    out, err = _consoles()
    files, file_sources, urls = plan_inputs(inputs, sources)
    options = {"language": language} if language else None
    try:
        job = client.submit(urls or None, files=files or None, sources=file_sources if files else None,
                            options=options, idempotency_key=idempotency_key)
    except ApiError as exc:
        if files and not urls and all(f.suffix.lower() != ".json" for f in files):  # article n is file n
            raise ApiError(replace(exc.problem, errors=name_inputs(exc.problem.errors, [str(f) for f in files])),
                           exc.retry_after) from exc
        raise
    count = len(job.articles)
    err.print(f"Submitted {count} article{'' if count == 1 else 's'} as job {job.id}", markup=False)
    if not wait:
        out.print_json(json.dumps(job.data)) if as_json else out.print(job.id, markup=False)
        return
    with StageProgress(err) as bars:
        job = client.wait(job, progress=bars.update)
    _finish(client, job, out, err, as_json=as_json, open_report=open_report, save=save)


def _finish(client: Client, job: Job, out: Console, err: Console, *, as_json: bool, open_report: bool,
            save: Path | None) -> None:
    """What `compare` shows once the job is finished."""
    if job.status != "succeeded":
        err.print(f"[bold red]The job {job.status}[/]: {json.dumps(job.error) if job.error else ''}")
        sys.exit(1)
    result = client.result(job)
    if as_json:
        out.print_json(json.dumps(result))
    else:
        out.print()
        print_summary(result, out)
    _deliver_report(client, job, out, err, open_report=open_report, save=save, quiet=as_json)


def _deliver_report(client: Client, job: Job, out: Console, err: Console, *, open_report: bool,
                    save: Path | None, quiet: bool = False) -> None:
    """Save the report, open it, or print its link."""
    console = err if quiet else out
    if save is not None:
        save.write_text(client.report(job), encoding="utf-8")
        console.print(f"\nReport saved to {save}", markup=False)
    link = job.report_url or (client.status(job).report_url if open_report or not save else None)
    if link:
        console.print(f"\nReport (opens in a browser, link valid until {job.data.get('report_url_expires_at')}):",
                      markup=False)
        console.print(link, markup=False, soft_wrap=True)
    if open_report:
        target = link
        if target is None:  # no signed links on this service: open a saved copy instead
            path = save or Path(f"report-{job.id}.html").resolve()
            if save is None:
                path.write_text(client.report(job), encoding="utf-8")
            target = path.resolve().as_uri()
        if not webbrowser.open(target):
            err.print(f"No browser to open; open this yourself: {target}", markup=False)


@cli.command()
@click.argument("job_id", metavar="JOB")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@with_client
def status(client: Client, job_id: str, as_json: bool) -> None:
    """A job's status and progress."""
    out, _ = _consoles()
    job = client.status(job_id)
    if as_json:
        out.print_json(json.dumps(job.data))
        return
    out.print(f"{job.id}  {job.status}  stage {job.progress.stage}  articles {job.progress.done}/"
              f"{job.progress.total}", markup=False, soft_wrap=True)  # one line: a job id copies whole
    for article in job.failed_articles:
        out.print(f"  failed {article.id} ({article.source}): {(article.error or {}).get('message')}", markup=False)
    if job.report_url:
        out.print(f"report: {job.report_url}", markup=False, soft_wrap=True)


@cli.command()
@click.argument("job_id", metavar="JOB")
@click.option("--summary", "as_summary", is_flag=True, help="A readable summary instead of the JSON.")
@with_client
def result(client: Client, job_id: str, as_summary: bool) -> None:
    """A succeeded job's result (JSON)."""
    out, _ = _consoles()
    data = client.result(job_id)
    if as_summary:
        print_summary(data, out)
    else:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@cli.command()
@click.argument("job_id", metavar="JOB")
@click.option("--save", type=click.Path(dir_okay=False, path_type=Path), help="Save the HTML here.")
@click.option("--open", "open_report", is_flag=True, help="Open it in a browser.")
@click.option("--link", is_flag=True, help="Print only the signed link.")
@with_client
def report(client: Client, job_id: str, save: Path | None, open_report: bool, link: bool) -> None:
    """A succeeded job's HTML report: its signed link, a saved copy, or opened in a browser."""
    out, err = _consoles()
    if link:
        click.echo(client.report_link(job_id))
        return
    job = client.status(job_id)
    if job.status != "succeeded":
        raise CorroborateError(f"job {job.id} is {job.status}: the report exists once it has succeeded")
    _deliver_report(client, job, out, err, open_report=open_report, save=save)


@cli.command(name="list")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 100))
@click.option("--json", "as_json", is_flag=True, help="Print the page as JSON.")
@with_client
def list_jobs(client: Client, limit: int, as_json: bool) -> None:
    """Your jobs, newest first."""
    out, _ = _consoles()
    page = client.list(limit=limit)
    if as_json:
        out.print_json(json.dumps({"jobs": [j.data for j in page.jobs], "next_cursor": page.next_cursor}))
        return
    table = Table(box=None, header_style="bold")
    # a job id is never folded or cut (it is copied whole); the other columns fold around it
    table.add_column("job", no_wrap=True, min_width=max((len(j.id) for j in page.jobs), default=3))
    for name in ("status", "articles", "created"):
        table.add_column(name, overflow="fold")
    for job in page.jobs:
        table.add_row(job.id, job.status, str(job.progress.total), str(job.created_at or ""))
    out.print(table)


@cli.command()
@click.argument("job_ids", metavar="JOB...", nargs=-1, required=True)
@with_client
def delete(client: Client, job_ids: tuple[str, ...]) -> None:
    """Cancel and delete jobs (their report links stop working)."""
    out, _ = _consoles()
    for job_id in job_ids:
        client.delete(job_id)
        out.print(f"deleted {job_id}", markup=False)


def main() -> None:
    """The console script."""
    cli()


if __name__ == "__main__":
    main()
