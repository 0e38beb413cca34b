"""Developer tooling: the embedded stack (`make run`), the demo (`make demo`), Docker helpers."""
