"""What an answer's text shows, read once with precompiled patterns: numbers, parts, trade-offs, pronouns.

Everything here is plain pattern matching, so a score can be explained by the words that earned it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from curriculum.drills import ANSWER_PARTS

_I = re.IGNORECASE

# --- numbers with units ---------------------------------------------------------------------------
# "1,200" is a thousand and two hundred; "2,8" and "0,55" are decimals written with a comma, as in German or
# Spanish ("2,8 s" is 2.8 s, not 8 s).
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d+)(?:[.,]\d+)?"
_SCALE = r"(?:\s?(?:k|K|M|bn|million|billion|thousand)\b)?"
# Units a spoken answer puts after a number; "s?" plurals are folded into each entry.
_UNITS = (
    "%", r"percent", r"per ?cent", r"pp", r"percentage points?", r"points?",
    r"ms", r"milliseconds?", r"s", r"secs?", r"seconds?", r"mins?", r"minutes?", r"h", r"hrs?", r"hours?",
    r"days?", r"weeks?", r"months?", r"years?", r"x", "×", r"times",
    r"tokens?", r"req(?:uests?)?/s", r"rps", r"qps", r"requests?", r"calls?", r"quer(?:y|ies)",
    r"users?", r"customers?", r"tickets?", r"cases?", r"examples?", r"questions?", r"documents?", r"docs?",
    r"articles?", r"chunks?", r"pages?", r"conversations?", r"sessions?", r"[gmt]b", r"gpus?",
    r"dollars?", r"usd", r"cents?", r"eur", r"engineers?", r"people", r"steps?", r"turns?", r"errors?",
    r"incidents?", r"fields?", r"invoices?", r"contracts?", r"emails?", r"labels?", r"annotators?",
    r"runs?", r"regions?", r"languages?", r"countries", r"files?", r"prompts?", r"records?", r"posts?",
)  # fmt: skip
# Word units end at a word boundary ("5 s" but not "5 so"); symbols need none.
_UNIT = "(?:" + "|".join(u if u in {"%", "×"} else rf"{u}\b" for u in _UNITS) + ")"
# Every number starts where no word character precedes it, so a long digit run is tried once, not per digit.
_BARE = rf"(?<![\w.@]){_NUM}"
_MONEY = rf"(?:\$|€|£)\s?{_NUM}{_SCALE}"
_QUANTITY = rf"{_NUM}{_SCALE}\s?{_UNIT}"
# A lookbehind keeps "p95" and "v2" from reading as numbers; the percentile itself is kept as a label.
_METRIC = rf"(?:(?:p\d{{2}}|p99\.9)\s+(?:of\s+|at\s+|was\s+|is\s+)?)?(?:{_MONEY}|(?<![\w.@]){_QUANTITY})"
# A score people write without a unit, named by the measure before it: "kappa of 0.52", "recall@5 went to 0.71".
_MEASURE = (
    r"(?:kappa|recall|precision|accuracy|f1|mrr|ndcg|auc|agreement|correlation|hit rate|pass rate|score|similarity"
    r"|threshold|error rate|rate)(?:@\d+)?"
)
_LINK = r"(?:of\s+|at\s+|to\s+|was\s+|is\s+|=\s*|:\s*|from\s+)?(?:about\s+|~)?"
_SCORE = rf"\b{_MEASURE}(?:\s+[a-z]+){{0,3}}?\s+{_LINK}\d*[.,]\d+(?![\d%])"
_METRIC = rf"(?:{_METRIC}|{_SCORE})"
METRIC_RE = re.compile(_METRIC, _I)
# Unitless figures in a before -> after pair still count when they look like scores: a decimal, or a number
# right after the name of a measure ("hit rate went 0.52 -> 0.71", "kappa from 0.55 to 0.8").
_DECIMAL = r"(?<![\w.@])\d*[.,]\d+(?![\d%])"
_PAIR_RE = re.compile(
    rf"\bfrom\s+(?:about\s+|~)?(?P<a>{_METRIC}|{_BARE})\s+(?:down\s+|up\s+)?to\s+(?:about\s+|~)?(?P<b>{_METRIC}|{_DECIMAL})"
    rf"|(?P<c>{_METRIC}|{_BARE})\s*(?:->|→|=>|—>|-->)\s*(?P<d>{_METRIC}|{_DECIMAL})"
    rf"|\bto\s+(?P<e>{_METRIC})\s+from\s+(?P<f>{_METRIC})"
    rf"|\b{_MEASURE}\s+(?:\w+\s+){{0,2}}?(?:from\s+)?(?P<g>\d+(?:[.,]\d+)?)\s*(?:->|→|=>|to)\s*(?P<h>\d+(?:[.,]\d+)?)(?![\d%])"
    # Two options measured side by side ("70% versus 88%") compare like a before and an after.
    rf"|(?P<i>{_METRIC})\s+(?:versus|vs\.?|compared (?:to|with)|against)\s+(?:about\s+|~)?(?P<j>{_METRIC})",
    _I,
)

# --- the six parts --------------------------------------------------------------------------------
_PART_CUES: dict[str, str] = {
    "problem": r"problem|issue|goal|challenge|pain|situation|context|the task|needed to|asked (?:me|us) to"
    r"|complain\w*|struggl\w*|users? (?:were|kept|could|wanted)|customers? (?:were|kept|could|wanted)"
    r"|use case|the ask|was failing|were failing",
    "constraints": r"constrain\w*|budget\w*|limit\w*|deadline\w*|sla|slo|under \d|below \d|within \d|at most"
    r"|no more than|must|compliance|pii|gdpr|hipaa|privacy|regulat\w*|only had|team of|on-prem\w*"
    r"|requirement\w*|capped|cap of|could(?:n't| not) (?:send|use|afford|exceed)",
    "design": r"design\w*|architect\w*|pipeline\w*|built|implement\w*|chose|added|introduc\w*|retriev\w*"
    r"|index\w*|chunk\w*|re-?rank\w*|cach\w*|rout\w*|queue\w*|schema\w*|fallback\w*|guardrail\w*|classifier\w*"
    r"|component\w*|approach|set up|split|replaced|switched|wrapper|layer|option\w*|proposal|memo|plan",
    "failure": r"fail\w*|broke|broken|incident\w*|regress\w*|outage\w*|bugs?|went wrong|mistake\w*"
    r"|did(?:n't| not) work|roll(?:ed)? ?back|rolled it back|postmortem|post-mortem|surpris\w*|backfired"
    r"|blew up|caught (?:it|us|me)|missed",
    "iteration": r"next|would improve|improve\w* next|iterat\w*|if I did it again|next time"
    r"|would (?:change|add|do|try|replace|revisit)|follow-?up|plan to|planning to|v2|since then"
    r"|going forward|lesson\w*|learned|learnt|roadmap",
}
PART_RES: dict[str, re.Pattern[str]] = {part: re.compile(rf"\b(?:{cues})\b", _I) for part, cues in _PART_CUES.items()}

# --- trade-offs and rejected options ---------------------------------------------------------------
TRADE_OFF_RE = re.compile(
    r"\b(?:"
    + "|".join(
        (
            r"trade-?offs?",
            r"trad(?:e|es|ed|ing) (?:\w+ ){0,4}for",
            r"at the (?:cost|expense) of",
            r"in exchange for",
            r"the (?:downside|cost|price) (?:is|was)",
            r"downsides?",
            r"gave up",
            r"giving up",
            r"sacrific\w*",
            r"costs? us",
            r"balanc\w* (?:between|against)",
            r"which meant",
            r"worth it",
            r"versus",
            r"vs\.?",
            # The cost of a choice said plainly: "the catch is", "the risk is", "slower but safer".
            r"the (?:catch|risk|price|flip side|drawback) (?:is|was|here)",
            r"on the other hand",
            r"in return",
            r"but (?:it|that|this|they) (?:costs?|adds?|means|loses?|slows?|hurts?|makes?)",
            r"(?:slower|costlier|dearer|more expensive|less accurate|harder|riskier|weaker|larger) but",
            r"is a floor,? not",
        )
    )
    + r")(?!\w)",
    _I,
)
REJECTED_RE = re.compile(
    r"\b(?:"
    + "|".join(
        (
            r"instead of",
            r"rather than",
            r"reject(?:ed|ing)?",
            r"resist(?:ed)?",
            r"(?:would|will) not (?:use|choose|pick|go with)",
            r"wouldn'?t (?:use|choose|pick|go with)",
            r"ruled out",
            r"decided against",
            r"(?:chose|choose|picked|pick|preferred|went with|go with|opted for) [\w\-. ]{1,40}? over",
            r"considered",
            r"alternatives?",
            r"did(?:n't| not) go with",
            r"dropped the idea",
            r"passed on",
            r"said no to",
            r"not \w+ because",
        )
    )
    + r")\b",
    _I,
)

# --- ownership ----------------------------------------------------------------------------------------
_I_RE = re.compile(r"(?<![\w'’])i(?:['’](?:m|ve|d|ll))?(?![\w'’])(?!\.\w)|\b(?:my|me|myself|mine)\b", _I)
_WE_RE = re.compile(r"\b(?:we|we['’](?:re|ve|d|ll)|our|ours|ourselves)\b", _I)
_DECISION_VERBS = (
    "designed|chose|decided|built|wrote|owned|led|proposed|picked|set|added|measured|ran|"
    "rolled|pushed|introduced|implemented|moved|cut|shipped|drove|traced|found|fixed|replaced|"
    "switched|argued|negotiated|rewrote|made|took|defined|created|benchmarked|tested|"
    "instrumented|migrated|reduced|rejected|recommended|escalated|capped|killed|paused|"
    "labelled|labeled|sampled|split|gated|routed|wired|scoped|started|prioritised|prioritized|"
    "asked|insisted"
)
_DECISION_RE = re.compile(rf"(?<![\w'’])[Ii]\s+(?:\w+ly\s+)?(?P<verb>{_DECISION_VERBS})\b")
# A design stated as the speaker's own plan: "I'd put a timeout on it", "I would run the eval set at 5, 10 and 20".
# In a design or concept answer this is the candidate taking a position, which is ownership of the design.
_PLAN_RE = re.compile(
    r"(?<![\w'’])(?:I['’]d|I would|I['’]ll|I will|I['’]m going to"
    r"|my (?:first )?(?:step|move|call|plan) (?:is|would be) to)"
    r"\s+(?:\w+ly\s+|also\s+|then\s+|first\s+|still\s+)?(?P<verb>(?!(?:be|have|say|think|guess|probably|maybe|like|love"
    r"|want|need|hope|feel|expect|imagine|suggest|try|that|this|the|them|those|these|not|it)\b)[a-z]{3,})\b",
    _I,
)

# --- how it would be measured -------------------------------------------------------------------------
# Named measures: what a design is judged by, said whether or not a figure comes with it. In a design answer,
# "I'd track recall@5 and the p95 of the whole request, with a target of 2 s" is the evidence there can be.
MEASURE_NAMES = re.compile(
    r"\b(?:recall(?:@\d+| at \d+| at k)?|precision|accuracy|f1|error rate|pass rate|success rate|hit rate|block rate"
    r"|attack success|false[- ](?:positive|negative|refusal)s?(?: rate)?|refusal rate|over-?refusal|agreement|kappa"
    r"|correlation|p50|p90|p95|p99|percentiles?|time to first token|ttft|throughput|tokens? per \w+|cost per \w+"
    r"|unit cost|utili[sz]ation|abandonment|resolution rate|first-contact resolution|csat|nps|containment"
    r"|escalation rate|deflection|index lag|lag|freshness|staleness|groundedness|faithfulness|hallucination rate"
    r"|unsupported[- ]claim rate"
    r"|citation accuracy|exact match|mrr|ndcg|win rate|conversion|retention|churn|uptime|availability|error budget"
    r"|mttr|time to (?:detect|recover|resolve)|queue depth|repeat contacts?|ticket volume|wrong-\w+ rate"
    r"|(?:\w+ )?rate per (?:\d+|thousand|million)|confidence interval|effect size|sample size)\b",
    _I,
)
# A figure set as a target or a bound: "a target like 15 minutes", "within a point of the baseline", "under 1%".
_TARGET_RE = re.compile(
    r"\b(?:target|threshold|budget|slo|sla|at most|at least|no more than|under|below|above|within|cap(?:ped)? at"
    r"|limit of|gate|alert (?:when|at|if|above|on)|must stay|tolerance|or (?:less|more|lower|higher)|bar of)\b"
    r"[^.;]{0,40}?(?:\d|\ba (?:point|percent)\b|\bzero\b)",
    _I,
)

# --- vagueness ----------------------------------------------------------------------------------------
_VAGUE_WORDS = (
    r"very \w+",
    r"really \w+",
    r"extremely \w+",
    r"super \w+",
    r"much (?:better|faster|cheaper|more|less|improved|lower)",
    r"way (?:better|faster|cheaper)",
    r"a lot",
    r"lots of",
    r"tons? of",
    r"significant(?:ly)?",
    r"substantial(?:ly)?",
    r"dramatic(?:ally)?",
    r"drastic(?:ally)?",
    r"huge(?:ly)?",
    r"massive(?:ly)?",
    r"greatly",
    r"vastly",
    r"considerabl[ey]",
    r"robust",
    r"scalable",
    r"seamless(?:ly)?",
    r"efficient(?:ly)?",
    r"optimal(?:ly)?",
    r"best[- ]in[- ]class",
    r"cutting[- ]edge",
    r"state[- ]of[- ]the[- ]art",
    r"blazing(?:ly)?(?: fast)?",
    r"high[- ]quality",
    r"better",
    r"faster",
    r"cheaper",
    r"improved",
    r"more accurate",
    r"more reliable",
    r"a bit",
    r"somewhat",
    r"pretty (?:good|fast|well)",
)
VAGUE_RE = re.compile(rf"\b(?:{'|'.join(_VAGUE_WORDS)})\b", _I)

_PARAGRAPH_SPLIT = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD_RE = re.compile(r"[A-Za-z0-9$€£][\w'’.%$/-]*")


@dataclass(frozen=True)
class Signals:
    """Everything the criteria need, found in one pass over the answer."""

    words: int
    metrics: list[str] = field(default_factory=list)
    pairs: list[str] = field(default_factory=list)
    vague: list[str] = field(default_factory=list)
    parts: dict[str, str] = field(default_factory=dict)  # part -> the cue that showed it
    trade_offs: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    singular: int = 0
    plural: int = 0
    decisions: list[str] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)  # "I'd put", "I would run": the speaker's own design
    measures: list[str] = field(default_factory=list)  # named measures: recall@5, p95, cost per ticket
    targets: list[str] = field(default_factory=list)  # figures set as targets or bounds


def read_signals(answer: str) -> Signals:
    """Read every signal the rubric uses from an answer's text."""
    text = flatten(answer)
    metrics = _distinct(_clean(m.group(0)) for m in METRIC_RE.finditer(text))
    parts = {part: match.group(0) for part, regex in PART_RES.items() if (match := regex.search(text))}
    if metrics:
        parts["metrics"] = metrics[0]
    decisions = _distinct(f"I {m.group('verb').lower()}" for m in _DECISION_RE.finditer(text))
    if decisions and "design" not in parts:
        parts["design"] = decisions[0]  # "I chose X" is the design part, whatever the vocabulary
    return Signals(
        words=count_words(text),
        metrics=metrics,
        pairs=_distinct(_clean(m.group(0)) for m in _PAIR_RE.finditer(text)),
        vague=_unquantified_vague(answer),
        parts={part: parts[part] for part in ANSWER_PARTS if part in parts},
        trade_offs=_distinct(_clean(m.group(0)) for m in TRADE_OFF_RE.finditer(text)),
        rejected=_distinct(_clean(m.group(0)) for m in REJECTED_RE.finditer(text)),
        singular=len(_I_RE.findall(text)),
        plural=len(_WE_RE.findall(text)),
        decisions=decisions,
        plans=_distinct(f"I'd {m.group('verb').lower()}" for m in _PLAN_RE.finditer(text)),
        measures=_distinct(_clean(m.group(0)).lower() for m in MEASURE_NAMES.finditer(text)),
        targets=_distinct(_clean(m.group(0)) for m in _TARGET_RE.finditer(text)),
    )


