"""Tests for w2v_lib.sgns_loss: the SGNS loss of one pair, of a batch, and sgns_step."""

import math

import numpy as np
import pytest

import w2v_lib as w
from w2v_lib import sgns_loss


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


def plain_loss(center_vec, outside_id, negative_ids, outside_vecs):
    """The SGNS loss written out term by term, skipping negatives equal to o."""
    loss = -math.log(sigmoid(float(outside_vecs[outside_id] @ center_vec)))
    for k in negative_ids:
        if k != outside_id:
            loss -= math.log(sigmoid(-float(outside_vecs[k] @ center_vec)))
    return loss


@pytest.fixture
def toy():
    rng = np.random.default_rng(3)
    return rng.normal(size=(6, 4)), rng.normal(size=(6, 4))


# --- the loss of one pair --------------------------------------------------------------------


def test_zero_vectors_give_k_plus_one_log_two():
    loss, grad_c, grad_o = w.neg_sampling_loss_and_grad(np.zeros(3), 0, [1, 2, 3], np.zeros((5, 3)))
    assert loss == pytest.approx(4 * math.log(2))  # sigma(0) = 1/2 for all K + 1 = 4 terms
    assert not grad_c.any() and not grad_o.any()


def test_loss_matches_the_formula_term_by_term(toy):
    center_vecs, outside_vecs = toy
    loss, _, _ = w.neg_sampling_loss_and_grad(center_vecs[2], 1, [3, 4, 4, 0], outside_vecs)
    assert loss == pytest.approx(plain_loss(center_vecs[2], 1, [3, 4, 4, 0], outside_vecs))


def test_gradients_pass_check_gradient(toy):
    center_vecs, outside_vecs = toy
    negatives = [3, 4, 4, 0, 1]  # a repeat, and one equal to o (skipped)

    def f_center(v):
        loss, grad_c, _ = w.neg_sampling_loss_and_grad(v, 1, negatives, outside_vecs)
        return loss, grad_c

    def f_outside(u):
        loss, _, grad_o = w.neg_sampling_loss_and_grad(center_vecs[2], 1, negatives, u)
        return loss, grad_o

    w.check_gradient(f_center, center_vecs[2])
    w.check_gradient(f_outside, outside_vecs)


def test_a_negative_equal_to_the_outside_word_is_skipped(toy):
    center_vecs, outside_vecs = toy
    with_o = w.neg_sampling_loss_and_grad(center_vecs[0], 2, [2, 5], outside_vecs)
    without = w.neg_sampling_loss_and_grad(center_vecs[0], 2, [5], outside_vecs)
    assert with_o[0] == pytest.approx(without[0])
    np.testing.assert_allclose(with_o[1], without[1])
    np.testing.assert_allclose(with_o[2], without[2])


def test_a_negative_drawn_twice_counts_twice(toy):
    center_vecs, outside_vecs = toy
    once = w.neg_sampling_loss_and_grad(center_vecs[0], 2, [5], outside_vecs)[0]
    twice = w.neg_sampling_loss_and_grad(center_vecs[0], 2, [5, 5], outside_vecs)[0]
    alone = w.neg_sampling_loss_and_grad(center_vecs[0], 2, [], outside_vecs)[0]
    assert twice - alone == pytest.approx(2 * (once - alone))


def test_batch_loss_is_the_mean_of_the_pair_losses(toy):
    center_vecs, outside_vecs = toy
    pairs = np.array([[0, 1], [2, 3], [0, 1], [5, 5]])
    negatives = np.array([[2, 3], [3, 0], [4, 4], [1, 2]])
    loss, (grad_c, grad_o) = w.sgns_loss_and_grad(center_vecs, outside_vecs, pairs, negatives)
    want_c, want_o, want_loss = np.zeros_like(center_vecs), np.zeros_like(outside_vecs), 0.0
    for (c, o), negs in zip(pairs, negatives, strict=True):
        one = w.neg_sampling_loss_and_grad(center_vecs[c], o, negs, outside_vecs)
        want_loss += one[0] / len(pairs)
        want_c[c] += one[1] / len(pairs)
        want_o += one[2] / len(pairs)
    assert loss == pytest.approx(want_loss)
    np.testing.assert_allclose(grad_c, want_c, atol=1e-12)
    np.testing.assert_allclose(grad_o, want_o, atol=1e-12)


