"""Near-duplicate articles: the same wire story carried by several outlets.

Agencies' copy reaches dozens of sites with a new headline, a trimmed last
paragraph or an added line of context. Counting each copy as a separate report
would make one agency look like a chorus of independent sources, so at ingest the
store links each near-duplicate to its original (``articles.duplicate_of``, with
the estimated ``similarity``), and ``sitroom stats`` counts the near-duplicates.

The test is MinHash over word 5-shingles: each text becomes ``PERMUTATIONS``
small integers whose agreement rate estimates the Jaccard similarity of the two
texts' shingle sets. Fingerprints are stable (derived from BLAKE2b, not from
Python's salted ``hash`` nor a random generator), so the ones stored in a
database stay comparable across runs, machines and versions. For lookup without
comparing against every stored article, :func:`band_keys` cuts a fingerprint
into LSH bands: two texts above ``THRESHOLD`` share at least one band key with
high probability, and the store only compares the articles that share one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np

SHINGLE = 5  # words per shingle: long enough that shared shingles mean shared sentences
PERMUTATIONS = 128
BANDS = 32  # 32 bands of 4 rows: a pair at Jaccard 0.6 shares a band with p > 0.98
ROWS = PERMUTATIONS // BANDS
THRESHOLD = 0.6  # estimated Jaccard at and above which two articles are one story
_PRIME = (1 << 31) - 1
_WORD = re.compile(r"\w+")

Fingerprint = np.ndarray  # uint32[PERMUTATIONS]


def _params() -> tuple[np.ndarray, np.ndarray]:
    """The fixed coefficients of the permutations ``(a * x + b) mod p``."""
    raw = [
        int.from_bytes(hashlib.blake2b(f"minhash-{i}".encode(), digest_size=8).digest(), "big")
        for i in range(2 * PERMUTATIONS)
    ]
    a = np.array([r % (_PRIME - 1) + 1 for r in raw[:PERMUTATIONS]], dtype=np.uint64)
    b = np.array([r % _PRIME for r in raw[PERMUTATIONS:]], dtype=np.uint64)
    return a, b


_A, _B = _params()


def shingles(text: str) -> set[str]:
    """The text's lower-cased word 5-grams (the whole text when it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= SHINGLE:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def fingerprint(text: str) -> Fingerprint:
    """The MinHash signature of ``text``: ``PERMUTATIONS`` uint32 values."""
    hashes = np.fromiter(
        (int.from_bytes(hashlib.blake2b(s.encode(), digest_size=4).digest(), "big") for s in shingles(text)),
        dtype=np.uint64,
    )
    permuted = (hashes[:, None] * _A[None, :] + _B[None, :]) % _PRIME
    return permuted.min(axis=0).astype(np.uint32)


def similarity(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets, in [0, 1]."""
    return float(np.mean(a == b))


def to_bytes(fp: Fingerprint) -> bytes:
    """The fingerprint as a 512-byte little-endian blob, for a database column."""
    return fp.astype("<u4").tobytes()


def from_bytes(blob: bytes) -> Fingerprint:
    """The fingerprint stored by :func:`to_bytes`."""
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


def band_keys(fp: Fingerprint) -> list[str]:
    """LSH keys (``"band:hash"``): articles to compare are those sharing at least one."""
    data = fp.astype("<u4")
    return [
        f"{band}:{hashlib.blake2b(data[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8).hexdigest()}"
        for band in range(BANDS)
    ]


def best_match(
    fp: Fingerprint, candidates: Iterable[tuple[str, bytes]], threshold: float = THRESHOLD
) -> tuple[str, float] | None:
    """The most similar candidate ``(id, stored fingerprint)`` at or above ``threshold``."""
    best: tuple[str, float] | None = None
    for cid, blob in candidates:
        score = similarity(fp, from_bytes(blob))
        if score >= threshold and (best is None or score > best[1]):
            best = (cid, score)
    return best
