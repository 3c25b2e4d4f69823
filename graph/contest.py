"""Contested figures: different sources giving values for the same thing that cannot both hold.

"20,000 to 30,000 troops in Lyon" (Hale) and "around 40,000 soldiers" crossing the
Dnipro there (NATO) contest each other; "over 40 towns" and "41 settlements" from the same
speaker do not. Pure functions over :class:`~graph.records.Figure` records.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from graph.merge import distance_km
from graph.quantities import bounds, disagree
from graph.records import Entity, Figure

#: ``bounds`` and ``disagree`` live in graph.quantities (the merger reads counts in quotes too).
__all__ = ["bounds", "contested", "disagree", "same_subject"]


def same_subject(a: Figure, b: Figure, entities: Mapping[str, Entity], max_km: float) -> bool:
    """Same unit, and places that are the same or near each other."""
    if a.unit != b.unit or not a.places or not b.places:
        return False
    if set(a.places) & set(b.places):
        return True
    for x in a.places:
        for y in b.places:
            ex, ey = entities.get(x), entities.get(y)
            d = distance_km(ex, ey) if ex is not None and ey is not None else None
            if d is not None and d <= max_km:
                return True
    return False


def _cells(f: Figure, entities: Mapping[str, Entity]) -> set[tuple]:
    """Blocking keys: each place, and the one-degree grid cells around each located place."""
    keys: set[tuple] = set()
    for k in f.places:
        keys.add(("place", k))
        e = entities.get(k)
        if e is not None and e.lat is not None and e.long is not None:
            lat, lon = int(e.lat // 1), int(e.long // 1)
            keys.update(("cell", lat + dy, lon + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1))
    return keys


def contested(
    figures: Sequence[Figure], entities: Mapping[str, Entity], max_km: float = 150.0
) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of figures from different known sources that are about
    the same thing and disagree.

    Candidates are blocked by unit and place (or one-degree grid cell), so the work grows
    with the figures about one place, never with all pairs.
    """
    blocks: dict[tuple, list[int]] = {}
    for i, f in enumerate(figures):
        if f.given_by:
            for key in _cells(f, entities):
                blocks.setdefault((f.unit, *key), []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        for n, i in enumerate(members):
            for j in members[n + 1 :]:
                a, b = figures[i], figures[j]
                if (i, j) in pairs or a.given_by == b.given_by:
                    continue
                if same_subject(a, b, entities, max_km) and disagree(a, b):
                    pairs.add((i, j))
    return sorted(pairs)