def test_batch_gradient_passes_check_gradient(toy):
    center_vecs, outside_vecs = toy
    pairs = np.array([[0, 1], [2, 3], [0, 4]])
    negatives = np.array([[2, 3, 1], [3, 0, 5], [4, 4, 1]])

    def f_center(c):
        loss, (grad_c, _) = w.sgns_loss_and_grad(c, outside_vecs, pairs, negatives)
        return loss, grad_c

    def f_outside(u):
        loss, (_, grad_o) = w.sgns_loss_and_grad(center_vecs, u, pairs, negatives)
        return loss, grad_o

    w.check_gradient(f_center, center_vecs)
    w.check_gradient(f_outside, outside_vecs)


def test_sgns_step_is_a_gradient_step_on_the_summed_loss(toy):
    center_vecs, outside_vecs = (m.astype(np.float32) for m in toy)
    pairs = np.array([[0, 1], [2, 3], [0, 4], [0, 1]])
    negatives = np.array([[2, 3, 1], [3, 0, 5], [4, 4, 1], [5, 5, 2]])
    mean_loss, (grad_c, grad_o) = w.sgns_loss_and_grad(center_vecs, outside_vecs, pairs, negatives)
    new_c, new_o = center_vecs.copy(), outside_vecs.copy()
    summed = w.sgns_step(new_c, new_o, pairs[:, 0], pairs[:, 1], negatives, 0.1)
    assert summed == pytest.approx(4 * mean_loss, rel=1e-5)
    np.testing.assert_allclose(new_c, center_vecs - 0.1 * 4 * grad_c, atol=1e-5)
    np.testing.assert_allclose(new_o, outside_vecs - 0.1 * 4 * grad_o, atol=1e-5)


@pytest.mark.parametrize("seed", range(6))
def test_batch_matches_the_per_pair_formula_on_random_inputs(seed):
    rng = np.random.default_rng(seed)
    vocab_size, dim, n, k = rng.integers(2, 9), rng.integers(1, 6), rng.integers(1, 12), 4
    center_vecs, outside_vecs = rng.normal(size=(2, vocab_size, dim))
    pairs = rng.integers(0, vocab_size, size=(n, 2))
    negatives = rng.integers(0, vocab_size, size=(n, k))  # repeats and o among them
    want_loss, want_c, want_o = 0.0, np.zeros_like(center_vecs), np.zeros_like(outside_vecs)
    for (c, o), negs in zip(pairs, negatives, strict=True):
        loss, grad_c, grad_o = w.neg_sampling_loss_and_grad(center_vecs[c], o, negs, outside_vecs)
        want_loss, want_o = want_loss + loss, want_o + grad_o
        want_c[c] += grad_c
    loss, (grad_c, grad_o) = w.sgns_loss_and_grad(center_vecs, outside_vecs, pairs, negatives)
    assert loss == pytest.approx(want_loss / n)
    np.testing.assert_allclose(grad_c, want_c / n, atol=1e-12)
    np.testing.assert_allclose(grad_o, want_o / n, atol=1e-12)
    new_c, new_o = center_vecs.copy(), outside_vecs.copy()
    summed = w.sgns_step(new_c, new_o, pairs[:, 0], pairs[:, 1], negatives, 0.5)
    assert summed == pytest.approx(want_loss)
    np.testing.assert_allclose(new_c, center_vecs - 0.5 * want_c, atol=1e-12)
    np.testing.assert_allclose(new_o, outside_vecs - 0.5 * want_o, atol=1e-12)


