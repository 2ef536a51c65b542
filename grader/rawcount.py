"""radon's raw line counts (loc, lloc, sloc, comments, multi, blank, single_comments), in linear time.

radon's own raw analysis re-tokenizes a growing buffer inside multi-line statements, which is quadratic on
large literals. Here one regex scan (or, as the reference, one tokenize pass) gives the same numbers.
"""

from __future__ import annotations

import io
import tokenize

from grader import textmatch


class _Statement:
    """Running facts about one logical line, updated per token so long literals stay linear."""

    __slots__ = ("code", "colon_last", "comments", "first", "last", "lloc", "part", "part_colon", "string")

    def __init__(self) -> None:
        self.code = self.comments = self.lloc = self.part = 0
        self.first = self.last = 0
        self.part_colon = self.colon_last = False
        self.string: tokenize.TokenInfo | None = None  # the first code token when it is a string

    def add(self, token: tokenize.TokenInfo) -> None:
        if not self.first:
            self.first = token.start[0]
        self.last = token.end[0]
        if token.type == tokenize.COMMENT:
            self.comments += 1
            return
        if token.type == tokenize.OP and token.string == ";":
            self.close_part()
            return
        if self.code == 0 and token.type == tokenize.STRING:
            self.string = token
        self.code += 1
        self.part += 1
        is_colon = token.type == tokenize.OP and token.string == ":"
        self.part_colon = self.part_colon or is_colon
        self.colon_last = is_colon

    def close_part(self) -> None:
        # radon's rule: a part whose last ':' is followed by more code (`if x: y`) is two logical lines.
        if self.part:
            self.lloc += 2 if self.part_colon and not self.colon_last else 1
        self.part = 0
        self.part_colon = self.colon_last = False


# Line separators that str.splitlines() honours but the scanners' row counting does not.
_ODD_BREAKS = textmatch.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def raw_counts(text: str) -> dict[str, int]:
    """radon's raw counts (loc, lloc, sloc, comments, multi, blank, single_comments), linear in the text."""
    if not _ODD_BREAKS.search(text):
        try:
            return _raw_counts_scan(text)
        except ValueError:  # an unterminated string: let tokenize have the final word
            pass
    return _raw_counts_tokenize(text)


# RE2 over the text's UTF-8 bytes, stepped with `pos`: linear whatever a file holds.
_EVENT = textmatch.compile_bytes(
    r"""[rRbBuUfF]{0,2}(?:'''|\"\"\"|'|")|\#[^\r\n]*|\r?\n|\r|\\\r?\n|[(\[{]|[)\]}]|;|:=|:"""
)
# Which event a match is, from its first byte (s string, c comment, n newline, k continuation, o/x open and
# close bracket, e ';', l ':'; ':=' is told apart by its length).
_KIND = dict.fromkeys(b"rRbBuUfF'\"", "s") | {ord("#"): "c", ord("\n"): "n", ord("\r"): "n", ord("\\"): "k"}
_KIND |= dict.fromkeys(b"([{", "o") | dict.fromkeys(b")]}", "x") | {ord(";"): "e", ord(":"): "l"}
# A string ends at the first closing quote (or three) not escaped: the shortest such run, no look-ahead.
_END = {
    b"'''": textmatch.compile_bytes(r"(?:[^\\]|\\.)*?'''", textmatch.DOTALL),
    b'"""': textmatch.compile_bytes(r'(?:[^\\]|\\.)*?"""', textmatch.DOTALL),
    b"'": textmatch.compile_bytes(r"(?:[^'\\\n]|\\.)*'", textmatch.DOTALL),
    b'"': textmatch.compile_bytes(r'(?:[^"\\\n]|\\.)*"', textmatch.DOTALL),
}
# Anything but whitespace as Python's str.isspace() knows it (RE2's \S would count a no-break space as code).
_CODE = textmatch.compile_bytes(
    r"[^\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]"
)


_ASCII_SPACE = b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"


def _closing(data: bytes, quote: bytes, start: int) -> int:
    """Where the string opened by `quote` before `start` ends. Most strings hold no backslash, and then the
    next quote closes them (found by bytes.find); the rest go to the pattern that honours escapes."""
    at = data.find(quote, start)
    if at != -1 and data.find(b"\\", start, at) == -1 and (len(quote) == 3 or data.find(b"\n", start, at) == -1):
        return at + len(quote)
    close = _END[quote].match(data, start)
    if close is None:
        raise ValueError("unterminated string")
    return close[1]


