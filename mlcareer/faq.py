"""Pure FAQ search: rank entries by relevance to the words a person typed.

Words are lower-cased, stemmed (deploy, deploying, deployment -> deploy), joined into known
phrases and folded onto synonyms from the data (PhD / doctorate, pay / salary), after which
stop words are dropped. A word the entries do not contain is matched to a word one edit away
(one typo: a letter added, dropped, changed or two swapped). Question text weighs most, then
tags, then the answer; rarer words weigh more than common ones.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from mlcareer.models import Faq, FaqEntry

WEIGHTS = {"question": 3.0, "tags": 2.0, "answer": 1.0}
TYPO_WEIGHT = 0.7
"""A word matched only through a typo counts this much of an exact match."""
SEE_ALSO = 3
SEE_ALSO_SHARE = 0.25
"""Entries scoring at least this share of the best one are offered as "see also"."""

_WORD = re.compile(r"[a-z0-9][a-z0-9+#]*")


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
    return _WORD.findall(text.lower().replace("'s ", " ").replace("\u2019s ", " ").replace(".", ""))


def stem(word: str) -> str:
    """A light stemmer: plurals, -ing, -ed, -ment, -ion, -al and a final -e."""
    if len(word) <= 3 or not word.isalpha():
        return word
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
    """Turns text into search terms, using the FAQ's synonyms and stop words."""

    def __init__(self, synonyms: Iterable[Sequence[str]], stopwords: Iterable[str]) -> None:
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
        self.longest = max((len(p) for p in self.phrases), default=1)
        self.phrase_parts = {part for phrase in self.phrases for part in phrase}
        self.stopwords = {stem(w) for w in stopwords} | set(stopwords)

    def terms(self, text: str) -> list[str]:
        """Search terms of text: stemmed, phrases joined, synonyms folded, stop words dropped."""
        return self.fold([stem(w) for w in words(text)])

    def fold(self, stems: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(stems):
            for size in range(min(self.longest, len(stems) - i), 1, -1):
                phrase = self.phrases.get(tuple(stems[i : i + size]))
                if phrase is not None:
                    out.append(phrase)
                    i += size
                    break
            else:
                token = stems[i]
                if token not in self.stopwords:
                    out.append(self.canonical.get(token, token))
                i += 1
        return out


class Index:
    """Terms of every entry by field, with document frequencies, ready to rank queries."""

    def __init__(self, faq: Faq) -> None:
        self.entries = faq.entries
        self.analyser = Analyser(faq.synonyms, faq.stopwords)
        self.fields: list[dict[str, Counter[str]]] = []
        self.raw_words: Counter[str] = Counter()
        frequency: Counter[str] = Counter()
        for entry in faq.entries:
            texts = {"question": entry.question, "tags": " ".join(entry.tags), "answer": entry.answer}
            fields = {name: Counter(self.analyser.terms(text)) for name, text in texts.items()}
            self.fields.append(fields)
            for text in texts.values():
                self.raw_words.update(w for w in words(text) if w.isalpha())
            frequency.update(set().union(*fields.values()))
        for group in faq.synonyms:
            for member in group:
                self.raw_words.update(w for w in words(member) if w.isalpha())
        total = max(len(faq.entries), 1)
        # NOTE: a word matters more in a short question than in a long one (as in BM25).
        lengths = [max(sum(f["question"].values()), 1) for f in self.fields]
        average = sum(lengths) / max(len(lengths), 1)
        self.shortness = [math.sqrt(average / n) for n in lengths]
        self.idf = {term: math.log(1 + total / count) for term, count in frequency.items()}

    def known(self, word: str) -> bool:
        """Whether a typed word means something here: a stop word, a phrase part, or an indexed term."""
        stemmed = stem(word)
        if word in self.analyser.stopwords or stemmed in self.analyser.stopwords:
            return True
        if stemmed in self.analyser.phrase_parts:
            return True
        return all(t in self.idf for t in self.analyser.terms(word))

    def correct(self, word: str) -> str | None:
        """The indexed word one edit away from `word` (the most frequent if several), or None."""
        if not word.isalpha() or len(word) < 4:
            return None
        candidates = [w for w in self.raw_words if within_one_edit(word, w) and self.known(w)]
        return max(candidates, key=lambda w: (self.raw_words[w], w)) if candidates else None

    def understand(self, text: str) -> tuple[Query, dict[str, float]]:
        """The query's terms and the weight of each; unknown words get one-typo corrections."""
        typed = words(text)
        fixed: list[str] = []
        corrections: list[tuple[str, str]] = []
        for word in typed:
            fix = None if self.known(word) else self.correct(word)
            if fix is not None:
                corrections.append((word, fix))
            fixed.append(fix or word)
        corrected = {t for _, fix in corrections for t in self.analyser.terms(fix)}
        weights: dict[str, float] = {}
        for term in self.analyser.fold([stem(w) for w in fixed]):
            weight = TYPO_WEIGHT if term in corrected else 1.0
            weights[term] = max(weights.get(term, 0.0), weight)
        return Query(tuple(weights), tuple(corrections)), weights

    def search(self, text: str) -> tuple[Query, list[Hit]]:
        """Entries that match any term, best first (ties keep FAQ order)."""
        query, weights = self.understand(text)
        hits = []
        for index, (entry, fields) in enumerate(zip(self.entries, self.fields, strict=True)):
            score = 0.0
            matched = 0
            for term, weight in weights.items():
                idf = self.idf.get(term)
                if idf is None:
                    continue
                count = fields["answer"][term]
                strength = (
                    WEIGHTS["question"] * (term in fields["question"]) * self.shortness[index]
                    + WEIGHTS["tags"] * (term in fields["tags"])
                    + WEIGHTS["answer"] * (count / (count + 1))
                )
                if strength:
                    matched += 1
                    score += weight * idf * strength
            if score > 0:
                coverage = matched / max(len(weights), 1)
                hits.append(Hit(entry, round(score * (0.5 + 0.5 * coverage), 4)))
        hits.sort(key=lambda h: (-h.score, h.entry.number))
        return query, hits


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
