"""Tests for w2v_lib.teach.labels: labels never overlap and never leave the axes.

The boxes are measured by matplotlib's renderer on the drawn figure, not by labels.py.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.backend_bases  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from w2v_lib.teach import labels  # noqa: E402


def drawn_text_boxes(ax):
    """Pixel boxes of the texts as drawn: (x0, y0, x1, y1) per non-empty text."""
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    return [Text.get_window_extent(t, renderer).extents for t in ax.texts if t.get_text()]


def problems(ax):
    """Pairs of overlapping boxes and boxes that stick out of the axes, as drawn."""
    boxes = drawn_text_boxes(ax)
    fx0, fy0, fx1, fy1 = ax.get_window_extent().extents
    out = [i for i, (x0, y0, x1, y1) in enumerate(boxes)
           if x0 < fx0 or y0 < fy0 or x1 > fx1 or y1 > fy1]
    overlap = [(i, j) for i in range(len(boxes)) for j in range(i)
               if boxes[i][0] < boxes[j][2] and boxes[j][0] < boxes[i][2]
               and boxes[i][1] < boxes[j][3] and boxes[j][1] < boxes[i][3]]
    return overlap, out


def crowded_points(seed, n=16):
    """Four tight clusters, some points near the edges: naive labels would collide."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-1, 1, size=(4, 2))
    return centres[np.arange(n) % 4] + rng.normal(scale=0.03, size=(n, 2))


def test_the_check_sees_overlap_and_clipping_of_naive_labels():
    # the plain matplotlib way, to prove the check can fail: equal points, a label at the edge
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.scatter([0, 0, 1], [0, 0, 1])
    for word, (x, y) in zip(["alpha", "beta", "edgeword"], [(0, 0), (0, 0), (1, 1)],
                            strict=True):
        ax.annotate(word, (x, y), xytext=(3, 3), textcoords="offset points")
    overlap, out = problems(ax)
    assert overlap == [(1, 0)] and out == [2]
    plt.close(fig)


@pytest.mark.parametrize("seed", range(6))
def test_placed_labels_do_not_overlap_and_stay_inside_the_axes(seed):
    points = crowded_points(seed)
    words = [f"word{i}" for i in range(len(points))]
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.scatter(points[:, 0], points[:, 1], s=12)
    placed = labels.place_labels(ax, points, words)
    assert problems(ax) == ([], [])
    assert [t.get_text() for t in placed] == words
    np.testing.assert_allclose([t.xy for t in placed], points)  # each label names its point
    plt.close(fig)


def test_coincident_points_get_separate_labels():
    fig, ax = plt.subplots(figsize=(4, 3))
    points = np.zeros((5, 2))
    ax.scatter(points[:, 0], points[:, 1])
    labels.place_labels(ax, points, ["one", "two", "three", "four", "five"])
    assert problems(ax) == ([], [])
    plt.close(fig)


def test_label_colours_and_size_are_as_asked():
    fig, ax = plt.subplots()
    ax.scatter([0, 1], [0, 1])
    placed = labels.place_labels(ax, [(0, 0), (1, 1)], ["a", "b"], colors=["red", "blue"],
                                 fontsize=11)
    assert [t.get_color() for t in placed] == ["red", "blue"]
    assert all(t.get_fontsize() == 11 for t in placed)
    assert len(labels.label_boxes(ax)) == 2
    plt.close(fig)


def test_bad_input_and_impossible_layouts_fail_clearly():
    fig, ax = plt.subplots(figsize=(1, 1))
    ax.scatter([0], [0])
    with pytest.raises(ValueError, match="one \\(x, y\\) per label"):
        labels.place_labels(ax, [(0, 0), (1, 1)], ["a"])
    many = np.zeros((200, 2))
    with pytest.raises(RuntimeError, match="200 labels do not fit"):
        labels.place_labels(ax, many, [f"a long label {i}" for i in range(200)], max_widen=1)
    assert len(ax.texts) == 0  # a failed attempt leaves nothing behind
    plt.close(fig)


def test_label_boxes_measure_a_figure_already_closed():
    # a notebook closes each figure after showing it; the next cell may still measure it
    fig, ax = plt.subplots()
    ax.scatter([0, 1], [0, 1])
    labels.place_labels(ax, [(0, 0), (1, 1)], ["a", "b"])
    before = [b.extents for b in labels.label_boxes(ax)]
    plt.close(fig)
    fig.canvas = matplotlib.backend_bases.FigureCanvasBase(fig)  # what a closed figure keeps
    np.testing.assert_allclose([b.extents for b in labels.label_boxes(ax)], before)


def test_each_label_is_nearer_its_own_point_when_it_can_be():
    # two points side by side: "left" placed on the right would sit nearer the other point
    fig, ax = plt.subplots(figsize=(4, 3))
    points = np.array([[0.0, 0.0], [0.06, 0.0]])
    ax.scatter(points[:, 0], points[:, 1])
    ax.set_xlim(-1, 1)
    ax.set_ylim(-1, 1)
    placed = labels.place_labels(ax, points, ["left", "right"])
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    pixels = ax.transData.transform(points)
    for i, label in enumerate(placed):
        x0, y0, x1, y1 = Text.get_window_extent(label, renderer).extents
        gaps = [np.hypot(max(x0 - px, 0, px - x1), max(y0 - py, 0, py - y1)) for px, py in pixels]
        assert gaps[i] < gaps[1 - i]
    plt.close(fig)
