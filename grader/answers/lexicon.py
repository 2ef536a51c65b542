"""The shared synonym lexicon (`content/drills/scoring/synonyms.yaml`): one idea, the words people use for it."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from curriculum.drills import bank_dir
from curriculum.yaml_models import file_error, read_mapping


@cache
def groups() -> tuple[tuple[str, ...], ...]:
    path = bank_dir() / "scoring" / "synonyms.yaml"
    found = read_mapping(path).get("groups")  # a list of lists of any scalars (numbers too): no model to coerce
    if not isinstance(found, list) or not all(isinstance(g, list) and g for g in found):
        raise file_error(str(path), "groups", "expected a list of lists of terms")
    return tuple(tuple(str(t).strip().lower() for t in group) for group in found)


@cache
def _members() -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for n, group in enumerate(groups()):
        for term in group:
            index.setdefault(term, []).append(n)
    return {term: tuple(ns) for term, ns in index.items()}


def _groups_of(term: str) -> tuple[int, ...]:
    term = term.strip().lower()
    exact = _members().get(term)
    if exact:
        return exact
    if " " in term or len(term) < 5:
        return ()
    # One word and its inflections: "labelled" finds the group of "label", "annotat" the group of "annotated".
    # Phrases match exactly only, so "disagree and commit" does not pull in the synonyms of "disagree".
    return tuple(
        n
        for member, ns in _members().items()
        if " " not in member and len(member) >= 5 and (term.startswith(member) or member.startswith(term))
        for n in ns
    )


def expand(terms: Iterable[str]) -> list[str]:
    """The synonyms of `terms` (not the terms themselves), in lexicon order."""
    terms = list(terms)
    out: dict[str, None] = {}
    for term in terms:
        for n in _groups_of(term):
            out.update(dict.fromkeys(groups()[n]))
    for term in terms:
        out.pop(term.strip().lower(), None)
    return list(out)
