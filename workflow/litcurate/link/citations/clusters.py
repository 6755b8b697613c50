"""Union-find that refuses merges contradicting hard evidence.

Plain connected components chain: A~B and B~C puts A with C even when A and C are
known to differ. Each cluster therefore carries its cannot-link partners, its DOIs,
PMIDs and year range, and a merge is refused when it would put together two records
marked different, two different DOIs or PMIDs, or years more than ``max_year_span`` apart.
"""

from __future__ import annotations

from typing import Iterable


class ConstrainedClusters:
    def __init__(
        self,
        ids: Iterable[str],
        dois: dict[str, str] | None = None,
        pmids: dict[str, str] | None = None,
        years: dict[str, int | None] | None = None,
        max_year_span: int = 1,
    ) -> None:
        self._parent: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        self._cannot: dict[str, set[str]] = {}
        self._dois: dict[str, set[str]] = {}
        self._pmids: dict[str, set[str]] = {}
        self._years: dict[str, tuple[int, int] | None] = {}
        self.max_year_span = max_year_span
        dois, pmids, years = dois or {}, pmids or {}, years or {}
        for id_ in ids:
            self._parent[id_] = id_
            self._members[id_] = [id_]
            self._cannot[id_] = set()
            self._dois[id_] = {dois[id_]} if dois.get(id_) else set()
            self._pmids[id_] = {pmids[id_]} if pmids.get(id_) else set()
            year = years.get(id_)
            self._years[id_] = (year, year) if year is not None else None

    def find(self, id_: str) -> str:
        """The root of ``id_``'s cluster."""
        root = id_
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[id_] != root:  # path compression
            self._parent[id_], id_ = root, self._parent[id_]
        return root

    def same(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` are in one cluster."""
        return self.find(a) == self.find(b)

    def cannot_link(self, a: str, b: str) -> None:
        """Record that ``a`` and ``b`` must never share a cluster."""
        self._cannot[self.find(a)].add(b)
        self._cannot[self.find(b)].add(a)

    def conflict(self, a: str, b: str) -> str:
        """Why merging the clusters of ``a`` and ``b`` is refused, or ``""``."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ""
        small, other = (ra, rb) if len(self._cannot[ra]) <= len(self._cannot[rb]) else (rb, ra)
        if any(self.find(x) == other for x in self._cannot[small]):
            return "clusters hold records that differ"
        for label, sets in (("DOIs", self._dois), ("PMIDs", self._pmids)):
            sa, sb = sets[ra], sets[rb]
            if sa and sb and not (sa <= sb or sb <= sa):
                return f"clusters hold different {label}"
        ya, yb = self._years[ra], self._years[rb]
        if ya and yb and max(ya[1], yb[1]) - min(ya[0], yb[0]) > self.max_year_span:
            return f"years would span {min(ya[0], yb[0])}-{max(ya[1], yb[1])}"
        return ""

    def union(self, a: str, b: str, force: bool = False) -> str:
        """Merge the clusters of ``a`` and ``b``; return ``""`` or the reason it was refused."""
        reason = "" if force else self.conflict(a, b)
        if reason:
            return reason
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ""
        if len(self._members[ra]) < len(self._members[rb]):
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._members[ra].extend(self._members.pop(rb))
        self._cannot[ra] |= self._cannot.pop(rb)
        self._dois[ra] |= self._dois.pop(rb)
        self._pmids[ra] |= self._pmids.pop(rb)
        ya, yb = self._years[ra], self._years.pop(rb)
        self._years[ra] = (min(ya[0], yb[0]), max(ya[1], yb[1])) if ya and yb else ya or yb
        return ""

    def cluster_ids(self) -> dict[str, str]:
        """Every id -> its cluster id, the smallest member id (independent of merge order)."""
        label = {root: min(members) for root, members in self._members.items()}
        return {id_: label[self.find(id_)] for id_ in self._parent}
