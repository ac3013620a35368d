"""Full-softmax CBOW (w2v_lib.cbow_softmax) and its recording (w2v_lib.cbow_recording).

References are written here: the toy's examples by hand, the loss and gradients by plain
loops over examples, words and coordinates, and finite differences.
"""

import math

import numpy as np
import pytest

import w2v_lib as w

TOKENS = w.tokenize("the cat sits on the mat")
VOCAB = w.build_vocab(TOKENS)
IDS = VOCAB.encode(TOKENS)
EXAMPLES = w.cbow_examples(IDS, 2)
START = w.init_params(5, 2, np.random.default_rng(0))


def named(examples):
    return [([VOCAB.words[j] for j in c], VOCAB.words[t]) for c, t in examples]


def loop_loss_and_grad(center_vecs, outside_vecs, examples):
    """Plain loops: h, scores, softmax, -log P(c | C) and both gradients, example by example."""
    size, dim = center_vecs.shape
    grad_v, grad_u, total = np.zeros((size, dim)), np.zeros((size, dim)), 0.0
    for context, target in examples:
        h = [sum(center_vecs[j][k] for j in context) / len(context) for k in range(dim)]
        scores = [sum(outside_vecs[wd][k] * h[k] for k in range(dim)) for wd in range(size)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        probs = [e / sum(exps) for e in exps]
        total += -math.log(probs[target])
        expected = [sum(probs[wd] * outside_vecs[wd][k] for wd in range(size)) for k in range(dim)]
        for wd in range(size):
            for k in range(dim):
                grad_u[wd][k] += (probs[wd] - (wd == target)) * h[k] / len(examples)
        for j in context:
            for k in range(dim):
                step = (expected[k] - outside_vecs[target][k]) / len(context)
                grad_v[j][k] += step / len(examples)
    return total / len(examples), grad_v, grad_u


def test_the_toy_examples_by_hand():
    assert named(EXAMPLES) == [
        (["cat", "sits"], "the"),
        (["the", "sits", "on"], "cat"),
        (["the", "cat", "on", "the"], "sits"),
        (["cat", "sits", "the", "mat"], "on"),
        (["sits", "on", "mat"], "the"),
        (["on", "the"], "mat"),
    ]
    assert [len(c) for c, _ in EXAMPLES] == [2, 3, 4, 4, 3, 2]
    pairs = w.skipgram_pairs(IDS, 2)  # the 18 pairs, grouped by center position
    assert sum(len(c) for c, _ in EXAMPLES) == len(pairs) == 18
    assert [(t, j) for c, t in EXAMPLES for j in c] == [tuple(p) for p in pairs]


def test_examples_of_other_texts():
    assert w.cbow_examples(["a"], 3) == []  # one word: no context, no example
    assert w.cbow_examples("a b c d".split(), 5)[0] == (("b", "c", "d"), "a")
    with pytest.raises(ValueError, match="window must be an integer >= 1, got 0"):
        w.cbow_examples(IDS, 0)
    with pytest.raises(TypeError, match="tokenize it first"):
        w.cbow_examples("the cat", 1)


@pytest.mark.parametrize("batch", [slice(0, 1), slice(2, 3), slice(1, 4), slice(0, 6)])
def test_loss_and_gradients_equal_a_plain_loop(batch):
    rng = np.random.default_rng(3)
    center_vecs, outside_vecs = rng.normal(size=(5, 2)), rng.normal(size=(5, 2))
    loss, (g_v, g_u) = w.cbow_softmax_loss_and_grad(center_vecs, outside_vecs, EXAMPLES[batch])
    ref_loss, ref_v, ref_u = loop_loss_and_grad(center_vecs, outside_vecs, EXAMPLES[batch])
    assert loss == pytest.approx(ref_loss, rel=1e-12)
    np.testing.assert_allclose(g_v, ref_v, atol=1e-12)
    np.testing.assert_allclose(g_u, ref_u, atol=1e-12)
    assert w.cbow_softmax_loss(center_vecs, outside_vecs, EXAMPLES[batch]) == loss


def test_gradients_match_finite_differences():
    rng = np.random.default_rng(4)
    center_vecs, outside_vecs = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    batch = EXAMPLES[1:5] + [((2, 2, 4), 1)]  # a repeated context word counts twice
    _, (g_v, g_u) = w.cbow_softmax_loss_and_grad(center_vecs, outside_vecs, batch)
    w.check_gradient(lambda v: (w.cbow_softmax_loss(v, outside_vecs, batch), g_v), center_vecs)
    w.check_gradient(lambda u: (w.cbow_softmax_loss(center_vecs, u, batch), g_u), outside_vecs)


def test_probs_and_the_loss_at_zero_vectors():
    zeros = np.zeros((5, 2))
    assert w.cbow_softmax_loss(zeros, zeros, EXAMPLES) == pytest.approx(math.log(5))
    rng = np.random.default_rng(5)
    v, u = rng.normal(size=(5, 2)), rng.normal(size=(5, 2))
    h = (v[1] + v[2] + v[2]) / 3
    scores = [u[i] @ h for i in range(5)]
    by_hand = [math.exp(s) / sum(math.exp(x) for x in scores) for s in scores]
    np.testing.assert_allclose(w.cbow_probs(v, u, [1, 2, 2]), by_hand, rtol=1e-12)


def test_best_loss_is_zero_on_the_toy_and_log_2_when_a_context_repeats():
    assert w.cbow_best_loss(EXAMPLES) == 0.0
    assert w.cbow_best_loss([((0, 1), 2), ((1, 0), 3)]) == pytest.approx(math.log(2))
    # (0, 1) and (0, 0, 1, 1) give the same h, so they share one P(. | C)
    assert w.cbow_best_loss([((0, 1), 2), ((0, 0, 1, 1), 3), ((2,), 4)]) == pytest.approx(
        2 / 3 * math.log(2))


@pytest.mark.parametrize("examples, error, match", [
    ([], ValueError, "non-empty list"),
    ([((), 0)], ValueError, "example 0 has an empty context"),
    ([((1, 2), 0), ((5,), 1)], ValueError, "example 1: context id 5 is out of range"),
    ([((1,), 7)], ValueError, "example 0: center id 7 is out of range"),
    ([((1,), -1)], ValueError, "center id -1"),
    ([((1.5,), 0)], TypeError, "1.5"),
    ([(1, 2, 3)], ValueError, r"example 0 must be \(context ids, center id\)"),
])
def test_bad_examples_are_named(examples, error, match):
    with pytest.raises(error, match=match):
        w.cbow_softmax_loss_and_grad(*START, examples)


# --- the recording ------------------------------------------------------------------------


def loop_training(n_updates, lr, batch_size):
    """Plain gradient descent on the examples in order, batch after batch, epoch after epoch."""
    v, u = START[0].copy(), START[1].copy()
    batches = [EXAMPLES[i:i + batch_size] for i in range(0, len(EXAMPLES), batch_size)]
    for k in range(n_updates):
        _, g_v, g_u = loop_loss_and_grad(v, u, batches[k % len(batches)])
        v, u = v - lr * g_v, u - lr * g_u
    return v, u


def recording(lr=0.5, batch_size=1):
    return w.CBOWRecording(*START, EXAMPLES, lr=lr, batch_size=batch_size)


@pytest.mark.parametrize("lr, batch_size, n", [(0.5, 1, 1), (0.5, 1, 13), (1.0, 4, 7),
                                               (0.8, 6, 5)])
def test_k_updates_equal_a_plain_loop(lr, batch_size, n):
    rec = recording(lr, batch_size)
    rec.step(n)
    v, u = loop_training(n, lr, batch_size)
    np.testing.assert_allclose(rec.center_vecs, v, atol=1e-12)
    np.testing.assert_allclose(rec.outside_vecs, u, atol=1e-12)
    full = [loop_loss_and_grad(*loop_training(k, lr, batch_size), EXAMPLES)[0] for k in range(n)]
    np.testing.assert_allclose([s.full_loss for s in rec.steps], full, rtol=1e-10)
    assert rec.loss == pytest.approx(loop_loss_and_grad(v, u, EXAMPLES)[0], rel=1e-10)


def test_an_epoch_is_six_updates_at_b1_and_two_at_b4():
    rec = recording()
    rec.step(7)
    assert rec.updates_per_epoch == 6
    assert [(s.number, s.epoch, s.batch_number) for s in rec.steps[5:7]] == [(6, 1, 6), (7, 2, 1)]
    assert rec.steps[6].examples == [EXAMPLES[0]]
    rec.reset(batch_size=4)
    rec.step(2)
    assert rec.updates_per_epoch == 2
    assert [s.example_indices.tolist() for s in rec.steps] == [[0, 1, 2, 3], [4, 5]]


def test_recorded_h_probs_and_losses_by_hand():
    rec = recording(batch_size=2)
    step = rec.step(2)  # examples 3 and 4
    v, u = step.center_vecs, step.outside_vecs
    for e, (context, _) in enumerate(step.examples):
        h = sum(v[j] for j in context) / len(context)
        np.testing.assert_allclose(step.hidden[e], h)
        np.testing.assert_allclose(step.probs[e], w.cbow_probs(v, u, context))
    by_hand = [-math.log(w.cbow_probs(v, u, c)[t]) for c, t in step.examples]
    assert step.loss == pytest.approx(np.mean(by_hand))
    after = [-math.log(w.cbow_probs(rec.center_vecs, rec.outside_vecs, c)[t])
             for c, t in step.examples]
    assert step.loss_after == pytest.approx(np.mean(after))


def test_changed_rows_are_the_context_words_and_every_u():
    first = recording().step()  # cat, sits -> the
    ids = VOCAB.index
    assert first.changed_center_rows() == sorted([ids["cat"], ids["sits"]])  # not "the"
    assert first.changed_outside_rows() == [0, 1, 2, 3, 4]


@pytest.mark.parametrize("batch_size, n", [(1, 1), (1, 3), (2, 2), (4, 1), (6, 3)])
def test_arrows_are_exactly_the_step_on_v_j(batch_size, n):
    rec = recording(lr=0.7, batch_size=batch_size)
    rec.step(n)
    step = rec.steps[-1]
    j, origin, pull, push = step.arrows()
    assert j == step.examples[0][0][0]
    np.testing.assert_allclose(pull + push, -0.7 * step.grad_center_vecs[j], atol=1e-15)
    np.testing.assert_allclose(origin + pull + push, rec.center_vecs[j], atol=1e-15)


def test_arrows_for_one_example_by_hand():
    rec = recording(lr=0.5)
    step = rec.step(2)  # the, sits, on -> cat: j = the, |C| = 3
    j, _, pull, push = step.arrows()
    u = step.outside_vecs
    expected_u = sum(step.probs[0][k] * u[k] for k in range(5))
    assert j == VOCAB.index["the"]
    np.testing.assert_allclose(pull, 0.5 / 3 * u[VOCAB.index["cat"]])
    np.testing.assert_allclose(push, -0.5 / 3 * expected_u)


def test_arrows_count_a_repeated_context_word():
    rec = w.CBOWRecording(*START, [((2, 2, 4), 1)], lr=0.6, batch_size=1)
    step = rec.step()
    j, _, pull, _ = step.arrows()
    assert j == 2
    np.testing.assert_allclose(pull, 0.6 * 2 / 3 * step.outside_vecs[1])


@pytest.mark.parametrize("batch_size, error", [(0, ValueError), (7, ValueError),
                                               (2.0, TypeError)])
def test_batch_size_outside_1_to_6_is_named(batch_size, error):
    with pytest.raises(error, match=rf"batch_size must be an integer >= 1 and <= 6, got "
                                    rf"{batch_size}"):
        recording(batch_size=batch_size)
    rec = recording()
    with pytest.raises(error, match="batch_size"):
        rec.reset(batch_size=batch_size)
    assert rec.batch_size == 1  # the last good setting, kept


def test_bad_lr_and_empty_examples_are_named():
    with pytest.raises(ValueError, match="lr must be a positive number, got 0"):
        recording(lr=0)
    with pytest.raises(ValueError, match="non-empty list"):
        w.CBOWRecording(*START, [], lr=0.5, batch_size=1)
    with pytest.raises(ValueError, match="context id 5"):
        w.CBOWRecording(*START, [((5,), 0)], lr=0.5, batch_size=1)


def test_reset_returns_to_the_start():
    rec = recording()
    rec.step(5)
    rec.reset(lr=0.3, batch_size=3)
    assert rec.steps == [] and rec.lr == 0.3 and rec.updates_per_epoch == 2
    np.testing.assert_array_equal(rec.center_vecs, START[0])
    assert rec.loss == rec.start_loss == pytest.approx(loop_loss_and_grad(*START, EXAMPLES)[0])


def test_divergence_stops_by_the_shared_rule():
    rec = recording(lr=3.0)
    with pytest.raises(FloatingPointError, match=r"J would go from .* lr=3 is too large"):
        rec.step(200)
    limit = 10 * rec.start_loss
    assert all(s.full_loss <= limit for s in rec.steps) and rec.loss <= limit
    v, u = loop_training(len(rec.steps) + 1, 3.0, 1)  # the update it refused
    assert loop_loss_and_grad(v, u, EXAMPLES)[0] > limit


def test_the_loss_goes_toward_the_floor_0():
    rec = recording(lr=1.0)
    rec.step(6 * 200)
    assert rec.loss < 0.01  # every context differs: J can go as low as one likes
