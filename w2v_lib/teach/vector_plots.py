"""Figures for notebook 08 (what trained vectors know): a word map and quality by corpus size.

Each function draws on a given or new Axes/Figure and returns it (never plt.show()).
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.transforms import Bbox

from .plots import pca_2d

# Offsets (in points) tried in turn for a label, around its dot: right, above, left, below...
_LABEL_OFFSETS = [(4, 3), (4, -11), (-4, 3), (-4, -11), (0, 7), (0, -15), (9, -4), (-9, -4),
                  (12, 10), (12, -18), (-12, 10), (-12, -18), (0, 16), (0, -24), (20, -4),
                  (-20, -4), (18, 18), (-18, 18), (18, -26), (-18, -26)]


def _overlap(a, b):
    """Overlap area of two display-space Bboxes (0 if they do not meet)."""
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return max(width, 0) * max(height, 0)


def place_labels(ax, labels, points, *, fontsize=9, colors=None, avoid=()):
    """Label each point so that no two labels overlap (and none covers a dot), if possible.

    labels : n str;  points : (n, 2) data coordinates already drawn on ``ax``.
    Greedy: each label takes the first of a list of offsets around its dot whose box meets
    no label placed before, no other dot, no box in ``avoid`` (display-space Bboxes, e.g. the
    legend's) and stays inside the axes; if none does, the offset with the least overlap.
    Returns the n Text artists.
    """
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    inside = ax.get_window_extent(renderer)
    dots = [ax.transData.transform(p) for p in points]
    dot_boxes = [Bbox([[x - 3, y - 3], [x + 3, y + 3]]) for x, y in dots]
    placed, texts = list(avoid), []
    for i, (label, point) in enumerate(zip(labels, points, strict=True)):
        text = ax.annotate(label, point, xytext=(0, 0), textcoords="offset points",
                           fontsize=fontsize, color=None if colors is None else colors[i])
        best, best_cost = None, np.inf
        for dx, dy in _LABEL_OFFSETS:
            text.set_position((dx, dy))
            text.set_horizontalalignment("left" if dx > 0 else "right" if dx < 0 else "center")
            box = text.get_window_extent(renderer)
            cost = sum(_overlap(box, other) for other in placed)
            cost += sum(_overlap(box, dot) for j, dot in enumerate(dot_boxes) if j != i)
            cost += box.width * box.height - _overlap(box, inside)  # the part outside the axes
            if cost < best_cost:
                best, best_cost = (dx, dy, text.get_horizontalalignment()), cost
            if cost == 0:
                break
        text.set_position(best[:2])
        text.set_horizontalalignment(best[2])
        placed.append(text.get_window_extent(renderer))
        texts.append(text)
    return texts


def plot_word_map(wv, groups, *, ax=None, figsize=(7.4, 4.8)):
    """The vectors of chosen words in 2-D (PCA of those words), coloured by group.

    wv     : WordVectors;  groups : dict group name -> list of words (every word in wv)
    The PCA is fitted on the words shown, so the two axes are their directions of greatest
    variance. Labels are placed so that none overlaps another (place_labels); the legend
    sits right of the axes. Returns the Axes; ``ax.collections[k]`` holds group k's points,
    ``ax.texts`` the labels.
    """
    if not groups or not all(groups.values()):
        raise ValueError(f"groups must map names to non-empty lists of words, got {groups!r}")
    words = [word for members in groups.values() for word in members]
    if len(set(words)) != len(words):
        raise ValueError(f"a word appears twice on the map: {sorted(words)!r}")
    if len(words) < 2:
        raise ValueError(f"a map needs at least two words, got {words!r}")
    points = pca_2d(np.array([wv[word] for word in words]))  # KeyError names an unknown word
    if ax is None:  # fixed margins (no layout engine): labels can be measured without a draw
        ax = plt.figure(figsize=figsize).add_axes((0.11, 0.11, 0.66, 0.85))
    colors, start = [], 0
    cycle = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for k, (name, members) in enumerate(groups.items()):
        color = cycle[k % len(cycle)]
        chunk = points[start : start + len(members)]
        ax.scatter(chunk[:, 0], chunk[:, 1], s=18, color=color, label=name)
        colors += [color] * len(members)
        start += len(members)
    span = points.max(axis=0) - points.min(axis=0)
    span = np.where(span > 1e-9 * span.max(), span, span.max())  # two words: PC 2 is flat
    low, high = points.min(axis=0) - 0.12 * span, points.max(axis=0) + 0.12 * span
    ax.set_xlim(low[0], high[0])
    ax.set_ylim(low[1], high[1])
    ax.set_xlabel("PC 1 (of these words)")
    ax.set_ylabel("PC 2")
    ax.legend(fontsize=9, loc="upper left", bbox_to_anchor=(1.02, 1), borderaxespad=0)
    place_labels(ax, words, points, colors=colors)
    return ax


def plot_quality_by_size(n_words, scores, seconds=None, *, figsize=(9, 3.4)):
    """How quality and training time grow with the corpus: two panels against words trained on.

    n_words : (S,) corpus sizes in words;  scores : dict name -> (S,) scores in [0, 1]
    (e.g. wordsim353 Spearman, analogy accuracy);  seconds : (S,) training times, or None
    (default) for the score panel alone. Returns the Figure; axes[0] has one line per score,
    axes[1] (only when seconds is given) the times.
    """
    n_words = np.asarray(n_words, dtype=float)
    if seconds is None:
        fig, left = plt.subplots(figsize=(figsize[0] / 2, figsize[1]), layout="constrained")
    else:
        fig, (left, right) = plt.subplots(1, 2, figsize=figsize, layout="constrained")
    for name, values in scores.items():
        left.plot(n_words, values, "o-", label=name)
    left.set_xscale("log")
    left.set_xlabel("words in the training text")
    left.set_ylabel("score")
    left.set_ylim(bottom=min(0.0, *(min(values) for values in scores.values())) - 0.01)
    left.axhline(0, color="black", linewidth=0.6)
    left.legend(fontsize=9)
    if seconds is not None:
        right.plot(n_words, seconds, "o-", color="grey")
        right.set_xscale("log")
        right.set_xlabel("words in the training text")
        right.set_ylabel("training time (s)")
        right.set_ylim(bottom=0)
    for ax in fig.axes:
        ax.set_xticks(n_words, [f"{n / 1e6:.2g} M" for n in n_words])
        ax.minorticks_off()
    return fig
