"""German text analysis shared by the lexical index and the snippets: folding, words, stems.

Both the text and the query are folded to one canonical spelling (``ä``/``ae`` → ``a``,
``ß`` → ``ss``) before stemming, so every way of writing an umlaut meets the same stem.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

_WORD = re.compile(r"\w+(?:-\w+)*")
_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "_": " "})
# ae/oe/ue spelt out for an umlaut; not after q (Quelle) or a diphthong (Feuer, Bauer).
_SPELT_UMLAUT = re.compile(r"(?<![qeai])([aou])e")
_STOPWORDS = """
    aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei
    beim bin bis bist da damit dann das dass dein deine dem den der des dessen die dies diese
    diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines er es
    etwas euch euer für gegen hat hatte hier hin hinter ich ihr ihre im in ist ja jede jedem
    jeden jeder jedes kann kein keine mit muss nach nicht noch nun nur ob oder ohne sehr sein
    seine sich sie sind so solche über um und uns unter vom von vor war waren was weil welche
    wenn wer werden wie wir wird wo zu zum zur zwischen
    a an and are as at be by for from how i in is it of on or that the this to we what
    which with you
"""


def fold(text: str) -> str:
    """Lower-case ``text`` and write umlauts and ß one canonical way (ä, ae → a; ß → ss)."""
    return _SPELT_UMLAUT.sub(r"\1", text.lower().translate(_UMLAUTS))


STOPWORDS = frozenset(fold(word) for word in _STOPWORDS.split())


def words(text: str) -> list[str]:
    """Folded words of ``text``; a hyphenated word also yields its joined form."""
    out: list[str] = []
    for match in _WORD.finditer(fold(text)):
        parts = match.group().split("-")
        out.extend(parts)
        if len(parts) > 1:
            out.append("".join(parts))
    return [w for w in out if len(w) > 1 and w not in STOPWORDS]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball German stem of an already folded word."""
    stemmed: str = _stemmer().stemWord(word)
    return stemmed


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german")
