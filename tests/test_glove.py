"""GloVe: the loss against a plain loop, every gradient against finite differences, training."""

import numpy as np
import pytest

import w2v_lib as w
from w2v_lib import glove


@pytest.fixture
def problem():
    rng = np.random.default_rng(0)
    size, dim = 4, 3
    params = [rng.normal(size=(size, dim)), rng.normal(size=(size, dim)),
              rng.normal(size=size), rng.normal(size=size)]
    rows, cols = np.array([0, 0, 1, 2, 3, 3]), np.array([1, 2, 0, 3, 3, 0])
    x = np.array([1.0, 0.5, 30.0, 100.0, 250.0, 2.0])
    return params, rows, cols, x


def test_weights_by_hand():
    assert glove.glove_weights([50, 100, 200]) == pytest.approx([0.5**0.75, 1, 1])


def test_loss_matches_a_plain_loop(problem):
    (wv, wc, b, bc), rows, cols, x = problem
    expected = 0.0
    for i, j, count in zip(rows, cols, x, strict=True):
        weight = min(1.0, (count / 100) ** 0.75)
        expected += weight * (wv[i] @ wc[j] + b[i] + bc[j] - np.log(count)) ** 2
    loss, _ = glove.glove_loss_and_grad(wv, wc, b, bc, rows, cols, x)
    assert loss == pytest.approx(expected)


@pytest.mark.parametrize("which", range(4))
def test_every_gradient_matches_finite_differences(problem, which):
    params, rows, cols, x = problem

    def f(value):
        args = list(params)
        args[which] = value
        loss, grads = glove.glove_loss_and_grad(*args, rows, cols, x, x_max=50.0, alpha=0.6)
        return loss, grads[which]

    w.check_gradient(f, params[which])


@pytest.mark.parametrize("change, message", [
    (dict(x=[1.0, 0.0]), "x must hold counts > 0"),
    (dict(rows=[0, 9]), "rows id 9 is out of range for 4 words"),
    (dict(cols=[0]), r"\(N,\) alike"),
    (dict(b=np.zeros(3)), r"b and b_ctx must be \(4,\)"),
    (dict(w_ctx=np.zeros((4, 2))), "w and w_ctx must both be"),
    (dict(x_max=0), "x_max must be a positive number, got 0"),
])
def test_loss_errors_name_the_bad_value(change, message):
    args = dict(w=np.zeros((4, 3)), w_ctx=np.zeros((4, 3)), b=np.zeros(4), b_ctx=np.zeros(4),
                rows=[0, 1], cols=[1, 0], x=[1.0, 2.0]) | change
    with pytest.raises(ValueError, match=message):
        glove.glove_loss_and_grad(**args)


SENTENCES = [["the", "cat", "sits", "on", "the", "mat"], ["the", "dog", "sits", "on", "the", "rug"],
             ["a", "cat", "chases", "a", "mouse"], ["a", "dog", "chases", "a", "ball"]] * 5


def test_training_lowers_the_loss_and_is_repeatable():
    first = glove.train_glove(SENTENCES, dim=8, window=3, min_count=1, epochs=30, progress=False)
    second = glove.train_glove(SENTENCES, dim=8, window=3, min_count=1, epochs=30, progress=False)
    assert first.words[0] == "the" and first.vectors.shape == (11, 8)
    assert first.epoch_losses[-1] < 0.2 * first.epoch_losses[0]
    assert np.array_equal(first.vectors, second.vectors)
    other = glove.train_glove(SENTENCES, dim=8, window=3, min_count=1, epochs=30, seed=2,
                              progress=False)
    assert not np.array_equal(first.vectors, other.vectors)


def test_max_words_keeps_the_most_frequent():
    wv = glove.train_glove(SENTENCES, dim=4, window=2, min_count=1, epochs=2, max_words=3,
                           progress=False)
    assert wv.words == ["the", "a", "cat"]


def test_training_errors_name_the_bad_value():
    with pytest.raises(ValueError, match="window must be an integer >= 1, got 0"):
        glove.train_glove(SENTENCES, window=0, progress=False)
    with pytest.raises(ValueError, match="only 0 words occur >= min_count=5"):
        glove.train_glove([], progress=False)
    with pytest.raises(TypeError, match="got a str"):
        glove.train_glove("the cat", progress=False)
    with pytest.raises(ValueError, match="max_words must be an integer >= 2, got 1"):
        glove.train_glove(SENTENCES, min_count=1, max_words=1, progress=False)
    with pytest.raises(ValueError, match="lr must be a positive number, got -1"):
        glove.train_glove(SENTENCES, lr=-1, progress=False)