def _raw_counts_scan(text: str) -> dict[str, int]:
    """The same counts as `_raw_counts_tokenize`, from a regex scan that stops only at strings, comments,
    newlines, brackets, ';' and ':' (about twice as fast as tokenize, and equal to radon on langgraph)."""
    lines = text.splitlines()
    nlines = len(lines)
    string: tuple[int, int] | None
    loc = nlines
    lloc = sloc = comments = multi = blank = single = 0
    marked = bytearray(nlines + 2)
    # statement state
    code = s_comments = s_lloc = part = 0
    part_colon = colon_last = False
    first = last = 0
    string = None
    m: tuple[int, int] | None

    data = text.encode("utf-8")
    row, depth, pos, n = 1, 0, 0, len(data)
    search, code_search, kinds = _EVENT.search, _CODE.search, _KIND
    while True:
        m = search(data, pos)
        end = m[0] if m else n
        kind = kinds[data[end]] if m else "n"
        if kind == "l" and m is not None and m[1] - end == 2:
            kind = "w"
        # Names, numbers, operators between events are code. Plain ASCII (nearly always) is settled by
        # bytes.strip; only a run with other bytes asks the pattern, which knows Unicode spaces.
        between = data[pos:end].strip(_ASCII_SPACE) if end > pos else b""
        if between and (between.isascii() or code_search(data, pos, end)):
            if not first:
                first = row
            last = row
            code += 2
            part += 1
            colon_last = False
        if kind == "s":
            assert m is not None
            quote = data[end : m[1]].lstrip(b"rRbBuUfF")
            closing = _closing(data, quote, m[1])
            end_row = row + data.count(b"\n", end, closing)
            if not first:
                first = row
            last = end_row
            if code == 0:
                string = (row, end_row)
            code += 1
            part += 1
            colon_last = False
            row = end_row
            pos = closing
            continue
        if kind == "n" and (depth == 0 or m is None):
            if code or s_comments:
                # finish the statement
                if part:
                    s_lloc += 2 if part_colon and not colon_last else 1
                comments += s_comments
                lloc += s_lloc
                # radon: a string alone (no comment either) is a docstring-like line, not code
                lone: tuple[int, int] | None = string if code == 1 and not s_comments else None
                if code == 0 or (lone and lone[0] == lone[1]):
                    single += 1
                    marked[first] = 1
                else:
                    key_multi = lone is not None
                    for r in range(first, min(last, nlines) + 1):
                        if not marked[r]:
                            marked[r] = 1
                            if not lines[r - 1].strip():
                                blank += 1
                            elif key_multi:
                                multi += 1
                            else:
                                sloc += 1
                code = s_comments = s_lloc = part = 0
                part_colon = colon_last = False
                first = last = 0
                string = None
            if m is None:
                break
            row += 1
        elif kind == "n" or kind == "k":
            row += 1
        elif kind == "c":
            if not first:
                first = row
            last = row
            s_comments += 1
        elif kind == "e":
            if not first:
                first = row
            last = row
            if part:
                s_lloc += 2 if part_colon and not colon_last else 1
            part = 0
            part_colon = colon_last = False
        else:  # brackets, ':' and ':='
            if not first:
                first = row
            last = row
            code += 2
            part += 1
            if kind == "o":
                depth += 1
            elif kind == "x":
                depth = max(0, depth - 1)
            colon_last = kind == "l"
            part_colon = part_colon or colon_last
        assert m is not None
        pos = m[1]
    for r in range(1, nlines + 1):
        if not marked[r]:
            if lines[r - 1].strip():
                sloc += 1
            else:
                blank += 1
    return dict(loc=loc, lloc=lloc, sloc=sloc, comments=comments, multi=multi, blank=blank, single_comments=single)


def _raw_counts_tokenize(text: str) -> dict[str, int]:
    """radon's raw counts in one tokenize pass (the reference the scanner is checked against)."""
    lines = text.splitlines()
    counts = dict(loc=len(lines), lloc=0, sloc=0, comments=0, multi=0, blank=0, single_comments=0)
    marked = bytearray(len(lines) + 2)
    structural = {tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}

    def rows(first: int, last: int, key: str) -> None:
        for row in range(first, min(last, len(lines)) + 1):
            if not marked[row]:
                marked[row] = 1
                counts[key if lines[row - 1].strip() else "blank"] += 1

    def finish(st: _Statement) -> None:
        if not st.first:
            return
        st.close_part()
        counts["comments"] += st.comments
        counts["lloc"] += st.lloc
        lone_string = st.string if st.code == 1 and not st.comments else None
        if st.code == 0 or (lone_string and lone_string.start[0] == lone_string.end[0]):
            counts["single_comments"] += 1
            marked[st.first] = 1
        elif lone_string:
            rows(st.first, st.last, "multi")
        else:
            rows(st.first, st.last, "sloc")

    statement = _Statement()
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        kind = token.type
        if kind not in structural:
            statement.add(token)
        # NEWLINE ends a statement; NL ends only a blank or comment-only line (not one inside brackets).
        if kind == tokenize.NEWLINE or kind == tokenize.ENDMARKER or (kind == tokenize.NL and statement.code == 0):
            finish(statement)
            statement = _Statement()
    for row in range(1, len(lines) + 1):
        if not marked[row]:
            counts["blank" if not lines[row - 1].strip() else "sloc"] += 1
    return counts
