"""Many articles through the pipeline: a bad one is reported and skipped, the rest kept.

This is the Python API the CLI wraps: :func:`records` for ``sitroom extract``
and :func:`ingest` for ``sitroom ingest``. Articles in a language the pipeline
does not handle are stored, marked "not analysed: <language>", never fed to it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.language import Language

from sitroom.config import Options
from sitroom.errors import E100, SitroomError
from sitroom.ingest.sources import iter_articles
from sitroom.pipeline import build_nlp, extract
from sitroom.record import Article, Record
from sitroom.store import Store


@dataclass
class Report:
    """What a batch did: counts by outcome and the one-line errors."""

    counts: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # stored, but the reader must know ("undated: ...")

    @property
    def failed(self) -> int:
        return len(self.errors)


def analysable(article: Article, nlp: Language) -> bool:
    """Whether the pipeline's language covers the article (unknown language: try it)."""
    return article.language in (None, "", nlp.lang)


def records(
    articles: Iterable[Article | SitroomError], options: Options, nlp: Language | None = None
) -> Iterator[Record | SitroomError]:
    """Extract each article; an input error or a failure inside a stage is yielded, not raised."""
    nlp = nlp or build_nlp(options)
    for item in articles:
        if isinstance(item, SitroomError):
            yield item
            continue
        if not analysable(item, nlp):
            yield Record(article=item)
            continue
        try:
            yield extract(nlp, item, options)
        except Exception as exc:  # one article's failure must not stop the batch
            yield SitroomError(E100, item.origin or item.id, f"extraction failed: {type(exc).__name__}: {exc}")


def ingest(
    inputs: Sequence[str],
    options: Options,
    store: Store,
    nlp: Language | None = None,
    on_total: Callable[[int], None] | None = None,
    on_item: Callable[[Article | None], None] | None = None,
) -> Report:
    """Read, extract and store every input, one transaction per article.

    ``on_total`` hears how many items there are and ``on_item`` each one done,
    which is what a progress bar needs.
    """
    report = Report()
    nlp = nlp or build_nlp(options)
    pending = list(iter_articles(inputs, options))
    on_total and on_total(len(pending))
    for item in pending:
        ingest_one(item, options, store, nlp, report)
        on_item and on_item(item if isinstance(item, Article) else None)
    return report


def ingest_one(item: Article | SitroomError, options: Options, store: Store, nlp: Language, report: Report) -> None:
    """Extract and store one article (a text already stored is not processed again)."""
    if isinstance(item, Article) and store.has_text(item.hash):
        report.counts["same"] += 1
        return
    for result in records([item], options, nlp):
        if isinstance(result, SitroomError):
            report.errors.append(str(result))
            continue
        status = "analysed" if analysable(result.article, nlp) else f"not analysed: {result.article.language}"
        report.warnings += [f"{result.article.origin or result.article.id}: {w}" for w in result.warnings]
        report.counts[store.ingest(result, status)] += 1
