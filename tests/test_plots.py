"""Tests for w2v_lib.plots: each figure draws what it claims."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.text  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from references import count_by_loop  # noqa: E402
from scipy.spatial.distance import cdist  # noqa: E402

import w2v_lib as w  # noqa: E402
from w2v_lib.teach import plots  # noqa: E402

# --- 01 vectors, 02 windows


def test_similarity_heatmaps_show_cosine_of_every_pair():
    words = ["cat", "dog", "hotel"]
    dense = np.array([[0.9, 0.3], [0.8, 0.45], [-0.2, 0.9]])
    fig = plots.plot_similarity_heatmaps(words, {"one-hot": np.eye(3), "dense": dense})
    one_hot_image, dense_image = (ax.images[0].get_array() for ax in fig.axes[:2])
    np.testing.assert_allclose(one_hot_image, np.eye(3))  # distinct words: cosine 0
    np.testing.assert_allclose(dense_image, 1 - cdist(dense, dense, "cosine"))
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == words
    plt.close(fig)


def test_vectors_2d_labels_every_word():
    ax = plots.plot_vectors_2d(["cat", "dog"], [[0.9, 0.3], [0.8, 0.45]])
    labels = [t.get_text() for t in ax.texts if t.get_text()]  # arrows are empty annotations
    assert sorted(labels) == ["cat", "dog"]
    plt.close(ax.figure)


def test_vectors_2d_rejects_wrong_shape():
    with pytest.raises(ValueError, match=r"\(2, 3\)"):
        plots.plot_vectors_2d(["cat", "dog"], np.ones((2, 3)))


def cell_colors(ax):
    return [matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches]


@pytest.mark.parametrize("n_tokens, window", [(6, 2), (6, 1), (3, 5), (1, 2)])
def test_sliding_window_has_one_blue_cell_per_pair(n_tokens, window):
    tokens = [f"w{i}" for i in range(n_tokens)]
    ax = plots.plot_sliding_window(tokens, window)
    colors = cell_colors(ax)
    n_pairs = count_by_loop(n_tokens, window)  # a plain loop over positions
    assert colors.count(plots.CONTEXT_COLOR) == n_pairs
    assert colors.count(plots.CENTER_COLOR) == n_tokens
    assert len(colors) == n_tokens**2
    assert f"{n_pairs} pairs" in ax.get_title()
    plt.close(ax.figure)


def test_sliding_window_can_leave_the_count_for_the_learner():
    ax = plots.plot_sliding_window(["the", "cat", "sits", "on"], 2, show_count=False)
    assert "pairs" not in ax.get_title() and "10" not in ax.get_title()
    assert ax.get_title().startswith("m = 2;")
    plt.close(ax.figure)


def test_sliding_window_rows_put_the_center_on_the_diagonal():
    ax = plots.plot_sliding_window(["the", "cat", "sits"], 1)
    centers = [p.get_xy() for p in ax.patches
               if matplotlib.colors.to_hex(p.get_facecolor()) == plots.CENTER_COLOR]
    # row t (drawn from the top, y = T - 1 - t) has its center at column t
    assert sorted((int(x), round(y - 0.1)) for x, y in centers) == [(0, 2), (1, 1), (2, 0)]
    plt.close(ax.figure)


@pytest.mark.parametrize("tokens, window, error", [("the cat", 2, TypeError),
                                                   ([], 2, ValueError),
                                                   (["a", "b"], 0, ValueError)])
def test_sliding_window_rejects_bad_input(tokens, window, error):
    with pytest.raises(error):
        plots.plot_sliding_window(tokens, window)

# --- 03 softmax, 04 loss, 05 mini-batches
def test_plot_outside_probs_draws_one_bar_per_word():
    probs = [0.1, 0.2, 0.3, 0.4]
    ax = plots.plot_outside_probs(["a", "b", "c", "d"], probs, center="b")
    assert [p.get_height() for p in ax.patches] == probs
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c", "d"]
    assert ax.get_title() == "P(o | c = b)" and ax.get_ylim() == (0, 1)
    assert ax.lines[0].get_ydata()[0] == 0.25  # the uniform line at 1/V
    plt.close(ax.figure)


def test_plot_outside_probs_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="one probability per word"):
        plots.plot_outside_probs(["a", "b"], [1.0])


def test_plot_pair_losses_marks_the_mean_as_j():
    losses = [0.5, 1.0, 3.0]
    ax = plots.plot_pair_losses(["a→b", "b→a", "b→c"], losses)
    assert [p.get_height() for p in ax.patches] == losses
    assert ax.lines[0].get_ydata()[0] == 1.5  # (0.5 + 1 + 3) / 3
    assert "J = mean = 1.500" in ax.get_legend().get_texts()[0].get_text()
    assert ax.get_ylim() == (0, 3.75)  # room above the tallest bar for the legend
    plt.close(ax.figure)
    with pytest.raises(ValueError, match="one loss per pair"):
        plots.plot_pair_losses(["a→b"], [])


def test_plot_loss_curves_draws_each_result_against_updates_and_epochs():
    results = {
        1: w.TrainResult(None, None, update_losses=[3.0, 2.0, 1.5, 1.0], epoch_losses=[2.0, 1.0]),
        2: w.TrainResult(None, None, update_losses=[3.0, 2.5], epoch_losses=[2.5]),
    }
    fig = plots.plot_loss_curves(results, start_loss=3.2)
    ax_u, ax_e = fig.axes
    # per result: its batch losses at updates 1, 2, ..., then J at the update ending each epoch
    assert [list(line.get_xdata()) for line in ax_u.lines] == [[1, 2, 3, 4], [2, 4], [1, 2], [2]]
    assert [list(line.get_ydata()) for line in ax_u.lines] == [
        [3.0, 2.0, 1.5, 1.0], [2.0, 1.0], [3.0, 2.5], [2.5]]
    assert ax_u.lines[0].get_color() == ax_u.lines[1].get_color() == ax_e.lines[0].get_color()
    assert [list(line.get_xdata()) for line in ax_e.lines] == [[0, 1, 2], [0, 1]]
    assert [list(line.get_ydata()) for line in ax_e.lines] == [[3.2, 2.0, 1.0], [3.2, 2.5]]
    assert ax_u.get_xscale() == "log"
    assert [t.get_text() for t in ax_e.get_legend().get_texts()] == ["B = 1", "B = 2"]
    plt.close(fig)
    with pytest.raises(ValueError, match="at least one"):
        plots.plot_loss_curves({})


# --- 06 negative sampling


def test_pca_2d_keeps_the_two_largest_variances():
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(30, 5)) * [5, 3, 1, 0.5, 0.1]
    points = plots.pca_2d(vectors)
    eigenvalues = np.linalg.eigvalsh(np.cov(vectors, rowvar=False))[::-1]
    np.testing.assert_allclose(np.var(points, axis=0, ddof=1), eigenvalues[:2], rtol=1e-9)
    # distances within the first two components are kept: a plane of points maps isometrically
    plane = rng.normal(size=(10, 2)) @ np.array([[1.0, 2, 0, 0, 1], [0, 1, 3, 0, 0]])
    np.testing.assert_allclose(cdist(plots.pca_2d(plane), plots.pca_2d(plane)), cdist(plane, plane),
                               atol=1e-9)
    with pytest.raises(ValueError, match="at least two vectors"):
        plots.pca_2d(np.ones((1, 3)))


def test_plot_words_pca_labels_every_word():
    rng = np.random.default_rng(1)
    wv = w.WordVectors(["a", "b", "c", "d"], rng.normal(size=(4, 6)))
    ax = plots.plot_words_pca(wv, ["a", "c", "d"])
    np.testing.assert_allclose(ax.collections[0].get_offsets(),
                               plots.pca_2d(wv.vectors[[0, 2, 3]]))
    assert [t.get_text() for t in ax.texts] == ["a", "c", "d"]
    with pytest.raises(KeyError, match="'zz'"):
        plots.plot_words_pca(wv, ["a", "zz"])
    plt.close("all")


def test_plot_words_pca_colours_groups_and_places_labels_without_overlap():
    rng = np.random.default_rng(2)
    topics = {f"topic {k}": [f"t{k}word{i}" for i in range(4)] for k in range(4)}
    words = [word for group in topics.values() for word in group]
    # four tight clusters in 20-D: labels of one cluster crowd each other
    centres = rng.normal(size=(4, 20))
    vecs = np.repeat(centres, 4, axis=0) + rng.normal(scale=0.05, size=(16, 20))
    wv = w.WordVectors(words, vecs)
    ax = plots.plot_words_pca(wv, topics)
    points = plots.pca_2d(wv.vectors)  # the float32 vectors, as plotted
    assert len(ax.collections) == 4
    for k, dots in enumerate(ax.collections):  # one colour per topic, its own points
        np.testing.assert_allclose(dots.get_offsets(), points[4 * k : 4 * k + 4])
    colours = {matplotlib.colors.to_hex(dots.get_facecolor()[0]) for dots in ax.collections}
    assert len(colours) == 4
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(topics)
    assert [t.get_text() for t in ax.texts] == words
    dots_of_word = [dots for dots in ax.collections for _ in range(4)]
    for text, dots in zip(ax.texts, dots_of_word, strict=True):  # a label has its dot's colour
        assert matplotlib.colors.to_hex(text.get_color()) == matplotlib.colors.to_hex(
            dots.get_facecolor()[0])
    # measured by the renderer on the drawn figure: no two labels meet, none leaves the axes
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    boxes = [matplotlib.text.Text.get_window_extent(t, renderer).extents for t in ax.texts]
    fx0, fy0, fx1, fy1 = ax.get_window_extent(renderer).extents
    assert all(fx0 <= x0 and x1 <= fx1 and fy0 <= y0 and y1 <= fy1 for x0, y0, x1, y1 in boxes)
    assert not any(a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
                   for i, a in enumerate(boxes) for b in boxes[:i])
    plt.close("all")


def test_plot_cost_and_losses_draw_their_data():
    ax = plots.plot_cost_per_pair([10, 100], [1.0, 9.0], [0.5, 0.6])
    assert [list(line.get_ydata()) for line in ax.lines] == [[1.0, 9.0], [0.5, 0.6]]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="one softmax"):
        plots.plot_cost_per_pair([10, 100], [1.0], [0.5, 0.6])
    ax = plots.plot_epoch_losses({"ours": [3.0, 2.5, 2.2]})
    assert list(ax.lines[0].get_xdata()) == [1, 2, 3]
    assert list(ax.lines[0].get_ydata()) == [3, 2.5, 2.2]
    plt.close("all")


@pytest.mark.parametrize("n_epochs", [3, 7, 20])
def test_plot_epoch_losses_has_whole_number_epoch_ticks(n_epochs):
    ax = plots.plot_epoch_losses({"ours": np.linspace(3, 2, n_epochs)})
    ax.figure.canvas.draw()
    lo, hi = ax.get_xlim()
    ticks = [t for t in ax.get_xticks() if lo <= t <= hi]
    assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks)
    plt.close("all")


def test_plot_epoch_losses_draws_the_start_loss():
    ax = plots.plot_epoch_losses({"ours": [3.5, 3.0]}, start_loss=4.1589)
    assert list(ax.lines[1].get_ydata()) == [4.1589, 4.1589]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["ours",
                                                                    "before training = 4.16"]
    ax = plots.plot_epoch_losses({"ours": [3.5, 3.0]}, start_loss=4.1589, start_label="start")
    assert ax.get_legend().get_texts()[1].get_text() == "start = 4.16"
    plt.close("all")


def test_plot_loss_curves_draws_the_floor_on_both_panels_with_a_legend_entry():
    results = {1: w.TrainResult(None, None, update_losses=[3.0, 2.0], epoch_losses=[2.0, 1.5])}
    fig = plots.plot_loss_curves(results, start_loss=3.2, floor=1.1693)
    for ax in fig.axes:
        floor = [line for line in ax.lines if line.get_linestyle() == "--"]
        assert len(floor) == 1 and list(floor[0].get_ydata()) == [1.1693, 1.1693]
    labels = [t.get_text() for t in fig.axes[1].get_legend().get_texts()]
    assert labels == ["B = 1", "J* = 1.169, the best possible"]
    plt.close(fig)


def test_the_06_figures_use_fonts_of_at_least_9_points():
    rng = np.random.default_rng(3)
    wv = w.WordVectors(["a", "b", "c", "d"], rng.normal(size=(4, 5)))
    axes = [plots.plot_words_pca(wv, {"one": ["a", "b"], "two": ["c", "d"]}),
            plots.plot_epoch_losses({"ours": [3.0, 2.5]}, start_loss=4.16),
            plots.plot_cost_per_pair([10, 100], [1.0, 9.0], [0.5, 0.6])]
    for ax in axes:
        ax.figure.canvas.draw()
        texts = [t for t in ax.figure.findobj(matplotlib.text.Text) if t.get_text()]
        assert texts and min(t.get_fontsize() for t in texts) >= 9
    plt.close("all")
