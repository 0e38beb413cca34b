"""When two claimants are one party (comparison.claimants)."""

from __future__ import annotations

from workers.analysis.comparison.claimants import Claimant


def _named(name: str, entity: str | None = None) -> Claimant:
    return Claimant(name=name, kind="named", entity=entity)


def test_one_person_named_by_surname_and_in_full_is_one_party() -> None:
    assert _named("Varga").same_party(_named("Defence minister Ilse Varga"))


def test_two_people_sharing_a_first_name_or_two_ministries_are_two_parties() -> None:
    assert not _named("Ilse Varga").same_party(_named("Ilse Brandt"))
    assert not _named("Norland's Defence Ministry").same_party(_named("Estmark's Defence Ministry"))


def test_two_linked_people_are_two_parties_whatever_their_surnames() -> None:
    assert not _named("Ilse Varga", "person:ilse-varga").same_party(_named("Anna Varga", "person:anna-varga"))
    # a surname alone that the recogniser took for an organisation is still the person's
    assert _named("Ilse Varga", "person:ilse-varga").same_party(_named("Varga", "org:varga"))
