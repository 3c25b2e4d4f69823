"""Coreference scores: MUC, B³, CEAF-e and the CoNLL F1, over clusterings of mention ids.

A clustering is a sequence of clusters, each a collection of hashable mention ids; a mention
may be in one cluster of a clustering at most. Definitions follow the reference scorer
(Pradhan et al., "Scoring coreference partitions of predicted mentions: a reference
implementation", ACL 2014), so the figures are comparable with published ones:

* **MUC** (Vilain et al. 1995): recall = Σ_K (|K| − |p(K)|) / Σ_K (|K| − 1), where p(K) splits a
  key cluster K by the response clusters, and a mention of K that no response cluster holds is
  a part of its own (a singleton). Precision swaps key and response. Singleton clusters add
  nothing, so with no link on a side the 0/0 ratio is 0 (as the reference scorer reports it).
* **B³** (Bagga and Baldwin 1998), mention-weighted: recall = Σ_K Σ_R |K∩R|²/|K| / Σ_K |K|,
  precision swaps key and response. A mention missing from the other side shares nothing there.
* **CEAF-e** (Luo 2005), entity-based: φ₄(K, R) = 2|K∩R| / (|K| + |R|); the best one-to-one
  alignment of key and response clusters (Kuhn–Munkres, :func:`max_weight_assignment`) gives
  Φ; recall = Φ / #key clusters, precision = Φ / #response clusters.
* **CoNLL F1** = mean of the three F1s (Pradhan et al. 2011).

With gold mentions both sides hold the same mentions. Where they do not, :func:`with_singletons`
adds each mention missing from one side to it as a singleton — the convention the ECB+
evaluation states — before scoring; the metric functions themselves never add anything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass

Clustering = Sequence[Collection[Hashable]]


@dataclass(frozen=True)
class PRF:
    """Precision and recall of one metric; ``f1`` is their harmonic mean (0 when both are 0)."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class CorefScores:
    """The three metrics and their mean F1."""

    muc: PRF
    b_cubed: PRF
    ceaf_e: PRF

    @property
    def conll_f1(self) -> float:
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3

    def figures(self, prefix: str = "") -> dict[str, float]:
        """``name → value`` of every figure, in percent as papers print them (``muc_f1=76.3``)."""
        out: dict[str, float] = {}
        for name in ("muc", "b_cubed", "ceaf_e"):
            prf: PRF = getattr(self, name)
            out[f"{prefix}{name}_r"] = 100 * prf.recall
            out[f"{prefix}{name}_p"] = 100 * prf.precision
            out[f"{prefix}{name}_f1"] = 100 * prf.f1
        out[f"{prefix}conll_f1"] = 100 * self.conll_f1
        return out


def clusters_of(clustering: Clustering, side: str = "clustering") -> list[frozenset[Hashable]]:
    """The non-empty clusters as frozensets; a ValueError names a mention found in two clusters."""
    seen: set[Hashable] = set()
    out = []
    for cluster in clustering:
        members = frozenset(cluster)
        twice = seen & members
        if twice:
            raise ValueError(
                f"mention {sorted(map(repr, twice))[0]} is in two clusters of the {side}; "
                "a mention may belong to one cluster only"
            )
        seen |= members
        if members:
            out.append(members)
    return out


def with_singletons(key: Clustering, response: Clustering) -> tuple[list[frozenset], list[frozenset]]:
    """``key`` and ``response`` with every mention only one side has added to the other as a singleton."""
    k, r = clusters_of(key, "key"), clusters_of(response, "response")
    in_k = set().union(*k)
    in_r = set().union(*r)
    return (
        k + [frozenset([m]) for m in sorted(in_r - in_k, key=repr)],
        r + [frozenset([m]) for m in sorted(in_k - in_r, key=repr)],
    )


def _index(clusters: Sequence[frozenset]) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def _muc_recall(key: Sequence[frozenset], response: Sequence[frozenset]) -> float:
    where = _index(response)
    links = sum(len(k) - 1 for k in key)
    if not links:
        return 0.0
    found = 0
    for k in key:
        parts = {where.get(m, ("alone", m)) for m in k}
        found += len(k) - len(parts)
    return found / links


