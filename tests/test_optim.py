"""minibatches, updates_per_epoch and train."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from references import softmax_by_loop

import w2v_lib as w


def toy():
    tokens = w.tokenize("the cat sits on the mat")
    vocab = w.build_vocab(tokens)
    pairs = np.array(w.skipgram_pairs(vocab.encode(tokens), window=2))
    center_vecs, outside_vecs = w.init_params(len(vocab), 2, np.random.default_rng(0))
    return pairs, center_vecs, outside_vecs


def test_source_update_counts():
    assert w.updates_per_epoch(18, 1) == 18  # SGD
    assert w.updates_per_epoch(18, 4) == 5  # batches of 4, 4, 4, 4, 2
    assert w.updates_per_epoch(18, 18) == 1  # full batch
    assert [len(b) for b in w.minibatches(list(range(18)), 4)] == [4, 4, 4, 4, 2]


@given(st.integers(0, 60), st.integers(1, 70))
def test_minibatches_partition_in_order(n, batch_size):
    items = list(range(n))
    batches = w.minibatches(items, batch_size)
    assert len(batches) == w.updates_per_epoch(n, batch_size) == math.ceil(n / batch_size)
    assert [x for b in batches for x in b] == items
    assert all(len(b) == batch_size for b in batches[:-1])


def test_shuffle_is_a_reproducible_permutation():
    items = np.arange(18)
    a = w.minibatches(items, 4, shuffle=True, rng=np.random.default_rng(5))
    b = w.minibatches(items, 4, shuffle=True, rng=np.random.default_rng(5))
    flat = np.concatenate(a)
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
    assert sorted(flat.tolist()) == items.tolist() and flat.tolist() != items.tolist()


def test_shuffle_without_rng_is_an_error():
    with pytest.raises(ValueError, match="rng"):
        w.minibatches([1, 2, 3], 2, shuffle=True)


@pytest.mark.parametrize("bad, error", [(0, ValueError), (-3, ValueError), (2.5, TypeError),
                                        (None, TypeError)])
def test_bad_batch_size_is_named(bad, error):
    with pytest.raises(error, match="batch_size"):
        w.updates_per_epoch(18, bad)
    with pytest.raises(error, match="batch_size"):
        w.minibatches([1, 2], bad)


def test_train_counts_and_does_not_modify_inputs():
    pairs, center_vecs, outside_vecs = toy()
    before = center_vecs.copy(), outside_vecs.copy()
    result = w.train(center_vecs, outside_vecs, pairs, lr=0.5, batch_size=4, epochs=3)
    assert len(result.update_losses) == 15 and len(result.epoch_losses) == 3
    assert np.array_equal(center_vecs, before[0]) and np.array_equal(outside_vecs, before[1])
    assert result.epoch_losses[-1] < w.nll_loss(center_vecs, outside_vecs, pairs)


def test_train_matches_a_plain_loop():
    pairs, center_vecs, outside_vecs = toy()
    lr, batch_size = 0.3, 4
    c, o = center_vecs.copy(), outside_vecs.copy()
    losses = []
    for start in range(0, len(pairs), batch_size):
        batch = pairs[start : start + batch_size]
        grad_c, grad_o, loss = np.zeros_like(c), np.zeros_like(o), 0.0
        for ci, oi in batch:
            l_pair, g_v, g_u = w.naive_softmax_loss_and_grad(c[ci], oi, o)
            loss += l_pair / len(batch)
            grad_c[ci] += g_v / len(batch)
            grad_o += g_u / len(batch)
        losses.append(loss)
        c, o = c - lr * grad_c, o - lr * grad_o
    result = w.train(center_vecs, outside_vecs, pairs, lr=lr, batch_size=batch_size)
    assert np.allclose(result.update_losses, losses)
    assert np.allclose(result.center_vecs, c) and np.allclose(result.outside_vecs, o)
    assert result.epoch_losses[0] == pytest.approx(w.nll_loss(c, o, pairs))


def test_full_batch_is_one_update_on_the_mean_gradient():
    pairs, center_vecs, outside_vecs = toy()
    _, (grad_c, grad_o) = w.nll_loss_and_grad(center_vecs, outside_vecs, pairs)
    result = w.train(center_vecs, outside_vecs, pairs, lr=0.1, batch_size=len(pairs))
    assert len(result.update_losses) == 1
    assert np.allclose(result.center_vecs, center_vecs - 0.1 * grad_c)
    assert np.allclose(result.outside_vecs, outside_vecs - 0.1 * grad_o)


@pytest.mark.parametrize("kwargs, match", [
    ({"lr": 0, "batch_size": 4}, "lr"),
    ({"lr": float("nan"), "batch_size": 4}, "lr"),
    ({"lr": 0.1, "batch_size": 0}, "batch_size"),
    ({"lr": 0.1, "batch_size": 4, "epochs": 0}, "epochs"),
])
def test_train_bad_arguments(kwargs, match):
    pairs, center_vecs, outside_vecs = toy()
    with pytest.raises(ValueError, match=match):
        w.train(center_vecs, outside_vecs, pairs, **kwargs)


def test_train_divergence_is_reported_not_returned_as_nan():
    pairs, center_vecs, outside_vecs = toy()
    with pytest.raises(FloatingPointError, match="lr"):
        w.train(center_vecs * 1e3, outside_vecs * 1e3, pairs, lr=1e300, batch_size=18, epochs=3)


def test_sgd_step_is_one_update_on_the_batch_mean_gradient_by_a_plain_loop():
    pairs, center_vecs, outside_vecs = toy()
    batch = pairs[3:7]
    c0, o0 = center_vecs.copy(), outside_vecs.copy()
    loss, (grad_c, grad_o), (new_c, new_o) = w.sgd_step(center_vecs, outside_vecs, batch, 0.4)
    by_hand_c, by_hand_o, by_hand_loss = np.zeros_like(c0), np.zeros_like(o0), 0.0
    for c, o in batch:
        scores = [sum(outside_vecs[w_, k] * center_vecs[c, k] for k in range(2))
                  for w_ in range(5)]
        probs = softmax_by_loop(scores)
        by_hand_loss -= math.log(probs[o]) / 4
        expected = sum(probs[w_] * outside_vecs[w_] for w_ in range(5))
        by_hand_c[c] += (expected - outside_vecs[o]) / 4  # observed minus expected
        for w_ in range(5):
            by_hand_o[w_] += (probs[w_] - (w_ == o)) * center_vecs[c] / 4
    assert loss == pytest.approx(by_hand_loss)
    assert np.allclose(grad_c, by_hand_c) and np.allclose(grad_o, by_hand_o)
    assert np.allclose(new_c, c0 - 0.4 * by_hand_c) and np.allclose(new_o, o0 - 0.4 * by_hand_o)
    assert np.array_equal(center_vecs, c0) and np.array_equal(outside_vecs, o0)  # unchanged


def test_train_stops_when_j_exceeds_blowup_times_the_start():
    pairs, center_vecs, outside_vecs = toy()
    j0 = w.nll_loss(center_vecs, outside_vecs, pairs)
    with pytest.raises(FloatingPointError, match=r"J would go from .* lr=2.5 is too large"):
        w.train(center_vecs, outside_vecs, pairs, lr=2.5, batch_size=4, epochs=40)
    loose = w.train(center_vecs, outside_vecs, pairs, lr=2.5, batch_size=4, epochs=40,
                    blowup=math.inf)  # only inf/NaN stops it: J ends far above 10 x J0
    assert max(loose.epoch_losses) > 10 * j0
    with pytest.raises(ValueError, match="blowup"):
        w.train(center_vecs, outside_vecs, pairs, lr=0.5, batch_size=4, blowup=-1.0)


def test_train_without_pairs_says_so():
    _, center_vecs, outside_vecs = toy()
    with pytest.raises(ValueError, match="non-empty"):
        w.train(center_vecs, outside_vecs, np.zeros((0, 2), int), lr=0.5, batch_size=1)
