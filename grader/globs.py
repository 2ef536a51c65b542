"""Path globs, compiled once into one RE2 set: a path is matched against every glob in one linear pass.

The grammar is fnmatch's: `*` any run of characters (it crosses '/'), `?` one character, `[abc]`, `[!abc]`,
`[a-z]`. A glob with '/' matches the whole path; one without may start after any '/' (so it matches the file
name, and, since '*' crosses '/', sometimes more: the same as the grader's matching before RE2). A glob RE2
cannot read (a reversed range such as `[z-a]`) matches nothing, as fnmatch's would.
"""

from __future__ import annotations

from functools import lru_cache

from grader import textmatch

_NOTHING = r"[^\x00-\x{10FFFF}]"


def _class(body: str) -> str:
    negate = body.startswith("!")
    if negate:
        body = body[1:]
    escaped = "".join("\\" + ch if ch in "\\^[]" else ch for ch in body)
    return "[" + ("^" if negate else "") + escaped + "]"


def glob_regex(glob: str) -> str:
    """The RE2 source for a glob: for one without '/', any folders and then the glob, where (as the tables
    were written against) '*' may still cross '/': `*eval*.json` also matches `evals/data/q.json`."""
    name_only = "/" not in glob
    star, one = ".*", "."
    out: list[str] = []
    i, n = 0, len(glob)
    while i < n:
        ch = glob[i]
        i += 1
        if ch == "*":
            if not out or out[-1] != star:
                out.append(star)
        elif ch == "?":
            out.append(one)
        elif ch == "[":
            j = i + (1 if i < n and glob[i] == "!" else 0)
            j += 1 if j < n and glob[j] == "]" else 0
            while j < n and glob[j] != "]":
                j += 1
            if j >= n:
                out.append(r"\[")
            else:
                out.append(_class(glob[i:j]))
                i = j + 1
        else:
            out.append(textmatch.escape(ch))
    body = "".join(out)
    if textmatch.check(f"(?s:{body})") is not None:
        return _NOTHING
    return f"(?s:(?:.*/)?{body})" if name_only else f"(?s:{body})"


class GlobSet:
    """Globs compiled together; `first(path)` is the index of the first glob that matches, or None."""

    def __init__(self, globs: tuple[str, ...]) -> None:
        self.globs = globs
        self._set = textmatch.PatternSet([glob_regex(g) for g in globs], anchored=True)

    def first(self, path: str) -> int | None:
        return self._set.first(path)

    def matches(self, path: str) -> bool:
        return self._set.first(path) is not None


@lru_cache(maxsize=512)
def glob_set(globs: tuple[str, ...]) -> GlobSet:
    return GlobSet(globs)


def matches(path: str, glob: str) -> bool:
    """Glob match: a glob without '/' matches the file name, otherwise the whole path ('*' crosses '/')."""
    return glob_set((glob,)).matches(path)


def matches_any(path: str, globs: list[str] | tuple[str, ...]) -> bool:
    return glob_set(tuple(globs)).matches(path)
