"""Is the answer about the question asked? BM25 (bm25s) of the answer against every question of the bank.

Each question is a document: its prompt, what it tests, its outline, its key points with their match terms,
and its pitfalls. The answer is the query. Two numbers come out: how strongly the answer matches its own
question (`depth`, on a 0..1 scale), and which other question it matches better, if any (`rival`).

Stories are a case apart: "tell me about a time you disagreed" can be answered with a story about any
technical subject, so a story answer is compared only with the other story questions, never with the
technical question whose vocabulary it happens to use.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from curriculum.drills import Question
from grader.answers.text import stems

# The own-question BM25 score at which depth reaches 0.63 (1 - 1/e): a strong 90-second answer scores two to
# three times this on its own question, a vague one a third of it.
DEPTH_SCALE = 40.0
# Another question "matches better" when its score beats the asked question's by this factor. Answers to
# neighbouring questions of one theme share words, so a small lead means nothing.
RIVAL_FACTOR = 1.6
# ...and only when the answer has real substance for it: a two-line answer matches everything a little.
RIVAL_MIN = 10.0
# Two bank questions this similar (their own documents, 0..1) ask the same thing: answering one answers both.
SAME_QUESTION = 0.5


@dataclass(frozen=True)
class Relevance:
    own: float  # BM25 score of the answer against the asked question
    depth: float  # 0..1
    rival: str | None  # the key of a distinct question the answer matches clearly better
    rival_score: float
    rank: int  # 0 when the asked question is the best match
    substance: float  # `own`, or for a story the best match with any technical question


def question_document(question: Question) -> str:
    parts = [question.prompt, question.tests, *question.outline.model_dump().values()]
    for point in question.key_points:
        parts.append(point.point)
        parts.extend(point.match)
    parts.extend(question.pitfalls)
    return "\n".join(parts)


class _Index:
    def __init__(self, questions: Sequence[Question]) -> None:
        import bm25s  # numpy-backed; imported only when an answer is scored

        self.keys = [q.key for q in questions]
        self.kinds = [q.answer_kind for q in questions]
        self.docs = [stems(question_document(q)) for q in questions]
        self.bm25 = bm25s.BM25()
        self.bm25.index(self._ids(self.docs), show_progress=False)
        self._self: dict[int, float] = {}  # a question's match with itself, computed when a rival needs it

    def _ids(self, docs: list[list[str]]) -> object:
        import bm25s

        vocab: dict[str, int] = {}
        ids = [[vocab.setdefault(token, len(vocab)) for token in doc] for doc in docs]
        self.vocab = vocab
        return bm25s.tokenization.Tokenized(ids=ids, vocab=vocab)

    def scores(self, tokens: list[str]) -> list[float]:
        # Each word once: breadth of the answer's vocabulary counts, saying one word ten times does not.
        known = [t for t in dict.fromkeys(tokens) if t in self.vocab]
        if not known:
            return [0.0] * len(self.keys)
        return [float(s) for s in self.bm25.get_scores(known)]

    def _itself(self, i: int) -> float:
        if i not in self._self:
            self._self[i] = float(self.bm25.get_scores(self.docs[i])[i]) or 1.0
        return self._self[i]

    def similarity(self, a: int, b: int) -> float:
        """How close two bank questions are, 0..1: the lower of their two normalised cross-matches."""
        ab = float(self.bm25.get_scores(self.docs[a])[b]) / self._itself(b)
        ba = float(self.bm25.get_scores(self.docs[b])[a]) / self._itself(a)
        return min(ab, ba)


_INDEXES: dict[tuple[tuple[str, str], ...], _Index] = {}


def _index(questions: Sequence[Question]) -> _Index:
    # Questions are unhashable (lists inside); key and prompt identify one well enough for a cache.
    key = tuple((q.key, q.prompt) for q in questions)
    if key not in _INDEXES:
        if len(_INDEXES) >= 8:
            _INDEXES.clear()
        _INDEXES[key] = _Index(questions)
    return _INDEXES[key]


def _bank_index(question: Question, bank: Sequence[Question]) -> tuple[_Index, int]:
    """The index of the bank, and the asked question's position in it (added to the bank when it is new)."""
    for i, q in enumerate(bank):
        if q.key == question.key and q.prompt == question.prompt:
            return _index(bank), i
    return _index([question, *[q for q in bank if q.key != question.key]]), 0


def relevance(question: Question, answer: str, bank: Sequence[Question]) -> Relevance:
    """How the answer matches `question`, and whether another question of `bank` fits it clearly better."""
    index, me = _bank_index(question, bank)
    scores = index.scores(stems(answer))
    own = scores[me]
    kind = question.answer_kind
    # A story is compared with stories only; a technical answer with every technical question.
    candidates = [i for i in range(len(scores)) if i != me and (index.kinds[i] == "story") == (kind == "story")]
    ranked = sorted(candidates, key=lambda i: -scores[i])
    rank = sum(1 for i in ranked if scores[i] > own)
    rival, rival_score = None, 0.0
    for i in ranked[:3]:
        if scores[i] <= own * RIVAL_FACTOR or scores[i] < RIVAL_MIN:
            break
        if index.similarity(me, i) < SAME_QUESTION:
            rival, rival_score = index.keys[i], scores[i]
            break
    # What a story is about is up to the teller; its substance is how concretely it engages any technical
    # question of the bank (a story about nothing in particular matches none of them).
    technical = max((scores[i] for i in range(len(scores)) if index.kinds[i] != "story"), default=0.0)
    substance = max(own, technical) if kind == "story" else own
    depth = 1.0 - math.exp(-own / DEPTH_SCALE)
    return Relevance(own=own, depth=depth, rival=rival, rival_score=rival_score, rank=rank, substance=substance)
