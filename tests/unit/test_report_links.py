"""Signed report links: valid only for their job, their client and until they expire."""

from __future__ import annotations

from services.gateway import links

SECRET = "s" * 40
NOW = 1_800_000_000


def _link(job: str = "job_1", client: str = "client-a", lifetime: int = 600) -> tuple[str, str]:
    expires = links.expiry(lifetime, now=NOW)
    return str(expires), links.sign(SECRET, job, client, expires)


def test_a_fresh_link_is_valid() -> None:
    expires, signature = _link()
    assert links.check(SECRET, "job_1", "client-a", expires, signature, now=NOW) is None


def test_the_link_is_scoped_to_its_job_and_client() -> None:
    expires, signature = _link()
    assert links.check(SECRET, "job_2", "client-a", expires, signature, now=NOW) == "bad-signature"
    assert links.check(SECRET, "job_1", "client-b", expires, signature, now=NOW) == "bad-signature"


def test_a_tampered_expiry_or_signature_or_secret_is_refused() -> None:
    expires, signature = _link()
    assert links.check(SECRET, "job_1", "client-a", str(int(expires) + 3600), signature, now=NOW) == "bad-signature"
    flipped = ("0" if signature[0] != "0" else "1") + signature[1:]
    assert links.check(SECRET, "job_1", "client-a", expires, flipped, now=NOW) == "bad-signature"
    assert links.check("t" * 40, "job_1", "client-a", expires, signature, now=NOW) == "bad-signature"


def test_an_expired_link_is_refused() -> None:
    expires, signature = _link(lifetime=600)
    assert links.check(SECRET, "job_1", "client-a", expires, signature, now=int(expires)) == "expired"
    assert links.check(SECRET, "job_1", "client-a", expires, signature, now=int(expires) - 1) is None


def test_malformed_parameters_are_refused() -> None:
    _, signature = _link()
    assert links.check(SECRET, "job_1", "client-a", "soon", signature, now=NOW) == "malformed"
    assert links.check(SECRET, "job_1", "client-a", "-5", signature, now=NOW) == "malformed"
    assert links.check(SECRET, "job_1", "client-a", "1", "abc", now=NOW) == "malformed"


def test_expiry_is_at_least_the_lifetime_and_stable_within_a_step() -> None:
    first = links.expiry(600, now=NOW)
    assert first >= NOW + 600 and first % links.EXPIRY_STEP_SECONDS == 0
    assert links.expiry(600, now=NOW + 1) in (first, first + links.EXPIRY_STEP_SECONDS)
    assert len({links.expiry(600, now=t) for t in range(NOW, NOW + links.EXPIRY_STEP_SECONDS)}) <= 2
