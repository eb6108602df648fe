"""Feasibility: a FIFO label-correcting shortest-path search with Tarjan's subtree
disassembly, which shows a violated cycle the moment it closes."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from typing import Any

from claimrec._gc import quiet_gc
from claimrec.constraints.system import FlowSystem, _Graph, _graph


class _Search:
    """Bellman–Ford–Moore with a FIFO queue and Tarjan's subtree disassembly.

    The shortest-path tree is kept as a preorder list with depths. When the
    distance of a node falls, its whole subtree is taken out of the tree (those
    distances are stale: they will fall too) and its queued members are skipped,
    so no work is spent on labels known to be outdated. A negative cycle shows
    at once: a node improves an ancestor of itself. Each run scans, on every
    family of systems measured (``benchmarks/reconcile.py``), a few edges per
    constraint; the worst case of the method is Bellman–Ford's O(n·m).

    ``dist`` holds, for every node, the weight of some walk from a virtual
    source (an edge of weight ``dist[v]`` to every node with a finite label),
    so a search can be resumed after edges are dropped (:meth:`drop`).
    """

    __slots__ = ("depth", "dist", "graph", "in_tree", "next", "parent", "prev", "queue")

    def __init__(self, graph: _Graph, dist: list[Any], seeds: Sequence[int]) -> None:
        n = len(dist)
        self.graph = graph
        self.dist = dist
        self.parent = [-1] * n
        self.next = [n] * (n + 1)  # preorder list; index n is the virtual root
        self.prev = [n] * (n + 1)
        self.depth = [0] * (n + 1)
        self.in_tree = [False] * n
        self.queue: deque[int] = deque()
        self._roots(seeds)

    def _roots(self, nodes: Sequence[int]) -> None:
        """Hang ``nodes`` (out of the tree) under the root and queue them."""
        nxt, prv, depth, in_tree = self.next, self.prev, self.depth, self.in_tree
        root = len(self.dist)
        last = prv[root]
        nodes = [v for v in dict.fromkeys(nodes) if not in_tree[v]]
        for v in nodes:
            nxt[last], prv[v] = v, last
            last = v
            depth[v] = 1
            in_tree[v] = True
            self.parent[v] = -1
        nxt[last], prv[root] = root, last
        self.queue.extend(nodes)

    def run(self) -> list[int] | None:
        """Relax to shortest paths; the edge ids of a negative cycle, in order,
        or None when the labels converged."""
        out = self.graph.out
        dist, parent = self.dist, self.parent
        nxt, prv, depth, in_tree = self.next, self.prev, self.depth, self.in_tree
        queue = self.queue
        queued = [False] * len(dist)
        for v in queue:
            queued[v] = True
        pop, push = queue.popleft, queue.append
        while queue:
            u = pop()
            queued[u] = False
            if not in_tree[u]:
                continue  # taken out with a subtree: it will be reached again
            du = dist[u]
            below = depth[u] + 1
            for v, w, e in out[u]:
                candidate = du + w
                if candidate >= dist[v]:
                    continue
                if in_tree[v]:
                    # Take v's subtree out of the tree; u in it closes a negative cycle.
                    dv = depth[v]
                    x = nxt[v]
                    while depth[x] > dv:
                        if x == u:
                            # Leave the tree as it was, so that the search can resume.
                            y = nxt[v]
                            while y != u:
                                in_tree[y] = True
                                y = nxt[y]
                            queue.appendleft(u)  # u is scanned again
                            return self._cycle(u, v, e)
                        in_tree[x] = False
                        x = nxt[x]
                    p = prv[v]
                    nxt[p], prv[x] = x, p
                dist[v] = candidate
                parent[v] = e
                after = nxt[u]
                nxt[u], prv[v], nxt[v], prv[after] = v, u, after, v
                depth[v] = below
                in_tree[v] = True
                if not queued[v]:
                    queued[v] = True
                    push(v)
        return None

    def _cycle(self, u: int, v: int, edge: int) -> list[int]:
        """The cycle v → … → u (tree path) → v (``edge``), as edge ids."""
        tails = self.graph.tails
        path = []
        x = u
        while x != v:
            e = self.parent[x]
            path.append(e)
            x = int(tails[e])
        path.reverse()
        path.append(edge)
        return path

    def drop(self, edges: Sequence[int]) -> None:
        """Remove constraint edges from the graph so that :meth:`run` can resume.

        Labels need not be shortest-path distances to be resumed from: with
        no negative cycle the search stops only when every edge holds, which
        proves feasibility whatever the labels were; and a cycle is reported
        only as a tree path plus an edge, all of them current edges. So no
        label is reset. A subtree hanging from a dropped edge moves under the
        virtual root (its label becomes the weight of a virtual edge), and
        nodes taken out of the tree before (whose pending update might have
        come through a dropped edge) are hung under the root and queued.
        """
        graph = self.graph
        nxt, prv, depth, in_tree = self.next, self.prev, self.depth, self.in_tree
        root = len(self.dist)
        for e in edges:
            tail, head = int(graph.tails[e]), int(graph.heads[e])
            graph.out[tail][:] = [t for t in graph.out[tail] if t[2] != e]
            if not (in_tree[head] and self.parent[head] == e):
                continue
            shift = depth[head] - 1
            last = head
            x = nxt[head]
            while depth[x] > depth[head]:
                last = x
                x = nxt[x]
            p = prv[head]
            nxt[p], prv[x] = x, p  # unlink the block head .. last
            y = head
            while True:
                depth[y] -= shift
                if y == last:
                    break
                y = nxt[y]
            end = prv[root]  # append the block at the end of the list
            nxt[end], prv[head] = head, end
            nxt[last], prv[root] = root, last
            self.parent[head] = -1
        stale = [v for v in range(root) if not in_tree[v]]
        self._roots(stale)


def _solve(graph: _Graph) -> tuple[list[int] | None, list[Any]]:
    """``(negative cycle or None, labels)``; when feasible the labels are shortest
    distances from a virtual source joined to every node at 0: a potential
    under which every edge's reduced weight is non-negative."""
    n = int(graph.days.size)
    dist: list[Any] = [0] * n
    search = _Search(graph, dist, range(n - 1, -1, -1))
    return search.run(), dist


def _negative_cycle(graph: _Graph) -> list[int] | None:
    """Edge ids of a violated cycle, in order, or None when feasible."""
    return _solve(graph)[0]


def _members(graph: _Graph, edges: list[int]) -> list[int]:
    monotone = 2 * graph.n_constraints
    return sorted({e // 2 for e in edges if e < monotone})


@quiet_gc()
def is_feasible(system: FlowSystem) -> bool:
    """Whether some non-decreasing S satisfies every constraint of ``system``."""
    if len(system) == 0:
        return True
    return _negative_cycle(_graph(system)) is None
