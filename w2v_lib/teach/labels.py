"""Word labels beside scattered points, placed so that no two overlap and none is clipped.

Matplotlib draws a label where it is told, even on top of another one or past the edge of
the axes. ``place_labels`` asks the renderer how big each label is and tries positions
around its point, nearest first (right, above, left, below, then the diagonals, then
further out with a thin leader line), keeping the first one that overlaps no label placed
before it and no other point, lies inside the axes, and, where possible, is nearer its own
point than any other. If a label finds no free place, the axes' limits are
widened a little and every label is placed again.

    ax.scatter(xs, ys)
    place_labels(ax, np.c_[xs, ys], words)
"""

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text
from matplotlib.transforms import Bbox

# (dx, dy) directions in offset points, and the alignment that keeps the text on that side
_DIRECTIONS = [((1, 0), "left", "center"), ((0, 1), "center", "bottom"),
               ((-1, 0), "right", "center"), ((0, -1), "center", "top"),
               ((1, 1), "left", "bottom"), ((-1, 1), "right", "bottom"),
               ((-1, -1), "right", "top"), ((1, -1), "left", "top")]
_RADII = (4, 9, 15, 22, 30, 40)  # points; beyond the first two a leader line is drawn
_PAD = 1.0  # pixels of clearance between two labels and between a label and the frame


def _inside(box, frame):
    return (box.x0 >= frame.x0 + _PAD and box.x1 <= frame.x1 - _PAD
            and box.y0 >= frame.y0 + _PAD and box.y1 <= frame.y1 - _PAD)


def _overlaps(box, boxes):
    return any(box.x0 < b.x1 + _PAD and b.x0 < box.x1 + _PAD
               and box.y0 < b.y1 + _PAD and b.y0 < box.y1 + _PAD for b in boxes)


def _text_box(label, renderer):
    """The label's own extent in pixels (an Annotation's would include its leader line)."""
    if hasattr(label, "update_positions"):  # an Annotation: put the text at its offset first
        label.update_positions(renderer)
    return Text.get_window_extent(label, renderer)


def _gap(box, point):
    """Distance in pixels from ``point`` (x, y) to the nearest edge of ``box`` (0 inside)."""
    dx = max(box.x0 - point[0], 0.0, point[0] - box.x1)
    dy = max(box.y0 - point[1], 0.0, point[1] - box.y1)
    return np.hypot(dx, dy)


def _candidates(fontsize, color):
    """(radius, annotate keywords) for every position tried, nearest first."""
    for radius in _RADII:
        for (dx, dy), ha, va in _DIRECTIONS:
            scale = radius / np.hypot(dx, dy)
            yield radius, dict(xytext=(dx * scale, dy * scale), textcoords="offset points",
                               ha=ha, va=va, fontsize=fontsize, color=color,
                               annotation_clip=False)


def _place_one(ax, i, xy, text, color, fontsize, renderer, frame, pixels, dots, boxes):
    """The first free position for label i: (label, box, radius), or None.

    A first pass asks also that the label be nearer its own point than any other point
    (so it cannot be read as another point's label); a second pass drops that wish.
    """
    others = dots[:i] + dots[i + 1:]
    for clear in (True, False):
        for radius, style in _candidates(fontsize, color):
            label = ax.annotate(text, xy, **style)
            box = _text_box(label, renderer)
            own = _gap(box, pixels[i])
            if (_inside(box, frame) and not _overlaps(box, boxes + others)
                    and (not clear or all(own < _gap(box, p) for j, p in enumerate(pixels)
                                          if j != i))):
                return label, style, box, radius
            label.remove()
    return None


def _try_place(ax, xy, texts, colors, fontsize, renderer):
    """One attempt at the current limits: the Annotations, or None if one found no place."""
    frame = ax.get_window_extent(renderer)
    half = 2.0 * ax.figure.dpi / 72  # a point's marker, about 2 points either side
    pixels = ax.transData.transform(xy)
    dots = [Bbox.from_extents(px - half, py - half, px + half, py + half) for px, py in pixels]
    placed, boxes = [], []
    for i, (point, text, color) in enumerate(zip(xy, texts, colors, strict=True)):
        found = _place_one(ax, i, point, text, color, fontsize, renderer, frame, pixels, dots,
                           boxes)
        if found is None:
            for label in placed:
                label.remove()
            return None
        label, style, box, radius = found
        if radius > _RADII[1]:  # far from its point: a thin line shows which point it names
            label.remove()
            label = ax.annotate(text, point, **style, arrowprops={
                "arrowstyle": "-", "color": "grey", "lw": 0.5, "shrinkA": 0, "shrinkB": 2})
        placed.append(label)
        boxes.append(box)
    return placed


def place_labels(ax, xy, texts, *, colors=None, fontsize=9, max_widen=6):
    """Label each point ``xy[i]`` with ``texts[i]`` so that no two labels overlap or leave the axes.

    ax       : a matplotlib Axes on which the points are drawn (limits already set)
    xy       : (n, 2) data coordinates of the points
    texts    : list of n str
    colors   : list of n matplotlib colours for the labels (default: all black)
    fontsize : points, default 9 (the house minimum)
    max_widen : how many times the limits may be widened by 10 % per side (default 6)
    Returns the list of n Annotations, in the order of ``texts``. Raises RuntimeError if
    the labels do not fit even after widening (too many labels for the axes).
    """
    xy = np.asarray(xy, dtype=float)
    if xy.ndim != 2 or xy.shape[1] != 2 or len(xy) != len(texts):
        raise ValueError(f"need one (x, y) per label: xy {xy.shape}, {len(texts)} labels")
    colors = ["black"] * len(texts) if colors is None else list(colors)
    ax.set_xlim(ax.get_xlim())  # fix the limits: later artists must not move the points
    ax.set_ylim(ax.get_ylim())
    renderer = _renderer(ax.figure)
    for _ in range(max_widen + 1):
        placed = _try_place(ax, xy, texts, colors, fontsize, renderer)
        if placed is not None:
            return placed
        for get, set_ in ((ax.get_xlim, ax.set_xlim), (ax.get_ylim, ax.set_ylim)):
            lo, hi = get()
            set_(lo - 0.1 * (hi - lo), hi + 0.1 * (hi - lo))
    raise RuntimeError(f"{len(texts)} labels do not fit in the axes without overlapping")


def label_boxes(ax):
    """The window extents (Bbox, pixels) of every non-empty text label drawn on ``ax``.

    Works on a figure that is already shown and closed (as after a notebook cell) too.
    """
    return [_text_box(t, _renderer(ax.figure)) for t in ax.texts if t.get_text()]


def _renderer(fig):
    if not hasattr(fig.canvas, "get_renderer"):  # a closed figure keeps a bare canvas
        FigureCanvasAgg(fig)
    return fig.canvas.get_renderer()