@lru_cache(maxsize=4096)
def key_point_re(terms: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a key point's match terms; compiled once per distinct term list.

    Terms match at a word start and may take a suffix ("rerank" finds "reranking"); a space or hyphen
    inside a term matches either or none ("re-rank" finds "rerank"). Terms of three letters or fewer must
    be whole words, so "ci" does not find "city".
    """
    alternatives = []
    for term in terms:
        body = re.sub(r"(?:\\ |\\-|-| )+", r"[\\s-]?", re.escape(term.strip().lower()))
        word = term.strip()
        tail = r"s?\b" if len(word) <= 3 and word[-1:].isalnum() else ""
        lead = r"\b" if word[:1].isalnum() else ""
        alternatives.append(f"{lead}{body}{tail}")
    return re.compile("|".join(alternatives), _I)


def count_words(text: str) -> int:
    return len(_WORD_RE.findall(text))


def flatten(answer: str) -> str:
    """The answer on one line: phrases wrapped across lines ("instead\\nof") still match."""
    return " ".join(answer.split())


def _sentences(answer: str) -> list[str]:
    # Paragraph breaks end a sentence even without a full stop (bullets, headings); single newlines do not.
    return [s for para in _PARAGRAPH_SPLIT.split(answer) for s in _SENTENCE_END.split(flatten(para)) if s]


def _unquantified_vague(answer: str) -> list[str]:
    # "Much faster: 2.1 s to 800 ms" is fine; "much faster" alone is an adjective standing in for a number.
    found: list[str] = []
    for sentence in _sentences(answer):
        if METRIC_RE.search(sentence):
            continue
        found.extend(_clean(m.group(0)).lower() for m in VAGUE_RE.finditer(sentence))
    return found


def _clean(snippet: str) -> str:
    return " ".join(snippet.split())


def _distinct(items: Iterable[str]) -> list[str]:
    # dict keeps first-seen order, so the report lists things in the order the learner said them
    return list(dict.fromkeys(items))
