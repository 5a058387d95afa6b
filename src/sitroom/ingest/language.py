"""Each article's language, detected offline.

Text the English pipeline cannot read is stored and marked "not analysed", never parsed
as English and never dropped. lingua decides from character n-grams shipped in its
package, built for the languages in ``knowledge/data/ingest/languages.tsv`` only and in
its low-accuracy (trigram) mode: about 30 MB and a quarter of a second to load, against
some 270 MB for the full mode, which gains nothing on article-length text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from sitroom.knowledge import data_text, read_tsv
from sitroom.record import Article

SAMPLE_CHARS = 3000  # the opening of an article says its language; the rest costs time
MIN_LETTERS = 20  # below this, a guess is noise: the language stays unknown
SHORT_LETTERS = 200  # below this, trigrams cannot tell Latin-script languages apart reliably
ENGLISH_SHARE = 0.1  # English function words per word at and above which a text is English
_LETTERS = re.compile(r"[^\W\d_]+")


def with_language(article: Article) -> Article:
    """``article`` with its language detected, unless its source already said it."""
    article.language = article.language or detect_language(article.text)
    return article


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    """The detector over the configured languages, built once per process."""
    languages = [
        Language.from_iso_code_639_1(IsoCode639_1.from_str(row["iso"])) for row in read_tsv("ingest/languages.tsv")
    ]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


@lru_cache(maxsize=1)
def _english_function_words() -> frozenset[str]:
    lines = data_text("english/function_words.txt").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or ``None`` when it cannot tell.

    The costly mistake is English taken for another language: that article
    would never be analysed. So English function words decide first (frequent
    ones mean English), and a short Latin-script text that lingua calls foreign
    stays unknown, which the batch treats as "try the pipeline": trigrams over a
    headline of names ("Vladimir Putin Portugal expels Diplomats") say French.
    """
    sample = text[:SAMPLE_CHARS]
    words = _LETTERS.findall(sample.lower())
    letters = sum(len(w) for w in words)
    if letters < MIN_LETTERS:
        return None
    if sum(w in _english_function_words() for w in words) >= ENGLISH_SHARE * len(words):
        return "en"
    found = _detector().detect_language_of(sample)
    if found is None or (letters < SHORT_LETTERS and _is_latin(sample)):
        return None
    return found.iso_code_639_1.name.lower()


def _is_latin(text: str) -> bool:
    """Whether most letters of ``text`` are Latin (A-Z with or without diacritics)."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch < "\u0250" for ch in letters) * 2 > len(letters)
