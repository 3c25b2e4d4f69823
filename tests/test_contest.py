"""Contested figures on hand-made records."""

from __future__ import annotations

from graph.contest import bounds, contested, disagree
from graph.records import Entity, EntityKind, Figure

PLACES = {
    "kherson": Entity("kherson", "Kherson", EntityKind.PLACE, lat=46.64, long=32.61),
    "dnieper": Entity("dnieper", "Dnieper", EntityKind.PLACE, lat=46.70, long=32.70),
    "kyiv": Entity("kyiv", "Kyiv", EntityKind.PLACE, lat=50.45, long=30.52),
}


def fig(value, by, places=("kherson",), unit="troops", low=None, high=None, qualifier=None):
    return Figure(
        value=value,
        unit=unit,
        text=str(value),
        low=low,
        high=high,
        qualifier=qualifier,
        given_by=by,
        places=tuple(places),
    )


def test_bounds_follow_qualifiers():
    assert bounds(fig(100, "a", qualifier="more than")) == (100, float("inf"))
    assert bounds(fig(25, "a", low=20, high=30, qualifier="range")) == (20, 30)
    low, high = bounds(fig(40_000, "a", qualifier="about"))
    assert low < 40_000 < high


def test_disagreement_needs_intervals_apart():
    assert disagree(fig(25_000, "a", low=20_000, high=30_000), fig(40_000, "b", qualifier="about"))
    assert not disagree(fig(41, "a"), fig(40, "b", qualifier="more than"))


def test_contested_pairs_need_other_sources_same_unit_and_nearby_places():
    figures = [
        fig(25_000, "milley", low=20_000, high=30_000, qualifier="range"),
        fig(40_000, "nato", places=("dnieper",), qualifier="about"),  # 10 km away: same thing
        fig(40_000, "milley", places=("dnieper",)),  # same source: not a contest
        fig(90_000, "nato", places=("kyiv",)),  # far away: another thing
        fig(90_000, "ukraine", unit="people"),  # another unit
        fig(25_000, "ukraine", low=20_000, high=30_000),  # agrees with the first
    ]
    pairs = contested(figures, PLACES)
    assert (0, 1) in pairs
    assert (0, 2) not in pairs and (0, 3) not in pairs and (0, 4) not in pairs and (0, 5) not in pairs
    assert (1, 5) in pairs
