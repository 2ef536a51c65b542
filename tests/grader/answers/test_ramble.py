"""An answer talked through rather than structured: right ideas, in the order they came, held to the middle.

The answers here are written for these tests, not taken from an answer set.
"""

from __future__ import annotations

import pytest

from curriculum.drills import load_bank
from grader.answers import rubric, score_answer
from grader.answers.gaming import SPOKEN

# The same design twice: talked through, then said in order. Both name the same controls.
RAMBLE = (
    "Okay so, the corpus, well actually the first thing is cleaning, because tickets have names and emails in them, "
    "so scrub the personal data before indexing. And then chunking, I kind of like splitting on headings since "
    "articles have structure, and then for search I'd do hybrid, BM25 plus embeddings, because error codes don't "
    "embed well. Oh and a cross-encoder re-ranker on the top 40, which costs latency, so give each stage a budget "
    "under the 3 seconds. So citations, the model answers only from the chunks it cites, and says it doesn't know "
    "when nothing relevant comes back. And a golden set of 200 questions to check recall, I mean that's mostly it."
)
ORDERED = (
    "I would scrub names and emails from tickets before indexing, because the tickets are full of personal data. I "
    "would chunk articles on their headings, since they already have structure. Search is hybrid, BM25 plus "
    "embeddings, because error codes embed poorly; a cross-encoder re-ranks the top 40 to 8. Each stage gets a "
    "latency budget inside the 3 second p95. The model answers only from chunks it cites and says it doesn't know "
    "when nothing relevant comes back. A golden set of 200 questions measures recall@8 and citation accuracy, and "
    "so I can tell a retrieval miss from a generation error."
)


@pytest.mark.parametrize(
    ("sentence", "asides"),
    [
        ("Okay so, the index first.", 1),
        ("Well actually, it's the data, and then the chunks.", 2),
        ("Oh and the re-ranker, I mean that's mostly it.", 3),
        ("So the cache went first.", 1),
        ("I split the planner so that the router ran alone.", 0),  # "so that" gives a purpose, not an aside
        ("The re-ranker then cut p95 to 1.8 s; also, the cache held.", 0),
    ],
)
def test_the_asides_of_unplanned_speech(sentence: str, asides: int) -> None:
    assert len(SPOKEN.findall(sentence)) == asides


def test_a_ramble_is_held_to_the_middle_and_told_why() -> None:
    question = load_bank().question("rag-design-01")
    talked, ordered = score_answer(question, RAMBLE, 90), score_answer(question, ORDERED, 90)
    assert talked.score <= rubric.RAMBLE_CAP < ordered.score
    assert talked.capped and "ramble" in talked.capped
    assert any("rambles" in line for line in talked.advice)
    assert ordered.capped is None or "ramble" not in ordered.capped
