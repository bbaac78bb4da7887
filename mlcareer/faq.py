"""Pure FAQ search: rank entries by relevance to the words a person typed.

Words are lower-cased, stemmed (deploy, deploying, deployment -> deploy), joined into known
phrases and folded onto synonyms from the data (PhD / doctorate, pay / salary), after which
stop words are dropped. A word the entries do not contain is matched to a word one edit away
(one typo: a letter added, dropped, changed or two swapped). Question text weighs most, then
tags, then the answer; rarer words weigh more than common ones.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from mlcareer.models import Faq, FaqEntry, Intent

WEIGHTS = {"question": 3.0, "tags": 2.0, "answer": 0.5}
"""BM25F field weights: a word in the question counts six times one in the answer."""
K1 = 1.8
B = 0.5
PHRASE_BONUS = 0.5
"""Added, times the words' mean idf, for two query words that stand side by side in a question."""
QUESTION_FIT = 0.5
"""A hit's score grows by up to this share when the query covers its question's words (by idf)."""
MIN_SCORE = 1.5
MIN_COVERAGE = 0.22
"""A best hit below either is not an answer: the search says so and lists the nearest questions."""
ANSWER_ONLY = 0.5
"""An entry that matches the query only in its answer, not its question or tags, counts this share of its coverage."""
TYPO_WEIGHT = 0.7
"""A word matched only through a typo counts this much of an exact match."""
SEE_ALSO = 3
SEE_ALSO_SHARE = 0.25
"""Entries scoring at least this share of the best one are offered as "see also"."""

_WORD = re.compile(r"[a-z0-9][a-z0-9+#]*")
_IZE = re.compile(r"iz(?=[aei])")
_INITIALS = re.compile(r"\b[a-z](?:\.[a-z])+\b\.?")
"""Initials with dots (U.S., e.g.) lose their dots; other dots part words (salary.com; Ph.D. is 'ph d')."""


class Hit(NamedTuple):
    """One ranked entry and its score."""

    entry: FaqEntry
    score: float


class Query(NamedTuple):
    """What a query was understood as: its terms, and the typo corrections made."""

    terms: tuple[str, ...]
    corrections: tuple[tuple[str, str], ...]


def words(text: str) -> list[str]:
    """Lower-case words of text; possessives and punctuation dropped (C++ keeps its pluses)."""
    text = text.lower().replace("'s ", " ").replace("\u2019s ", " ")
    text = _INITIALS.sub(lambda m: m.group().replace(".", ""), text)
    return _WORD.findall(text.replace(".", " "))


