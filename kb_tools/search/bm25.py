"""German lexical search: Okapi BM25 over Snowball stems, with compounds and typos.

Text is analysed by :mod:`.analysis`. Compound words are handled on the query side against the
index vocabulary: "Prüfung" also matches "Qualitätsprüfung", and "Qualitätsprüfung" also
matches "Prüfung der Qualität".
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from kb_tools.search.analysis import stem, words

_LINKS = ("", "s", "es", "n", "en", "e", "er")  # Fugenelemente between compound parts
_ENDINGS = ("", "e", "en", "n", "s", "es", "er", "ern")  # inflection after a compound's head
# Word endings that look like heads but are suffixes ("Auszubild|ende", "Sicher|heit").
_SUFFIXES = frozenset({"ende", "enden", "heit", "keit", "lich", "isch", "chen", "ling", "tion"})
MIN_PART = 4  # shortest compound part that counts; shorter ones give false splits ("ver-")


@dataclass(frozen=True)
class QueryWord:
    """A query word: index stems that stand for it (with weights) and, for a compound, its parts."""

    word: str
    alternatives: tuple[tuple[str, float], ...]
    parts: tuple[QueryWord, ...] = ()

    @property
    def stems(self) -> frozenset[str]:
        own = {s for s, _ in self.alternatives}
        return frozenset(own.union(*(p.stems for p in self.parts)))


class LexicalIndex:
    """Okapi BM25 over a list of documents (any text: a concept, a passage)."""

    K1 = 1.2
    B = 0.75
    HEAD_WEIGHT = 0.6  # "Prüfung" in "Sichtprüfung": a kind of Prüfung, close in meaning
    MODIFIER_WEIGHT = 0.4  # "Daten" in "Datenschutz": related, but further away
    PARTS_WEIGHT = 0.8  # "Qualitätsprüfung" answered by "Qualität" and "Prüfung" apart
    TYPO_WEIGHT = 0.7

    def __init__(self, documents: Sequence[str]) -> None:
        self.size = len(documents)
        counts: dict[str, dict[int, int]] = defaultdict(dict)
        self._vocabulary: dict[str, str] = {}  # folded surface word -> stem
        lengths = np.zeros(self.size)
        for number, text in enumerate(documents):
            tokens = words(text)
            lengths[number] = len(tokens)
            for word in tokens:
                self._vocabulary.setdefault(word, stem(word))
            for term, count in Counter(stem(w) for w in tokens).items():
                counts[term][number] = count
        # Postings as arrays: scoring a term is then one vectorised BM25 expression.
        self._postings = {
            term: (
                np.fromiter(docs, np.int64, len(docs)),
                np.fromiter(docs.values(), float, len(docs)),
            )
            for term, docs in counts.items()
        }
        average = lengths.mean() if self.size else 1.0
        self._norm = self.K1 * (1 - self.B + self.B * lengths / max(average, 1.0))
        self._heads, self._modifiers = _part_maps(self._vocabulary)
        self._deletions: dict[str, set[str]] | None = None
        self._analyzed: dict[str, QueryWord] = {}

    def idf(self, term: str) -> float:
        """BM25 idf; a term no document has gets the highest value."""
        df = len(self._postings[term][0]) if term in self._postings else 0
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def analyze(self, query: str) -> list[QueryWord]:
        """The query's words with their stems, compound relatives, parts and typo corrections."""
        out: dict[str, QueryWord] = {}
        for word in words(query):
            if word in out:
                continue
            if word not in self._analyzed:
                if len(self._analyzed) > 50_000:  # bound memory in a long-running API
                    self._analyzed.clear()
                self._analyzed[word] = self._analyze_word(word)
            out[word] = self._analyzed[word]
        return list(out.values())

    def scores(self, query: str | list[QueryWord]) -> np.ndarray:
        """BM25 score per document (0 = no match); each query word counts once, by its best match."""
        analyzed = self.analyze(query) if isinstance(query, str) else query
        total = np.zeros(self.size)
        for qword in analyzed:
            total += self._word_scores(qword)
        return total

    def shares(self, analyzed: list[QueryWord]) -> np.ndarray:
        """Scores as a share (0–1) of what a document matching every query word could get.

        Words the index does not know count fully in the denominator, so a query that is
        mostly foreign words ("works council agreement") cannot look like a good match.
        """
        bound = sum(self.idf(stem(q.word)) for q in analyzed) * (self.K1 + 1)
        if bound <= 0:
            return np.zeros(self.size)
        return np.minimum(self.scores(analyzed) / bound, 1.0)

    def coverage(self, analyzed: list[QueryWord]) -> tuple[np.ndarray, float]:
        """Per document, the idf-weighted share of the query's known words it matches; and
        the share of the query's words the index knows at all (0 for foreign or made-up
        words: "KI in der Qualitätsprüfung" → 1.0, "works council agreement" → low)."""
        known, weights = self._known_words(analyzed)
        if not known:
            return np.zeros(self.size), 0.0
        matched = np.array([self._word_scores(q) > 0 for q in known], dtype=float)
        share = (weights[:, None] * matched).sum(axis=0) / weights.sum()
        return share, len(known) / len(analyzed)

    def strict_matches(self, analyzed: list[QueryWord]) -> tuple[np.ndarray, np.ndarray]:
        """For each known query word, which documents contain it; a compound known only by
        its parts counts where *all* its parts stand together ("Qualitätsprüfung" in a text
        with "Qualität" and "Prüfung", not in one with "Prüfung" alone). Returns the words'
        idf weights and a words × documents 0/1 matrix."""
        known, weights = self._known_words(analyzed)
        matched = np.array([self._strict(q) for q in known], dtype=float)
        return weights, matched.reshape(len(known), self.size)

    def _known_words(self, analyzed: list[QueryWord]) -> tuple[list[QueryWord], np.ndarray]:
        """The query words the index knows (itself, a relative or its parts), idf-weighted."""
        known = [q for q in analyzed if q.alternatives or q.parts]
        weights = [
            max(self.idf(q.alternatives[0][0]) if q.alternatives else 1.0, 0.1) for q in known
        ]
        return known, np.array(weights)

    def _strict(self, qword: QueryWord) -> np.ndarray:
        found = np.zeros(self.size, dtype=bool)
        for term, _ in qword.alternatives:
            found |= self._term_scores(term) > 0
        if qword.parts:
            together = np.ones(self.size, dtype=bool)
            for part in qword.parts:
                together &= self._strict(part)
            found |= together
        return found

    def _word_scores(self, qword: QueryWord) -> np.ndarray:
        best = np.zeros(self.size)
        for term, weight in qword.alternatives:
            np.maximum(best, weight * self._term_scores(term), out=best)
        if qword.parts:
            together = sum(self._word_scores(part) for part in qword.parts)
            np.maximum(best, self.PARTS_WEIGHT * together / len(qword.parts), out=best)
        return best

    def _term_scores(self, term: str) -> np.ndarray:
        out = np.zeros(self.size)
        if term in self._postings:
            docs, tf = self._postings[term]
            out[docs] = self.idf(term) * tf * (self.K1 + 1) / (tf + self._norm[docs])
        return out

    def compound_parts(self, word: str) -> tuple[str, ...]:
        """The parts of an indexed compound that are words of the index themselves:
        ``sichtprufung`` → ``prufung``, ``qualitatsprufung`` → ``qualitat``, ``prufung``.

        For indexes that cannot split compounds at query time (the static fallback): the
        parts are added to the text so that "Prüfung" finds "Sichtprüfung" there too.
        """
        parts = [p for p in self._split(word) if p in self._vocabulary]
        for cut in range(3, len(word) - MIN_PART + 1):
            head = word[cut:]
            if head in self._vocabulary and head not in _SUFFIXES:
                parts.append(head)
                break
        return tuple(dict.fromkeys(p for p in parts if p != word))

    def _analyze_word(self, word: str, split: bool = True) -> QueryWord:
        found: dict[str, float] = {}
        own = stem(word)
        if own in self._postings:
            found[own] = 1.0
        heads, modifiers = self._relatives(word)
        for relative in heads:
            found.setdefault(self._vocabulary[relative], self.HEAD_WEIGHT)
        for relative in modifiers:
            found.setdefault(self._vocabulary[relative], self.MODIFIER_WEIGHT)
        parts = (
            tuple(self._analyze_word(p, split=False) for p in self._split(word)) if split else ()
        )
        if not found and not parts:
            for near in self._near(word):
                found.setdefault(self._vocabulary[near], self.TYPO_WEIGHT)
        alternatives = tuple((s, w) for s, w in found.items() if s in self._postings)
        return QueryWord(word, alternatives, parts)

    def _relatives(self, word: str) -> tuple[set[str], set[str]]:
        """Vocabulary compounds with ``word`` (or its stem) as their head, and as first part.

        A first part only counts when the rest is a known word ("Daten|schutz"), which keeps
        "Works" from matching "Workshop".
        """
        heads: set[str] = set()
        modifiers: set[str] = set()
        for part in {p for p in (word, stem(word)) if len(p) >= MIN_PART}:
            for ending in () if part in _SUFFIXES else _ENDINGS:
                heads |= self._heads.get(part + ending, set())
            for link in _LINKS:
                for relative in self._modifiers.get(part + link, ()):
                    if self._known(relative[len(part + link) :]):
                        modifiers.add(relative)
        return heads - {word}, modifiers - {word} - heads

    def _known(self, word: str) -> bool:
        return word in self._vocabulary or stem(word) in self._postings

    def _split(self, word: str) -> tuple[str, ...]:
        """A compound query word as (first part, head), or ().

        A part is an indexed word or a piece of an indexed compound. At least one part must
        be a word ("Qualität|s|prüfung"), both when the index knows the compound itself, so
        "Predictive" never splits into "pred" and "ictive". Among the rest whole words win,
        then splits at a linking element.
        """
        needed = 4 if self._known(word) else 3
        best: tuple[int, tuple[str, str]] | None = None
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            head, modifier = word[cut:], word[:cut]
            head_rank = 2 if self._known(head) else 1 if head in self._heads else 0
            if not head_rank:
                continue
            for link in _LINKS:
                base = modifier[: len(modifier) - len(link)]
                if not modifier.endswith(link) or len(base) < MIN_PART:
                    continue
                base_rank = 2 if self._known(base) else 1 if base in self._modifiers else 0
                if not base_rank or head_rank + base_rank < needed:
                    continue
                rank = 4 * (head_rank + base_rank) + (link != "")
                if best is None or rank > best[0]:
                    best = (rank, (base, head))
        return best[1] if best else ()

    def _near(self, word: str) -> list[str]:
        """Vocabulary words one typo away (substitution, insertion, deletion, swap)."""
        if len(word) < 5:
            return []
        if self._deletions is None:
            deletions: dict[str, set[str]] = defaultdict(set)
            for known in self._vocabulary:
                for variant in _deletes(known):
                    deletions[variant].add(known)
            self._deletions = dict(deletions)
        near: set[str] = set()
        for variant in _deletes(word):
            near |= self._deletions.get(variant, set())
        return sorted(near - {word})


def _part_maps(vocabulary: Iterable[str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Each word's possible heads (endings) and first parts (beginnings), for compound lookup.

    A head keeps at least 3 letters in front of it, a first part at least ``MIN_PART`` after.
    """
    heads: dict[str, set[str]] = defaultdict(set)
    modifiers: dict[str, set[str]] = defaultdict(set)
    for word in vocabulary:
        for cut in range(3, len(word) - MIN_PART + 1):
            heads[word[cut:]].add(word)
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            modifiers[word[:cut]].add(word)
    return dict(heads), dict(modifiers)


def _deletes(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}