def muc(key: Clustering, response: Clustering) -> PRF:
    """MUC link-based precision and recall."""
    k, r = clusters_of(key, "key"), clusters_of(response, "response")
    return PRF(precision=_muc_recall(r, k), recall=_muc_recall(k, r))


def _b_cubed_recall(key: Sequence[frozenset], response: Sequence[frozenset]) -> float:
    where = _index(response)
    total = sum(len(c) for c in key)
    if not total:
        return 0.0
    score = 0.0
    for k in key:
        overlap: dict[int, int] = defaultdict(int)
        for m in k:
            if m in where:
                overlap[where[m]] += 1
        score += sum(n * n for n in overlap.values()) / len(k)
    return score / total


def b_cubed(key: Clustering, response: Clustering) -> PRF:
    """B³ mention-weighted precision and recall."""
    k, r = clusters_of(key, "key"), clusters_of(response, "response")
    return PRF(precision=_b_cubed_recall(r, k), recall=_b_cubed_recall(k, r))


def ceaf_e(key: Clustering, response: Clustering) -> PRF:
    """Entity-based CEAF (φ₄) precision and recall under the best one-to-one cluster alignment."""
    k, r = clusters_of(key, "key"), clusters_of(response, "response")
    if not k or not r:
        return PRF(0.0, 0.0)
    where = _index(r)
    # Only clusters sharing a mention have φ₄ > 0, so the alignment splits into the connected
    # components of the overlap graph: small problems instead of one #key × #response matrix.
    total = 0.0
    for ks, rs in _components(k, where):
        weights = [[_phi4(k[i], r[j]) for j in rs] for i in ks]
        total += sum(weights[a][b] for a, b in max_weight_assignment(weights))
    return PRF(precision=total / len(r), recall=total / len(k))


def _phi4(a: frozenset, b: frozenset) -> float:
    return 2 * len(a & b) / (len(a) + len(b))


def _components(key: Sequence[frozenset], where: dict[Hashable, int]) -> list[tuple[list[int], list[int]]]:
    """Groups of (key cluster indices, response cluster indices) linked by shared mentions."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, c in enumerate(key):
        find(("k", i))
        for m in c:
            if m in where:
                a, b = find(("k", i)), find(("r", where[m]))
                if a != b:
                    parent[b] = a
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for node in list(parent):
        side, i = node
        groups[find(node)][0 if side == "k" else 1].append(i)
    return [(sorted(ks), sorted(rs)) for ks, rs in groups.values() if ks and rs]


def max_weight_assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """A one-to-one assignment of rows to columns with the largest total weight (Kuhn–Munkres).

    ``weights`` is a rectangular matrix (rows of equal length); returns ``(row, column)`` pairs,
    min(#rows, #columns) of them. O(n²·m) for n ≤ m.
    """
    n = len(weights)
    m = len(weights[0]) if n else 0
    if any(len(row) != m for row in weights):
        raise ValueError("weights must be a rectangular matrix: every row the same length")
    if n == 0 or m == 0:
        return []
    if n > m:
        transposed = [[weights[i][j] for i in range(n)] for j in range(m)]
        return sorted((i, j) for j, i in max_weight_assignment(transposed))
    top = max(max(row) for row in weights)
    # Shortest augmenting paths with potentials (1-indexed; column 0 is a sentinel), on costs
    # top − w ≥ 0 so that the minimum-cost assignment is the maximum-weight one.
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    match = [0] * (m + 1)  # match[j] = row assigned to column j
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        match[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                cur = (top - weights[i0 - 1][j - 1]) - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j], way[j] = cur, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return sorted((match[j] - 1, j - 1) for j in range(1, m + 1) if match[j])


def score(key: Clustering, response: Clustering) -> CorefScores:
    """MUC, B³ and CEAF-e of ``response`` against ``key``, as the metric functions define them."""
    return CorefScores(muc(key, response), b_cubed(key, response), ceaf_e(key, response))
