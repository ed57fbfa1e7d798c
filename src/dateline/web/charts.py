"""Chart layouts for the web UI, computed on the server so pages render as plain SVG (no chart library, no JS needed).

A timeline places merged events by date in one lane per QuadClass; the network places actors with a small,
deterministic force layout (Fruchterman-Reingold) so the same data always draws the same picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from dateline.records import iso_day

QUAD_CLASSES = {
    1: ("Verbal cooperation", "#2f7ebc"),
    2: ("Material cooperation", "#2a9d8f"),
    3: ("Verbal conflict", "#e09f3e"),
    4: ("Material conflict", "#c8553d"),
}
UNKNOWN_QUAD = ("Not classified", "#8a8f98")


def quad_label(quad: int | None) -> str:
    return QUAD_CLASSES.get(quad, UNKNOWN_QUAD)[0]


def quad_colour(quad: int | None) -> str:
    return QUAD_CLASSES.get(quad, UNKNOWN_QUAD)[1]


@dataclass
class Timeline:
    width: int
    height: int
    lanes: list[dict[str, Any]]
    ticks: list[dict[str, Any]]
    dots: list[dict[str, Any]]
    undated: list[dict[str, Any]] = field(default_factory=list)


def _tick_step(days: int) -> int:
    for step in (1, 2, 7, 14, 30, 61, 91, 182, 365):
        if days / step <= 10:
            return step
    return 730


def timeline(events: list[dict[str, Any]], width: int = 960, lane_height: int = 56) -> Timeline:
    """Dots for dated events (x by date, one lane per QuadClass, radius by number of sources); undated apart."""
    dated = [(d, e) for e in events if (d := iso_day(e.get("date")))]
    quads = sorted({e.get("quad_class") or 0 for _, e in dated}) or [1]
    left, right, top = 150, 24, 16
    lanes = [{"quad": q, "label": quad_label(q), "colour": quad_colour(q), "y": top + i * lane_height + lane_height / 2}
             for i, q in enumerate(quads)]
    lane_y = {lane["quad"]: lane["y"] for lane in lanes}
    height = top + len(lanes) * lane_height + 34
    first = min((d for d, _ in dated), default=date.today()) - timedelta(days=1)
    last = max((d for d, _ in dated), default=date.today()) + timedelta(days=1)
    span = max((last - first).days, 1)

    def x_of(day: date) -> float:
        return left + (width - left - right) * (day - first).days / span

    step = _tick_step(span)
    ticks = [{"x": x_of(first + timedelta(days=i)), "label": (first + timedelta(days=i)).strftime("%d %b %Y")}
             for i in range(0, span + 1, step)]
    stacked: dict[tuple[date, int], int] = {}
    dots = []
    for day, event in sorted(dated, key=lambda pair: (pair[0], -(pair[1].get("num_sources") or 1))):
        quad = event.get("quad_class") or 0
        slot = stacked[(day, quad)] = stacked.get((day, quad), -1) + 1
        sources = event.get("num_sources") or 1
        dots.append({
            "x": x_of(day) + 14 * slot, "y": lane_y[quad], "r": 5 + 3 * min(sources - 1, 4),
            "colour": quad_colour(event.get("quad_class")), "event": event, "date": day.isoformat(),
        })  # fmt: skip
    undated = [e for e in events if not iso_day(e.get("date"))]
    return Timeline(width, height, lanes, ticks, dots, undated)


@dataclass
class NetworkLayout:
    width: int
    height: int
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


def _force_layout(ids: list[str], links: list[tuple[int, int, float]], width: int, height: int,
                  iterations: int = 160) -> list[tuple[float, float]]:
    """Fruchterman-Reingold from a circle (deterministic: no random start)."""
    n = len(ids)
    if n == 0:
        return []
    cx, cy = width / 2, height / 2
    radius = min(width, height) * 0.38
    pos = [[cx + radius * math.cos(2 * math.pi * i / n), cy + radius * math.sin(2 * math.pi * i / n)]
           for i in range(n)]
    k = math.sqrt(width * height / n) * 0.55
    temperature = width / 8
    for _ in range(iterations):
        disp = [[0.0, 0.0] for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
                dist = max(math.hypot(dx, dy), 0.01)
                force = k * k / dist
                disp[i][0] += dx / dist * force
                disp[i][1] += dy / dist * force
                disp[j][0] -= dx / dist * force
                disp[j][1] -= dy / dist * force
        for a, b, weight in links:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = max(math.hypot(dx, dy), 0.01)
            force = dist * dist / k * (1 + math.log1p(weight) * 0.2)
            disp[a][0] -= dx / dist * force
            disp[a][1] -= dy / dist * force
            disp[b][0] += dx / dist * force
            disp[b][1] += dy / dist * force
        for i in range(n):
            dx, dy = disp[i]
            length = max(math.hypot(dx, dy), 0.01)
            step = min(length, temperature)
            pos[i][0] = min(width - 70, max(70, pos[i][0] + dx / length * step))
            pos[i][1] = min(height - 40, max(40, pos[i][1] + dy / length * step))
        temperature *= 0.96
    return [(x, y) for x, y in pos]


def network(graph: dict[str, list[dict[str, Any]]], width: int = 960, height: int = 600,
            max_nodes: int = 40) -> NetworkLayout:
    """Place the most active `max_nodes` actors; edges are curved per QuadClass so parallel ones stay apart."""
    nodes = graph["nodes"][:max_nodes]
    index = {node["id"]: i for i, node in enumerate(nodes)}
    edges = [e for e in graph["edges"] if e["source"] in index and e["target"] in index]
    pair_weight: dict[tuple[int, int], float] = {}
    for edge in edges:
        pair = (index[edge["source"]], index[edge["target"]])
        pair_weight[pair] = pair_weight.get(pair, 0) + edge["events"]
    pos = _force_layout([n["id"] for n in nodes], [(a, b, w) for (a, b), w in pair_weight.items()], width, height)
    most = max((n["events"] for n in nodes), default=1)
    placed = [{**node, "x": x, "y": y, "r": 6 + 16 * math.sqrt(node["events"] / most)}
              for node, (x, y) in zip(nodes, pos)]
    heaviest = max((e["events"] for e in edges), default=1)
    drawn = []
    for edge in edges:
        a, b = placed[index[edge["source"]]], placed[index[edge["target"]]]
        bend = 18 * ((edge.get("quad_class") or 0) - 2.5)
        drawn.append({**edge, "path": _curve(a, b, bend), "colour": quad_colour(edge.get("quad_class")),
                      "width": 1.2 + 5 * math.sqrt(edge["events"] / heaviest),
                      "label": f"{a['label']} → {b['label']}: {edge['events']} {quad_label(edge.get('quad_class'))}"})
    return NetworkLayout(width, height, placed, drawn)


def _curve(a: dict[str, Any], b: dict[str, Any], bend: float) -> str:
    """A quadratic curve from a's rim to b's rim, bowed sideways by `bend` pixels."""
    dx, dy = b["x"] - a["x"], b["y"] - a["y"]
    dist = max(math.hypot(dx, dy), 0.01)
    ux, uy = dx / dist, dy / dist
    sx, sy = a["x"] + ux * a["r"], a["y"] + uy * a["r"]
    ex, ey = b["x"] - ux * (b["r"] + 4), b["y"] - uy * (b["r"] + 4)
    mx, my = (sx + ex) / 2 - uy * bend, (sy + ey) / 2 + ux * bend
    return f"M{sx:.1f},{sy:.1f} Q{mx:.1f},{my:.1f} {ex:.1f},{ey:.1f}"
