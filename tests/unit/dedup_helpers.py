"""Shared helpers for the dedup unit tests: building extractions and a private redis-server."""

from __future__ import annotations

import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import redis

from workers.analysis.dedup.text import split_sentences

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))


def extraction(article_id: str, text: str, source: str = "example.com",
               published_at: str | None = None) -> dict[str, Any]:
    """A minimal Stage 1 extraction: clean text and sentence offsets from the fallback splitter."""
    return {"article_id": article_id, "source": source, "text": text, "published_at": published_at,
            "sentences": split_sentences(text), "quotes": [], "stats": {"chars": len(text)}}


def seed_extractions() -> list[dict[str, Any]]:
    """The five sample articles as extractions, ids 000..004."""
    return [extraction(p.name[:3], p.read_text(encoding="utf-8"), source=p.name) for p in SEEDS]


def perturb(text: str, rate: float, rng: random.Random) -> str:
    """Change about `rate` of the words (drop, replace or insert one), keeping line breaks."""
    lines = []
    for line in text.split("\n"):
        words = line.split(" ")
        vocab = [w for w in words if w.isalpha()] or ["the"]
        out = []
        for w in words:
            r = rng.random()
            if r < rate / 3:
                continue
            if r < 2 * rate / 3:
                out.append(rng.choice(vocab))
            elif r < rate:
                out.extend([w, rng.choice(vocab)])
            else:
                out.append(w)
        lines.append(" ".join(out))
    return "\n".join(lines)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def redis_server_binary() -> str:
    """The redis-server next to the interpreter (the venv's), else one on PATH."""
    local = Path(sys.executable).parent / "redis-server"
    found = str(local) if local.exists() else shutil.which("redis-server")
    if not found:
        raise RuntimeError("no redis-server binary")
    return found


@contextmanager
def private_redis() -> Iterator[redis.Redis]:
    """A throw-away redis-server on a free loopback port, stopped afterwards."""
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.Popen([redis_server_binary(), "--port", str(port), "--bind", "127.0.0.1",
                                 "--save", "", "--appendonly", "no", "--dir", tmp],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(host="127.0.0.1", port=port, decode_responses=True)
        try:
            for _ in range(100):
                try:
                    client.ping()
                    break
                except redis.ConnectionError:
                    time.sleep(0.05)
            yield client
        finally:
            client.close()
            proc.terminate()
            proc.wait(timeout=10)
