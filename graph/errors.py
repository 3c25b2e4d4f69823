"""Exceptions the library raises; each message names the bad input and what is allowed.

The CLI turns any :class:`GraphError` into one clean line on stderr (no traceback).
"""

from __future__ import annotations


class GraphError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(GraphError):
    """An input file could not be read as an article (empty, binary, bad encoding...)."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class MetadataError(InputError):
    """A metadata sidecar (``articles.json``) or a JSONL line is malformed."""


class QueryError(GraphError):
    """A SPARQL query is malformed, unknown by name, or timed out."""


class OutputError(GraphError):
    """The output folder cannot be written or does not hold a build."""