@functools.lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light stemmer: -ize as -ise, -ly, plurals, -ing, -ed, -ment, -ion, -al and a final -e."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if "iz" in word and len(word) > 5:  # NOTE: American and British spellings meet: specialize, specialise
        word = _IZE.sub("is", word)
    if word.endswith("ly") and len(word) >= 7:  # NOTE: remotely -> remote; daily, early and only keep theirs
        word = word[:-2]
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    for suffix in ("ment", "ion", "al"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def within_one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or swap of neighbours."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


class Analyser:
    """Turns text into search terms, using the FAQ's synonyms, intents and stop words.

    Synonyms fold words and phrases onto one term in entries and queries alike (PhD, doctorate).
    Intents rewrite what a question's words mean, in queries only: "how much do they make" asks
    about pay, while an entry's "does AutoML make ..." keeps its own words. The longest phrase
    wins, and a phrase never swallows the words after it ("ml engineers make": role, then pay).
    """

    def __init__(
        self, synonyms: Iterable[Sequence[str]], stopwords: Iterable[str], intents: Iterable[Intent] = ()
    ) -> None:
        self.canonical: dict[str, str] = {}
        self.phrases: dict[tuple[str, ...], str] = {}
        for group in synonyms:
            stems = [tuple(stem(w) for w in words(member)) for member in group]
            stems = [s for s in stems if s]
            if not stems:
                continue
            head = "_".join(stems[0])
            for tokens in stems:
                if len(tokens) > 1:
                    self.phrases[tokens] = head
                else:
                    self.canonical.setdefault(tokens[0], head)
        self.stopwords = {stem(w) for w in stopwords} | set(stopwords)
        self.intents: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.endings: dict[tuple[str, ...], tuple[str, ...]] = {}
        """Intents that hold only at the end of a query."""
        self.longest = max((len(p) for p in self.phrases), default=1)
        self.starts = {phrase[0] for phrase in self.phrases}
        for intent in intents:  # NOTE: what an intent means is folded by the synonyms alone
            meaning = tuple(self.fold([stem(w) for w in words(intent.means)], query=False))
            for table, phrases in ((self.intents, intent.phrases), (self.endings, intent.at_end)):
                for phrase in phrases:
                    tokens = tuple(stem(w) for w in words(phrase))
                    if tokens and meaning:
                        table[tokens] = meaning
        every = (*self.phrases, *self.intents, *self.endings)
        self.longest = max((len(p) for p in every), default=1)
        self.phrase_parts = {part for phrase in every for part in phrase}
        self.starts = {phrase[0] for phrase in every}

    def terms(self, text: str, *, query: bool = False) -> list[str]:
        """Search terms of text: stemmed, phrases joined, synonyms folded, stop words dropped."""
        return self.fold([stem(w) for w in words(text)], query=query)

    def fold(self, stems: list[str], *, query: bool = True) -> list[str]:
        out: list[str] = []
        intents = self.intents if query else {}
        stopwords, canonical, count = self.stopwords, self.canonical, len(stems)
        i = 0
        while i < count:
            token = stems[i]
            if token in self.starts:  # NOTE: only a phrase's first word can begin a phrase or an intent
                for size in range(min(self.longest, count - i), 0, -1):
                    chunk = tuple(stems[i : i + size])
                    meant = intents.get(chunk)
                    if meant is None and query and i + size == count:
                        meant = self.endings.get(chunk)
                    if meant is None and size > 1 and chunk in self.phrases:
                        meant = (self.phrases[chunk],)
                    if meant is not None:
                        out.extend(meant)
                        i += size
                        break
                else:
                    if token not in stopwords:
                        out.append(canonical.get(token, token))
                    i += 1
                continue
            if token not in stopwords:
                out.append(canonical.get(token, token))
            i += 1
        return out


class Answer(NamedTuple):
    """What a search found: hits best first, whether the best is a confident answer, how it read the query."""

    query: Query
    hits: list[Hit]
    confident: bool


class Index:
    """Every entry's terms by field, with the statistics BM25F ranks by, ready for queries."""

    def __init__(self, faq: Faq, tables: Mapping[str, Any] | None = None) -> None:
        """Index the entries, or take `tables` (from `tables()` on the same FAQ) as they are."""
        self.entries = faq.entries
        self.analyser = Analyser(faq.synonyms, faq.stopwords, faq.intents)
        if tables is not None:
            self.fields = [{name: Counter(counts) for name, counts in f.items()} for f in tables["fields"]]
            self.sequences = [list(q) for q in tables["sequences"]]
            self.raw_words = Counter(tables["raw_words"])
            self.average = dict(tables["average"])
            self.idf = dict(tables["idf"])
            self.rarest = max(self.idf.values(), default=1.0)
            return
        self.fields = []
        self.sequences = []
        self.raw_words = Counter()
        frequency: Counter[str] = Counter()
        for entry in faq.entries:
            texts = {"question": entry.question, "tags": " ".join(entry.tags), "answer": entry.answer}
            fields: dict[str, Counter[str]] = {}
            for name, text in texts.items():
                found = words(text)
                terms = self.analyser.fold([stem(w) for w in found], query=False)
                fields[name] = Counter(terms)
                if name == "question":
                    self.sequences.append(terms)
                self.raw_words.update(w for w in found if w.isalpha())
            self.fields.append(fields)
            frequency.update(set().union(*fields.values()))
        for group in faq.synonyms:
            for member in group:
                self.raw_words.update(w for w in words(member) if w.isalpha())
        total = max(len(faq.entries), 1)
        self.average = {name: max(sum(sum(f[name].values()) for f in self.fields) / total, 1.0) for name in WEIGHTS}
        self.idf = {term: math.log(1 + (total - n + 0.5) / (n + 0.5)) for term, n in frequency.items()}
        self.rarest = max(self.idf.values(), default=1.0)

    def tables(self) -> dict[str, Any]:
        """What indexing computed, as JSON-ready data for `Index(faq, tables)`."""
        return {
            "fields": [{name: dict(counts) for name, counts in f.items()} for f in self.fields],
            "sequences": self.sequences,
            "raw_words": dict(self.raw_words),
            "average": self.average,
            "idf": self.idf,
        }

    @staticmethod
    def tables_fit(faq: Faq, tables: Any) -> bool:
        """Whether data read back from a cache has the shape `tables()` gives for this FAQ."""

        def counts(value: Any, kind: type) -> bool:
            return isinstance(value, dict) and all(
                isinstance(k, str) and type(v) in (kind, int) for k, v in value.items()
            )

        if not isinstance(tables, dict) or set(tables) != {"fields", "sequences", "raw_words", "average", "idf"}:
            return False
        fields, sequences = tables["fields"], tables["sequences"]
        return (
            isinstance(fields, list)
            and len(fields) == len(faq.entries)
            and all(
                isinstance(f, dict) and set(f) == set(WEIGHTS) and all(counts(c, int) for c in f.values())
                for f in fields
            )
            and isinstance(sequences, list)
            and len(sequences) == len(faq.entries)
            and all(isinstance(q, list) and all(isinstance(t, str) for t in q) for q in sequences)
            and counts(tables["raw_words"], int)
            and counts(tables["average"], float)
            and set(tables["average"]) == set(WEIGHTS)
            and counts(tables["idf"], float)
        )

    def known(self, word: str) -> bool:
        """Whether a typed word means something here: a stop word, a phrase part, or an indexed term."""
        stemmed = stem(word)
        if word in self.analyser.stopwords or stemmed in self.analyser.stopwords:
            return True
        if stemmed in self.analyser.phrase_parts:
            return True
        return all(t in self.idf for t in self.analyser.terms(word, query=True))

    def correct(self, word: str) -> str | None:
        """The indexed word one edit away from `word` (the most frequent if several), or None."""
        if not word.isalpha() or len(word) < 4:
            return None
        candidates = [w for w in self.raw_words if within_one_edit(word, w) and self.known(w)]
        return max(candidates, key=lambda w: (self.raw_words[w], w)) if candidates else None

    def understand(self, text: str) -> tuple[Query, dict[str, float], list[str]]:
        """The query's terms, the weight of each, and the terms in order; unknown words get typo fixes."""
        typed = words(text)
        fixed: list[str] = []
        corrections: list[tuple[str, str]] = []
        for word in typed:
            fix = None if self.known(word) else self.correct(word)
            if fix is not None:
                corrections.append((word, fix))
            fixed.append(fix or word)
        corrected = {t for _, fix in corrections for t in self.analyser.terms(fix, query=True)}
        ordered = self.analyser.fold([stem(w) for w in fixed])
        weights: dict[str, float] = {}
        for term in ordered:
            weight = TYPO_WEIGHT if term in corrected else 1.0
            weights[term] = max(weights.get(term, 0.0), weight)
        return Query(tuple(weights), tuple(corrections)), weights, ordered

    def _score(self, index: int, weights: dict[str, float], ordered: list[str]) -> tuple[float, float]:
        """BM25F score of one entry, plus a bonus for query words next to each other in its question,
        and the share of the query's weight (by idf) that the entry matches."""
        fields = self.fields[index]
        lengths = {name: sum(fields[name].values()) for name in WEIGHTS}
        score = matched = possible = 0.0
        titled = False
        for term, weight in weights.items():
            idf = self.idf.get(term)
            if idf is None:  # NOTE: a word no entry has is as telling as the rarest word: it counts fully
                possible += weight * self.rarest
                continue
            possible += weight * idf
            tf = sum(
                WEIGHTS[name] * fields[name][term] / (1 - B + B * lengths[name] / self.average[name])
                for name in WEIGHTS
            )
            if tf:
                matched += weight * idf
                titled = titled or bool(fields["question"][term] or fields["tags"][term])
                score += weight * idf * tf * (K1 + 1) / (K1 + tf)
        question = self.sequences[index]
        pairs = set(itertools.pairwise(question))
        for first, second in itertools.pairwise(ordered):
            if (first, second) in pairs:
                score += PHRASE_BONUS * (self.idf.get(first, 0) + self.idf.get(second, 0)) / 2
        asked = set(question)
        if asked and score:  # NOTE: a question the query covers whole is the question being asked
            total = sum(self.idf.get(t, 0) for t in asked)
            covered = sum(self.idf.get(t, 0) for t in asked if t in weights)
            score *= 1 + QUESTION_FIT * (covered / total if total else 0)
        share = matched / possible if possible else 0.0
        return score, share if titled else share * ANSWER_ONLY

    def answer(self, text: str) -> Answer:
        """Entries that match the query, best first, and whether the best one is a confident answer."""
        query, weights, ordered = self.understand(text)
        hits = []
        coverage: dict[int, float] = {}
        for index, entry in enumerate(self.entries):
            score, share = self._score(index, weights, ordered)
            if score > 0:
                hits.append(Hit(entry, round(score, 4)))
                coverage[entry.number] = share
        hits.sort(key=lambda h: (-h.score, h.entry.number))
        confident = bool(hits) and hits[0].score >= MIN_SCORE and coverage[hits[0].entry.number] >= MIN_COVERAGE
        return Answer(query, hits, confident)

    def search(self, text: str) -> tuple[Query, list[Hit]]:
        """Entries that match any term, best first (ties keep FAQ order)."""
        found = self.answer(text)
        return found.query, found.hits


def see_also(hits: Sequence[Hit]) -> list[Hit]:
    """The next few hits after the best that score close enough to be worth offering."""
    if not hits:
        return []
    floor = hits[0].score * SEE_ALSO_SHARE
    return [h for h in hits[1 : 1 + SEE_ALSO] if h.score >= floor]


def topics(faq: Faq) -> list[tuple[str, list[FaqEntry]]]:
    """Entries grouped by topic in order of first appearance."""
    groups: dict[str, list[FaqEntry]] = {}
    for entry in faq.entries:
        groups.setdefault(entry.topic, []).append(entry)
    return list(groups.items())


def by_number(faq: Faq, number: int) -> FaqEntry | None:
    """The entry a person picks by its number, or None."""
    return next((e for e in faq.entries if e.number == number), None)
