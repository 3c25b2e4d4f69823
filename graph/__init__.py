"""Event-timeline knowledge graph from news articles.

Kept light on purpose: importing ``graph`` loads no model and no heavy library, so
``evkg --help`` answers at once. Import the stage modules you need.
"""

from __future__ import annotations

__version__ = "0.1.0"
