"""General misconceptions added after the third and fourth held-out sets, and claims reported as others' words.

Each entry is a misconception an interviewer flags in any answer, whatever the question; the sentences here are
written for these tests (claims that must be found, sound sentences that must not), not taken from an answer set.
"""

from __future__ import annotations

import pytest

from curriculum.drills import load_bank
from grader.answers.pitfalls import first_asserted, shared_traps

TRAPS = {trap.name: trap for trap in shared_traps()}

CASES = {
    "API cost said to grow with the log of usage": (
        [
            "Spend grows roughly with the log of traffic, so ten times the users is about three times the bill.",
            "Our bill scales like log(requests) once caching kicks in.",
        ],
        [
            "The bill grows in proportion to tokens, so I forecast it per task.",
            "I plotted cost on a log scale to see the long tail of heavy users.",
        ],
    ),
    "more context said to make the model faster": (
        [
            "With more context the model answers faster because it has less to guess.",
            "I raised top-k to 30 so generation would be quicker.",
        ],
        [
            "More context made the answers better but slower, so I kept top-k at 8.",
            "Fewer chunks cut prefill, so the first token came faster.",
        ],
    ),
    "aggressive quantisation said to cost no quality": (
        [
            "A 3-bit build runs on one GPU with no noticeable quality loss.",
            "At 2 bits you get the same accuracy for a fraction of the memory.",
        ],
        [
            "The 4-bit build lost two points on our eval, which we accepted for the memory saving.",
            "A 2-bit build lost too much accuracy on our code tasks.",
        ],
    ),
    "a hidden or encoded system prompt as the injection defence": (
        [
            "I obfuscate the instructions so users can't override them.",
            "We base64-encode the system prompt before sending it.",
            "The trick is to make the system prompt unreadable to the user.",
        ],
        [
            "Hiding the system prompt is not a defence; the tool checks the refund limit in code.",
            "The system prompt can leak, so nothing secret goes in it.",
        ],
    ),
    "a keyword blocklist against prompt injection": (
        ["We strip the words 'ignore' and 'disregard' from every message."],
        ["Stripping words like 'ignore' never stops a rephrased attack."],
    ),
    # after the fourth held-out set: top_p said to do what temperature 0 is wrongly said to do
    "temperature 0 or a seed treated as a guarantee of identical answers": (
        [
            "Once top_p is 0 the model is deterministic, so the variance is gone.",
            "Setting top-p to 0 guarantees the same answer every run.",
            "Generation is completely deterministic with greedy decoding on our provider.",
            "That setting guarantees bit-identical outputs across regions.",
        ],
        [
            "Even with top_p at 0, hosted inference is not fully deterministic because batching changes the sums.",
            "The validator is fully deterministic: a schema check in code.",
            "Generation is not deterministic, so I ran each case five times.",
        ],
    ),
    "temperature used as a length control": (
        [
            "I raised the temperature to 1.1 so the replies come out shorter.",
            "Lowering temperature cut our output tokens by a fifth.",
            "A higher temperature makes the answers more concise.",
        ],
        [
            "I capped max_tokens at 300 and asked for three bullet points, which made the replies shorter.",
            "I set temperature to 0.2 for the extraction step and kept the prompt short.",
        ],
    ),
    "a small clean run taken as proof of a tiny failure rate": (
        [
            "Zero failures in 40 runs proves the leak rate is under 1%.",
            "If none of the 80 probes get through, that statistically proves the attack rate is below 0.5%.",
            "No violations in 60 tries guarantees a rate under 0.2%.",
        ],
        [
            "0 of 50 proves nothing about a rate below 1%; it only bounds it near 6%.",
            "None of the 3,000 cases failed, which bounds the rate at about 0.1%.",
            "A clean run of 50 does not prove the rate is below 1%.",
        ],
    ),
    "timeouts removed": (
        ["I'd drop retries and request timeouts to save tokens.", "We removed the circuit breaker and all timeouts."],
        ["I'd drop retries on 4xx errors and keep request timeouts at 10 s.", "We tuned retries and timeouts."],
    ),
    "evaluation on the data used to tune or build the system": (
        ["I re-ran the 40 prompts we tuned the system prompt on and it scored 100%."],
        ["I held out 200 tickets we never tuned the system prompt on and scored those."],
    ),
    "a sampled system evaluated in a single run": (
        [
            "I score each prompt once, because repeating it is wasted spend.",
            "Repeated runs would give the same score, so one pass is enough.",
        ],
        [
            "I run each case once per night and five times before a release, to see the spread.",
            "Repeated runs gave different scores, so I report the mean of five.",
        ],
    ),
    "dependent calls run in parallel on guessed inputs": (
        ["I run search, reranking and generation in parallel to cut the total."],
        [
            "Dense and sparse retrieval run in parallel, then the reranker, then generation streams.",
            "Retrieval in parallel across shards, and then generation.",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_misconception_is_found_and_no_sound_sentence_is(name: str) -> None:
    claims, fine = CASES[name]
    patterns = TRAPS[name].match
    for sentence in claims:
        assert first_asserted(sentence, patterns), sentence
    for sentence in fine:
        assert not first_asserted(sentence, patterns), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "It is a cost people forget when they say self-hosting is free.",
        "Many teams assume self-hosting is free because there is no API bill.",
        "The myth that self-hosting is free dies at the first on-call rota.",
    ],
)
def test_a_claim_reported_as_what_others_say_is_not_asserted(sentence: str) -> None:
    question = load_bank().question("model-choice-02")
    trap = next(t for t in question.traps if "free" in t.name)
    assert not first_asserted(sentence, trap.match)
    assert first_asserted("Self-hosting is free once the GPUs are bought.", trap.match)
