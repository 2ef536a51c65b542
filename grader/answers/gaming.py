"""Form without substance: keyword stuffing, filler, repetition, non-words and buzzwords, each named.

None of these looks at whether the answer is right; they catch answers built to look right to a keyword
counter. A stuffed answer recites the rubric (the six part names, "I owned, I led"), echoes the key points as a
list, repeats words and piles up numbers that measure nothing. One sign can be an accident; two are a pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from curriculum.drills import Question
from grader.answers.padding import first_person_checklist, noun_lists, restates_most, stacked_ownership
from grader.answers.text import STOP_WORDS, flatten, sentences, words

_I = re.IGNORECASE

_PART_NAMES = re.compile(r"\b(problem|constraints?|design|metrics?|failure|iteration)\b", _I)
# "the constraints were the constraints", "a benchmark is a benchmark", "8 points were 8 points", "I designed the
# design", "because I chose it": statements that say nothing, whatever the determiner.
_DET = r"(?:(?:the|a|an|our|my|their|your|its|this|that)\s+)?"
_TAUTOLOGY = re.compile(
    rf"\b{_DET}(\w{{4,}}?|\d+ \w+?)s? (?:is|are|was|were) {_DET}\1s?\b(?! (?:of|for|to|that|which|who|in|on)\b)"
    r"|\bi (\w{4,}?)(?:ed|d)? the \2\w*\b"
    r"|\bfor (\w{4,}?)\w* i \3\w*"
    r"|\bbecause i \w+ (?:it|them)\b[.,;]"
    r"|\b(\w{5,}) (?:on|of|and) \4\b",
    _I,
)
# Circular definitions chained together: "safety is reversibility, and reversibility is a feature flag".
_CHAIN = re.compile(r"\b(\w{5,}) (?:is|are|means) (?:a |an |the )?(\w{5,})\b[^.;]{0,25}?\b\2 (?:is|are|means)\b", _I)
# The rubric's part names used as labels for whatever comes next: "the failure was the benchmark, the iteration
# was the eval". A real answer says what failed.
_PART_LABEL = re.compile(
    r"\bthe (?:problem|constraints?|design|metrics?|failure|iteration|result|outcome|lesson|learning|trade-?off)"
    r" (?:was|were|is) (?:the |a |an |our |my )",
    _I,
)
# The vocabulary of the rubric and of interview advice: part names, STAR headings, "trade-off", "I rejected the
# alternative", "baseline", "end to end". A natural answer of any quality uses one to three per hundred words,
# because it talks about its subject; an answer built from these words is reciting the marking scheme.
_RUBRIC_VOCABULARY = re.compile(
    r"\b(?:trade-?offs?|rejected|alternatives?|baseline|iterat\w*|owned|ownership|end[ -]to[ -]end|i decided"
    r"|i measured|next (?:quarter|time)|problems?|constraints?|metrics?|failures?|lessons?|learnings?|results?"
    r"|outcomes?|situation|task|action|made the call)\b",
    _I,
)
# A figure attached to something nobody measures: "a 41% improvement in confidence", "2.3x faster decisions".
_VANITY = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:%|x|×|times|points?|percent)\s+(?:\w+\s+){0,2}?(?:improvement|increase|boost|gain|rise"
    r"|better|faster|more|higher|stronger|greater)\s+(?:in\s+|of\s+)?(?:\w+\s+)?(?:confidence|alignment|clarity|trust"
    r"|morale|ownership|visibility|awareness|decisions?|decision-making|velocity|happiness|collaboration|communication"
    r"|understanding|buy-in|engagement|focus|synergy|impact|learning|culture|mindset)\b"
    r"(?!\s+(?:\w+\s+)?(?:scores?|ratings?|survey|index|metric|rate|nps|csat|per)\b)",  # a named measure is measured
    _I,
)
RUBRIC_DENSITY_SIGN = 6.0  # rubric words per 100 words: one sign of stuffing (natural answers: 1-3)
RUBRIC_DENSITY_STUFFED = 8.0  # ...and on its own a recitation of the marking scheme
# First-person verbs with nothing after them: "I owned, I led, I shipped."
_BARE_VERB = re.compile(r"\bI (?:\w+ed|led|ran|built|drove|chose|made|wrote|owned|did|shipped|took|set)\s*[,.;:](?!\d)")
# Rubric words standing in for content: "the trade-off was X instead of Y, which I rejected", "the alternative".
_RUBRIC_CUES = re.compile(
    r"\b(?:rejected|i rejected) the alternative\b|\btrade-?off (?:instead of|rather than|because)\b"
    r"|\bbecause trade-?off\b|\bas a trade-?off\b\s*[.,]|\bwhich i rejected\b\s*[.,]",
    _I,
)
_PLACEHOLDER = re.compile(
    r"\b(?:lorem|ipsum|dolor sit|amet|consectetur|adipiscing|foo|bar baz|qux|asdf\w*|qwerty\w*|blah|xxx+|yada)\b", _I
)
_MASH = re.compile(r"\b(?=[a-z]*[bcdfghjklmnpqrstvwxz]{6})[a-z]{6,}\b")

FILLER_WORDS = re.compile(
    r"\b(?:um+|uh+|erm|like,|you know|i mean|kind of|sort of|basically|literally|honestly|anyway|okay so|so yeah"
    r"|right\?|well,|actually,|or whatever|and stuff|stuff like that)\b",
    _I,
)
# The asides of unplanned speech: "okay so", "well actually", "oh and", "and then", "that's mostly it". One or two
# are natural; a stream of them is an answer talked through rather than structured (see `Form.rambling`).
SPOKEN = re.compile(
    r"\b(?:ok(?:ay)?,? so|well,? actually|actually,|oh,? and|oh,|right,|that'?s (?:mostly |about |basically )?it\b"
    r"|kind of|sort of|and then|you know|i mean|like,|anyway|um+|uh+|basically|and stuff|stuff like that)"
    r"|(?:^|(?<=[.!?] ))so\b(?! that)",
    _I,
)
RAMBLE_SIGNS = 5
BUZZWORDS = re.compile(
    r"\b(?:best practices?|holistic\w*|leverag\w+|synerg\w+|robust|scalable|seamless\w*|state[- ]of[- ]the[- ]art"
    r"|cutting[- ]edge|future[- ]proof\w*|best of both worlds|world[- ]class|game[- ]chang\w+"
    r"|(?:is|are) key\b|really important|super important|responsible ai|move the needle|low[- ]hanging fruit"
    r"|quick wins?|big picture|single source of truth|data[- ]driven|empower\w*|intelligent \w+|dynamically"
    r"|continuously (?:optimi[sz]e|improve|iterate)|alignment|align on|stakeholders? (?:are |is )?aligned"
    r"|make sure (?:we|it|that|the)|in place|it's all about|at the end of the day|smart (?:with|about)"
    r"|healthy place|take it to the next level|reinvent the wheel|powerful pattern|trust and safety)\b",
    _I,
)
HEDGES = re.compile(
    r"\b(?:i'?m not (?:completely |totally |entirely )?sure|i think|i guess|i believe|probably|maybe|might|"
    r"i haven'?t (?:built|done|set up|used)|not sure how|some kind of|something like)\b",
    _I,
)
# Sweeping certainty: engineering answers that are right still hedge where the world varies. Three of these in
# one answer is the voice of a confident mistake ("by definition", "no need for", "scale automatically").
CERTAINTY = re.compile(
    r"\b(?:always|guarantee[sd]?|by definition|basically|plenty|entirely|completely|no need (?:for|to)"
    r"|(?:don'?t|wouldn'?t|never) bother|the only (?:real )?thing|never (?:change|fails?|needs?)|forever"
    r"|there'?s no (?:variance|risk|need|way it)|(?:is|are) outdated|scales? automatically|(?:isn'?t|is not|not) needed"
    r"|(?:don'?t|doesn'?t) need (?:any )?(?:planning|testing|checking|validation)|trust the (?:metrics|numbers|model)"
    r"|move fast|100% of the time|zero risk|no (?:residual )?risk|can'?t go wrong|full stop)\b",
    _I,
)
# Function words make up 40-50% of spoken English; a list of keywords has a fifth of that.
_LIST_SHARE = 0.22
_NUMBER = re.compile(r"(?<![\w.])[$€£]?\d[\d,.]*")


@dataclass(frozen=True)
class Form:
    """What the form of an answer shows, apart from its content."""

    stuffing: list[str] = field(default_factory=list)  # each sign of keyword stuffing, said plainly
    repeated: list[str] = field(default_factory=list)  # phrases said over and over
    filler: list[str] = field(default_factory=list)
    non_words: list[str] = field(default_factory=list)
    buzzwords: list[str] = field(default_factory=list)
    hedges: int = 0
    spoken: list[str] = field(default_factory=list)  # asides of unplanned speech ("okay so", "oh and")
    certainty: list[str] = field(default_factory=list)  # sweeping claims ("by definition", "no need for")
    function_share: float = 0.0  # share of function words: low in lists of keywords
    number_share: float = 0.0  # numbers per word
    bullets: bool = False

    recited: bool = False  # most of the key points read out word for word: the checklist itself
    rubric_density: float = 0.0  # words of the rubric's own vocabulary per 100 words

    @property
    def rambling(self) -> bool:
        """Talked through rather than structured: the ideas may all be there, in no order an interviewer can follow."""
        return len(self.spoken) >= RAMBLE_SIGNS

    @property
    def stuffed(self) -> bool:
        return len(self.stuffing) >= 2 or self.recited or self.rubric_density >= RUBRIC_DENSITY_STUFFED


def _repeated(text: str) -> list[str]:
    found: dict[str, None] = {}
    tokens = words(text)
    # The same word or two-/three-word phrase said again straight away: "streaming, streaming".
    for n in (1, 2, 3):
        for i in range(len(tokens) - 2 * n + 1):
            pair = tokens[i : i + n]
            if pair == tokens[i + n : i + 2 * n] and not all(t in STOP_WORDS or t[:1].isdigit() for t in pair):
                found[" ".join(pair)] = None
    # A long phrase said three times or more anywhere ("banana purple elephant seventeen" x 30).
    counts: dict[tuple[str, ...], int] = {}
    for i in range(len(tokens) - 3):
        gram = tuple(tokens[i : i + 4])
        if any(t not in STOP_WORDS for t in gram):
            counts[gram] = counts.get(gram, 0) + 1
    for gram, count in counts.items():
        if count >= 3:
            found[" ".join(gram)] = None
    # Near-identical sentences (rapidfuzz): the same point made twice in other words.
    said = [s for s in sentences(text) if len(s) > 30]
    for i, a in enumerate(said):
        for b in said[i + 1 : i + 12]:
            if fuzz.ratio(a.lower(), b.lower()) >= 90:
                found[a[:60]] = None
    return list(found)


def _looped_share(tokens: list[str]) -> float:
    """Share of the words taken by the most repeated four-word phrase, when it is said five times or more."""
    counts: dict[tuple[str, ...], int] = {}
    for i in range(len(tokens) - 3):
        gram = tuple(tokens[i : i + 4])
        counts[gram] = counts.get(gram, 0) + 1
    top = max(counts.values(), default=0)
    return min(1.0, 4 * top / len(tokens)) if top >= 5 else 0.0


def _echoed_points(question: Question, text: str) -> list[str]:
    """Key-point labels said word for word (rapidfuzz partial match), the way a checklist is read out."""
    lowered = text.lower()
    echoed = []
    for point in question.key_points:
        label = point.point.lower()
        if len([w for w in words(label) if w not in STOP_WORDS]) < 2:
            continue
        if fuzz.partial_ratio(label, lowered, score_cutoff=92):
            echoed.append(point.point)
    return echoed


def _number_runs(text: str) -> int:
    """Clauses that are little more than a number: "70%, 2 million, 1 cent, 800 ms, 94%"."""
    runs = 0
    for clause in re.split(r"[,;:.](?!\d)", text):
        tokens = words(clause)
        if tokens and _NUMBER.search(clause) and len([t for t in tokens if not t[:1].isdigit()]) <= 2:
            runs += 1
    return runs


def _point_words(question: Question) -> list[str]:
    return [w for point in question.key_points for w in (point.point, *point.match)]


def read_form(question: Question, answer: str) -> Form:
    text = flatten(answer)
    tokens = words(text)
    count = max(1, len(tokens))
    stuffing: list[str] = []

    parts_listed = max(
        (len(set(m.lower().rstrip("s") for m in _PART_NAMES.findall(s))) for s in sentences(text)), default=0
    )
    tautologies = [m.group(0) for m in _TAUTOLOGY.finditer(text)]
    if parts_listed >= 4:
        stuffing.append("it recites the rubric's part names (problem, constraints, design...) instead of using them")
    tautologies += [m.group(0) for m in _CHAIN.finditer(text)]
    if tautologies:
        stuffing.append(f"empty statements such as '{tautologies[0].strip(' .,;')}'")
    labels = _PART_LABEL.findall(text)
    if len(labels) >= 2:
        stuffing.append(f"the rubric's part names used as labels ('{labels[0].strip()}...')")
    # Words the question itself is about are its subject matter, not the rubric's ("metrics" when it asks for
    # metrics, "task success" for an agent).
    subject = set(words(" ".join([question.prompt, question.tests, *_point_words(question)])))
    rubric_words = [w for w in _RUBRIC_VOCABULARY.findall(text) if not set(words(w)) & subject]
    density = 100 * len(rubric_words) / count if len(rubric_words) >= 5 else 0.0
    if density >= RUBRIC_DENSITY_SIGN:
        said = ", ".join(dict.fromkeys(w.lower() for w in rubric_words[:6]))
        sign = f"the rubric's own words make up {density:.0f} in every 100 ({said}...); a real answer uses 1-3"
        stuffing.append(sign)
    bare = _BARE_VERB.findall(text)
    if len(bare) >= 2:
        stuffing.append(f"first-person verbs with no object ({', '.join(b.strip(' ,.;:') for b in bare[:3])})")
    cues = _RUBRIC_CUES.findall(text)
    if cues:
        stuffing.append(f"rubric phrases with nothing behind them ('{cues[0].strip(' .,')}')")
    echoed = _echoed_points(question, text)
    if len(echoed) >= 3:
        stuffing.append(f"{len(echoed)} key points read out as a list rather than explained")
    restated = restates_most(question, text)
    if restated:
        said = f"{len(restated)} key points said again in other sentences ('{restated[0]}')"
        stuffing.append(f"{said}: a point earns once")
    listed = noun_lists(text)
    if listed:
        stuffing.append(f"a sentence that is only a list of nouns ('{listed[0][:60]}'), saying nothing about them")
    checklist = first_person_checklist(question, text)
    if checklist:
        said = f"{len(checklist)} clauses each saying 'I did <a key point>' ('{checklist[0][:40]}...')"
        stuffing.append(f"{said}, with nothing linking one to a reason or the next")
    stacked = stacked_ownership(text)
    if stacked:
        stuffing.append(f"ownership claimed by stacking verbs ('{stacked[0][:60]}') rather than shown")
    vanity = [m.group(0) for m in _VANITY.finditer(text)]
    if vanity:
        stuffing.append(f"figures for things nobody measures ('{vanity[0]}')")
    runs = _number_runs(text)
    if runs >= 5:
        stuffing.append(f"{runs} numbers standing alone, measuring nothing the answer explains")

    repeated = _repeated(text)
    if len(repeated) >= 2 or any(len(r.split()) >= 4 for r in repeated):
        stuffing.append(f"repetition ('{repeated[0]}')")
    looped = _looped_share(tokens)
    if looped >= 0.2:  # a fifth of the answer is one phrase said over and over: padding, whatever else is there
        stuffing.append(f"{looped:.0%} of the words are one phrase repeated")
    function_share = sum(1 for t in tokens if t in STOP_WORDS) / count
    if function_share < _LIST_SHARE and len(tokens) >= 15:
        stuffing.append("a list of keywords rather than sentences")
    non_words = list(dict.fromkeys(m.group(0).lower() for m in _PLACEHOLDER.finditer(text)))
    non_words += [w for w in dict.fromkeys(_MASH.findall(text.lower())) if w not in non_words][:5]
    if non_words:
        stuffing.append(f"non-words ('{non_words[0]}')")

    return Form(
        stuffing=stuffing,
        repeated=repeated,
        filler=[m.group(0).lower() for m in FILLER_WORDS.finditer(text)],
        non_words=non_words,
        buzzwords=list(dict.fromkeys(m.group(0).lower() for m in BUZZWORDS.finditer(text))),
        hedges=len(HEDGES.findall(text)),
        spoken=[m.group(0).lower() for m in SPOKEN.finditer(text)],
        certainty=list(dict.fromkeys(m.group(0).lower() for m in CERTAINTY.finditer(text))),
        function_share=function_share,
        number_share=len(_NUMBER.findall(text)) / count,
        bullets=bool(re.search(r"^\s*[-*•]\s", answer, re.MULTILINE)),
        # Most key points word for word, in a list rather than sentences: the checklist read out.
        rubric_density=density,
        recited=len(echoed) >= max(3, 0.6 * len(question.key_points)) and (function_share < 0.3 or len(tokens) < 40),
    )
