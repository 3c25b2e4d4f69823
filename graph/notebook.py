"""Small helpers for exploring a build in Jupyter: where the output goes, pages shown inline.

Nothing here imports IPython: :class:`InlinePage` has a ``_repr_html_`` method, which Jupyter
(and nbconvert) call to show any object as HTML.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import OutputError

#: Environment variable naming the folder a notebook builds into (tests point it at a temp dir).
OUT_ENV = "EVKG_OUT"


def find_root(start: str | Path | None = None) -> Path:
    """The repository folder at or above ``start`` (default: the working directory).

    The root is the first folder holding both ``graph/`` and ``seeds/``, so a notebook finds it
    whether it runs from the repository root or from ``notebooks/``.
    """
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "graph").is_dir() and (folder / "seeds").is_dir():
            return folder
    raise OutputError(f"{here}: no folder at or above it holds graph/ and seeds/; run from the repository")


def output_dir(root: str | Path, env: dict[str, str] | None = None) -> Path:
    """Where to build: ``$EVKG_OUT`` if set (relative paths from ``root``), else ``root/out``."""
    value = (os.environ if env is None else env).get(OUT_ENV, "").strip()
    return Path(root) / value if value else Path(root) / "out"


@dataclass(frozen=True)
class InlinePage:
    """A self-contained HTML page shown inside an ``<iframe srcdoc>``.

    The page is escaped into the ``srcdoc`` attribute, so its styles and scripts run in their own
    document; the ``sandbox`` lets scripts run but gives the frame an opaque origin, so the page
    cannot reach the notebook around it.
    """

    page: str = field(repr=False)
    height: int = 640
    title: str = "page"

    @classmethod
    def from_file(cls, path: str | Path, height: int = 640) -> InlinePage:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise OutputError(f"{path}: no such page; build first (`evkg build INPUT --out DIR`)") from None
        return cls(text, height=height, title=path.stem)

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.page, quote=True)}" title="{html.escape(self.title)}" '
            f'sandbox="allow-scripts allow-popups" '
            f'style="width:100%;height:{int(self.height)}px;border:1px solid #ddd;border-radius:4px">'
            "</iframe>"
        )