def test_per_pair_gradients_match_the_formula_by_hand(toy):
    center_vecs, outside_vecs = toy
    v, negatives = center_vecs[2], [3, 4, 4, 1]  # 4 twice; 1 = o is skipped
    _, grad_c, grad_o = w.neg_sampling_loss_and_grad(v, 1, negatives, outside_vecs)
    s = {t: float(outside_vecs[t] @ v) for t in (1, 3, 4)}
    want_c = (sigmoid(s[1]) - 1) * outside_vecs[1] + sigmoid(s[3]) * outside_vecs[3] \
        + 2 * sigmoid(s[4]) * outside_vecs[4]
    np.testing.assert_allclose(grad_c, want_c)
    np.testing.assert_allclose(grad_o[1], (sigmoid(s[1]) - 1) * v)
    np.testing.assert_allclose(grad_o[4], 2 * sigmoid(s[4]) * v)
    assert not grad_o[[0, 2, 5]].any()


def test_coef_is_predicted_minus_observed():
    rng = np.random.default_rng(5)
    vc, ut = rng.normal(size=(3, 4)), rng.normal(size=(3, 3, 4)) * 3
    outsides, negatives = np.array([0, 1, 2]), np.array([[1, 2], [1, 3], [4, 4]])
    _, labels, mask = sgns_loss._targets_labels_mask(outsides, negatives)
    assert labels.tolist() == [[1, 0, 0]] * 3
    assert mask.tolist() == [[1, 1, 1], [1, 0, 1], [1, 1, 1]]
    loss, coef = sgns_loss._loss_and_coef(vc, ut, labels, mask)
    scores = np.einsum("bd,bkd->bk", vc, ut)
    np.testing.assert_allclose(coef, (1 / (1 + np.exp(-scores)) - labels) * mask, atol=1e-12)
    plain = sum(-math.log(sigmoid(s)) if j == 0 else -math.log(sigmoid(-s))
                for row, m in zip(scores.tolist(), mask.tolist(), strict=True)
                for j, s in enumerate(row) if m[j])
    assert loss == pytest.approx(plain)


def test_a_two_dimensional_center_vec_is_refused(toy):
    center_vecs, outside_vecs = toy
    with pytest.raises(ValueError, match=r"center_vec \(d,\).*got \(1, 4\)"):
        w.neg_sampling_loss_and_grad(center_vecs[:1], 1, [2], outside_vecs)
    with pytest.raises(ValueError, match="outside_id 6 is out of range"):
        w.neg_sampling_loss_and_grad(center_vecs[0], 6, [2], outside_vecs)
    with pytest.raises(TypeError, match="negative id must be an integer"):
        w.neg_sampling_loss_and_grad(center_vecs[0], 1, [2.5], outside_vecs)


@pytest.mark.parametrize(
    "args, error, match",
    [
        (dict(center_vecs=[[0.0]]), TypeError, "center_vecs must be a .V, d. float numpy array"),
        (dict(lr=-1.0), ValueError, "lr must be a finite number >= 0, got -1.0"),
        (dict(outsides=[1, 2]), ValueError, r"outsides \(B,\)"),
        (dict(negatives=[[7]]), ValueError, "negative id 7 is out of range"),
    ],
)
def test_sgns_step_names_bad_input(toy, args, error, match):
    kw = dict(center_vecs=toy[0].copy(), outside_vecs=toy[1].copy(), centers=[0],
              outsides=[1], negatives=[[2]], lr=0.1)
    kw.update(args)
    with pytest.raises(error, match=match):
        w.sgns_step(**kw)


@pytest.mark.parametrize(
    "pairs, negatives, error, match",
    [
        ([[0, 9]], [[1]], ValueError, "outside id 9"),
        ([[0, 1]], [[-1]], ValueError, "negative id -1"),
        ([[0, 1]], [[1.5]], TypeError, "negative must hold integer word ids, got dtype float64"),
        ([[0, 1, 2]], [[1]], ValueError, r"pairs \(N, 2\)"),
        ([[0, 1]], [[1], [2]], ValueError, r"negatives \(N, K\)"),
    ],
)
def test_bad_ids_are_named(toy, pairs, negatives, error, match):
    with pytest.raises(error, match=match):
        w.sgns_loss_and_grad(*toy, np.array(pairs), np.array(negatives))
