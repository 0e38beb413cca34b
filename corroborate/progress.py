"""A progress bar per pipeline stage (rich), fed with the job's status as `Client.wait` polls it."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from corroborate.client import Job

# The stages a job passes through, in order, as the status names them (shared.tasks.Stage), with labels.
STAGES = (("extract", "extracting articles"), ("deduplicate", "finding copied text"),
          ("compare", "comparing the outlets"), ("finalize", "writing the result"))
ORDER = {"queued": -1, **{name: index for index, (name, _) in enumerate(STAGES)}, "done": len(STAGES)}


class StageProgress:
    """Context manager: one bar per stage; the extraction bar counts articles, the others fill when done."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(TextColumn("{task.description:<24}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=console, transient=False)
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self) -> StageProgress:
        self.progress.start()
        for name, label in STAGES:
            self.tasks[name] = self.progress.add_task(label, total=1 if name != "extract" else None, start=False)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.progress.stop()

    def update(self, job: Job) -> None:
        """Move the bars to where the job is."""
        at = ORDER.get(job.progress.stage, -1) if job.status != "succeeded" else len(STAGES)
        for index, (name, _) in enumerate(STAGES):
            task = self.tasks[name]
            total = max(job.progress.total, 1) if name == "extract" else 1
            if index < at:
                self.progress.start_task(task)
                self.progress.update(task, total=total, completed=total)
            elif index == at:
                self.progress.start_task(task)
                done = job.progress.done if name == "extract" else 0
                self.progress.update(task, total=total, completed=done)
