"""The K slider and the count figures: set a control, assert what the learner sees."""

import numpy as np
import pytest

import w2v_lib as w
from w2v_lib import toy
from w2v_lib.teach import count_plots, count_widgets


@pytest.fixture(scope="module")
def toy_counts():
    tokens = w.tokenize(toy.TOY_SENTENCE)
    return w.cooccurrence_matrix([tokens], w.build_vocab(tokens), window=2)


@pytest.fixture(scope="module")
def slider(toy_counts):
    return count_widgets.k_slider(toy_counts, max_k=4, negative=2)


def test_moving_k_moves_the_points_by_log_k(slider):
    assert "K = 2: log K = 0.693" in slider.info.value
    first = slider.figure.value
    slider.negative.value = 4
    assert "K = 4: log K = 1.386" in slider.info.value and slider.figure.value != first
    for k, view in slider.views.items():  # the fitted points sit log K below PMI
        assert view["mean_shift"] == pytest.approx(np.log(k), abs=1e-3)
        assert abs(view["slope"] - 1) < 0.05 and view["corr"] >= 0.99


def test_a_k_outside_the_range_shows_a_message(toy_counts):
    # Only reachable if the slider's range is widened past the fitted K's: a slider of its
    # own, so the module's shared one keeps its range.
    slider = count_widgets.k_slider(toy_counts, max_k=4, negative=2)
    slider.negative.max = 9
    slider.negative.value = 9
    assert "K must be an integer from 1 to 4, got 9" in slider.message.value
    assert slider.info.value == ""
    slider.negative.value = 1
    assert slider.message.value == "" and "K = 1" in slider.info.value


def test_builder_checks_its_arguments(toy_counts):
    with pytest.raises(ValueError, match="negative must be an integer >= 1 and <= 3, got 5"):
        count_widgets.k_slider(toy_counts, max_k=3, negative=5)


def test_count_matrix_figure_shows_every_entry(toy_counts):
    ax = count_plots.plot_count_matrix(toy_counts, list("abcde"))
    assert np.array_equal(ax.images[0].get_array(), toy_counts.toarray())
    assert sorted(t.get_text() for t in ax.texts).count("2") == 2


def test_pmi_link_figure_draws_the_shifted_line():
    ax = count_plots.plot_pmi_link(np.array([0.0, 1.0, 2.0]), np.array([-1.0, 0.0, 1.0]), np.e)
    shifted = ax.lines[1].get_ydata() - ax.lines[1].get_xdata()
    assert np.allclose(shifted, -1.0) and ax.get_title().startswith("slope 1.000")
