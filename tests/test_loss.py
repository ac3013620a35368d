"""The naive-softmax loss, its gradients (checked by finite differences), and check_gradient."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from references import SOURCE_PAIRS, SOURCE_TEXT, softmax_by_loop

import w2v_lib as w

TOY = w.tokenize(SOURCE_TEXT)


def toy_pairs():
    """The vocab of the toy text and its 18 pairs as ids (from the typed SOURCE_PAIRS)."""
    vocab = w.build_vocab(TOY)
    return vocab, np.array([vocab.encode(pair) for pair in SOURCE_PAIRS])


def test_loss_is_minus_log_prob():
    rng = np.random.default_rng(0)
    center_vecs, outside_vecs = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    loss, _, _ = w.naive_softmax_loss_and_grad(center_vecs[1], 3, outside_vecs)
    assert loss == pytest.approx(-np.log(w.outside_probs(center_vecs, outside_vecs, 1)[3]))


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 7), st.integers(1, 4), st.integers(0, 2**32 - 1), st.data())
def test_naive_softmax_gradients_pass_check_gradient(vocab_size, dim, seed, data):
    rng = np.random.default_rng(seed)
    center_vec = rng.normal(size=dim)
    outside_vecs = rng.normal(size=(vocab_size, dim))
    o = data.draw(st.integers(0, vocab_size - 1))
    w.check_gradient(lambda v: w.naive_softmax_loss_and_grad(v, o, outside_vecs)[:2], center_vec)
    w.check_gradient(
        lambda u: w.naive_softmax_loss_and_grad(center_vec, o, u)[::2], outside_vecs
    )


def test_gradient_is_observed_minus_expected():
    rng = np.random.default_rng(3)
    center_vec, outside_vecs = rng.normal(size=2), rng.normal(size=(4, 2))
    _, grad_v, grad_u = w.naive_softmax_loss_and_grad(center_vec, 1, outside_vecs)
    probs = softmax_by_loop((outside_vecs @ center_vec).tolist())
    expected_u = sum(probs[k] * outside_vecs[k] for k in range(4))
    assert np.allclose(grad_v, -outside_vecs[1] + expected_u)
    for k in range(4):
        assert np.allclose(grad_u[k], (probs[k] - (k == 1)) * center_vec)


def test_nll_loss_is_log_V_for_zero_vectors():
    vocab, pairs = toy_pairs()
    zeros = np.zeros((len(vocab), 4))
    assert w.nll_loss(zeros, zeros, pairs) == pytest.approx(np.log(5))


def test_nll_loss_matches_a_loop():
    vocab, pairs = toy_pairs()
    center_vecs, outside_vecs = w.init_params(len(vocab), 3, np.random.default_rng(0))
    losses = [w.naive_softmax_loss_and_grad(center_vecs[c], o, outside_vecs)[0] for c, o in pairs]
    assert w.nll_loss(center_vecs, outside_vecs, pairs) == pytest.approx(np.mean(losses))
    assert w.nll_loss(center_vecs, outside_vecs, [tuple(p) for p in pairs.tolist()]) == (
        pytest.approx(np.mean(losses))
    )


def test_batch_gradient_is_mean_of_pair_gradients():
    vocab, pairs = toy_pairs()
    rng = np.random.default_rng(1)
    center_vecs, outside_vecs = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    loss, (grad_c, grad_o) = w.nll_loss_and_grad(center_vecs, outside_vecs, pairs)
    loop_c, loop_o = np.zeros_like(center_vecs), np.zeros_like(outside_vecs)
    for c, o in pairs:
        _, g_v, g_u = w.naive_softmax_loss_and_grad(center_vecs[c], o, outside_vecs)
        loop_c[c] += g_v / len(pairs)
        loop_o += g_u / len(pairs)
    assert loss == pytest.approx(w.nll_loss(center_vecs, outside_vecs, pairs))
    assert np.allclose(grad_c, loop_c) and np.allclose(grad_o, loop_o)


def test_batch_gradient_passes_check_gradient():
    _, pairs = toy_pairs()
    rng = np.random.default_rng(2)
    center_vecs, outside_vecs = rng.normal(size=(5, 2)), rng.normal(size=(5, 2))

    def wrt_center(c):
        loss, (grad_c, _) = w.nll_loss_and_grad(c, outside_vecs, pairs)
        return loss, grad_c

    def wrt_outside(u):
        loss, (_, grad_o) = w.nll_loss_and_grad(center_vecs, u, pairs)
        return loss, grad_o

    w.check_gradient(wrt_center, center_vecs)
    w.check_gradient(wrt_outside, outside_vecs)


def test_check_gradient_names_the_worst_coordinate():
    def wrong(x):  # true gradient of sum(x**2) is 2x; coordinate (1, 0) is off
        grad = 2 * x
        grad[1, 0] += 0.5
        return float((x**2).sum()), grad

    with pytest.raises(AssertionError, match=r"coordinate \(1, 0\)"):
        w.check_gradient(wrong, np.ones((2, 2)))


def test_check_gradient_passes_quietly_and_keeps_x(capsys):
    x = np.array([1.0, -2.0, 0.5])
    before = x.copy()
    assert w.check_gradient(lambda v: (float(np.sin(v).sum()), np.cos(v)), x) is None
    assert np.array_equal(x, before) and capsys.readouterr().out == ""


@pytest.mark.parametrize(
    "pairs, match",
    [([(0, 5)], "5"), ([(-1, 0)], "-1"), ([], "non-empty"), ([(0.5, 1.0)], "integer")],
)
def test_bad_pairs_are_named(pairs, match):
    vecs = np.zeros((5, 2))
    with pytest.raises((ValueError, TypeError), match=match):
        w.nll_loss(vecs, vecs, pairs)


def test_bad_outside_id():
    with pytest.raises(ValueError, match="outside_id 9"):
        w.naive_softmax_loss_and_grad(np.zeros(2), 9, np.zeros((5, 2)))


def test_best_loss_of_the_toy_text_is_the_hand_computed_cross_entropy():
    """J* from the context distributions worked out by hand (CURRICULUM section 5)."""
    _, pairs = toy_pairs()
    # per center: (how many pairs have each probability, probability)
    by_hand = [(1, 1 / 5), (2, 2 / 5), (1, 1 / 5), (1, 1 / 5),  # the: cat, sits x2, on, mat
               (3, 1 / 3),                                     # cat: the, sits, on
               (2, 1 / 2), (1, 1 / 4), (1, 1 / 4),             # sits: the x2, cat, on
               (4, 1 / 4),                                     # on: cat, sits, the, mat
               (2, 1 / 2)]                                     # mat: on, the
    assert sum(n for n, _ in by_hand) == 18
    expected = -sum(n * np.log(p) for n, p in by_hand) / 18
    assert w.best_loss(pairs) == pytest.approx(expected, rel=1e-12)
    assert w.best_loss(pairs) == pytest.approx(1.169, abs=5e-4)


@settings(max_examples=30)
@given(st.integers(0, 10_000))
def test_no_vectors_beat_the_best_loss(seed):
    rng = np.random.default_rng(seed)
    _, pairs = toy_pairs()
    center_vecs, outside_vecs = rng.normal(scale=3, size=(2, 5, 4))
    assert w.nll_loss(center_vecs, outside_vecs, pairs) >= w.best_loss(pairs)


def test_training_approaches_the_best_loss():
    _, pairs = toy_pairs()
    rng = np.random.default_rng(0)
    result = w.train(*w.init_params(5, 10, rng), pairs, lr=0.5, batch_size=18, epochs=2000)
    assert w.best_loss(pairs) < result.epoch_losses[-1] < w.best_loss(pairs) + 0.02


def test_best_loss_rejects_bad_pairs():
    with pytest.raises(ValueError, match="shape"):
        w.best_loss([1, 2, 3])
