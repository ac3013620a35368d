"""CBOW: the one-example loss by hand, its gradients by finite differences, and the
vectorised batch step against a plain loop over examples."""

import numpy as np
import pytest

import w2v_lib as w
from w2v_lib import cbow


def _sigma(x):
    return 1 / (1 + np.exp(-x))


@pytest.fixture
def params():
    rng = np.random.default_rng(0)
    return rng.normal(size=(6, 4)), rng.normal(size=(6, 4))


def test_loss_by_hand(params):
    input_vecs, output_vecs = params
    h = (input_vecs[1] + input_vecs[2] + input_vecs[2]) / 3  # a repeated word counts twice
    expected = -np.log(_sigma(output_vecs[0] @ h)) - np.log(_sigma(-output_vecs[4] @ h)) \
        - np.log(_sigma(-output_vecs[5] @ h))
    loss, _, _ = cbow.cbow_loss_and_grad(input_vecs, output_vecs, [1, 2, 2], 0, [4, 0, 5])
    assert loss == pytest.approx(expected)  # the negative equal to the target is skipped


def test_gradients_match_finite_differences(params):
    input_vecs, output_vecs = params
    args = ([1, 2, 2, 3], 0, [4, 5, 4])
    w.check_gradient(lambda v: cbow.cbow_loss_and_grad(v, output_vecs, *args)[:2], input_vecs)
    w.check_gradient(lambda u: cbow.cbow_loss_and_grad(input_vecs, u, *args)[::2], output_vecs)


def test_each_context_word_gets_grad_h_over_n(params):
    input_vecs, output_vecs = params
    _, grad_in, _ = cbow.cbow_loss_and_grad(input_vecs, output_vecs, [1, 3], 0, [4])
    assert np.allclose(grad_in[1], grad_in[3]) and not grad_in[[0, 2, 4, 5]].any()


def test_batch_step_matches_a_plain_loop_over_examples(params):
    input_vecs, output_vecs = (p.astype(np.float32) for p in params)
    examples = [([1, 2], 0, [3, 4]), ([0, 2, 5, 1], 3, [3, 0]), ([4], 1, [2, 2]),
                ([0, 0, 1], 0, [5, 1])]  # shared rows, a negative equal to the target
    lr = 0.1
    total, grad_in, grad_out = 0.0, np.zeros(input_vecs.shape), np.zeros(output_vecs.shape)
    for context, target, negatives in examples:  # the batch reads the vectors once
        loss, g_in, g_out = cbow.cbow_loss_and_grad(input_vecs, output_vecs, context, target,
                                                    negatives)
        total, grad_in, grad_out = total + loss, grad_in + g_in, grad_out + g_out
    contexts = np.concatenate([e[0] for e in examples])
    group = np.repeat(np.arange(4), [len(e[0]) for e in examples])
    counts = np.array([len(e[0]) for e in examples], np.float32)
    new_in, new_out = input_vecs.copy(), output_vecs.copy()
    batch_loss = cbow._cbow_batch(new_in, new_out, np.array([e[1] for e in examples]), contexts,
                                  group, counts, np.array([e[2] for e in examples]), lr)
    assert batch_loss == pytest.approx(total, rel=1e-5)
    assert np.allclose(new_in, input_vecs - lr * grad_in, atol=1e-6)
    assert np.allclose(new_out, output_vecs - lr * grad_out, atol=1e-6)


@pytest.mark.parametrize("args, error, message", [
    (([], 0, [1]), ValueError, "context_ids must be a non-empty"),
    (([1], 7, [1]), ValueError, "target_id id 7 is out of range for a vocabulary of 6 words"),
    (([1], 0, [[1]]), ValueError, r"negative_ids must be a \(K,\) list"),
    (([1.5], 0, [1]), TypeError, "context_ids must hold integer word ids, got dtype float64"),
])
def test_errors_name_the_bad_value(params, args, error, message):
    with pytest.raises(error, match=message):
        cbow.cbow_loss_and_grad(*params, *args)


SENTENCES = [["the", "cat", "sits", "on", "the", "mat"], ["the", "dog", "sits", "on", "the", "rug"],
             ["a", "cat", "chases", "a", "mouse"], ["a", "dog", "chases", "a", "ball"]] * 20


def test_training_lowers_the_loss_and_is_repeatable():
    kwargs = dict(dim=10, window=2, min_count=1, sample=0, epochs=20, lr=0.1, batch_size=8,
                  progress=False)
    first, second = cbow.train_cbow(SENTENCES, **kwargs), cbow.train_cbow(SENTENCES, **kwargs)
    assert first.words == w.build_vocab([t for s in SENTENCES for t in s]).words
    assert first.epoch_losses[-1] < 0.7 * first.epoch_losses[0]
    assert np.array_equal(first.vectors, second.vectors)


def test_training_errors_name_the_bad_value():
    with pytest.raises(ValueError, match="negative must be an integer >= 1, got 0"):
        cbow.train_cbow(SENTENCES, negative=0, progress=False)
    with pytest.raises(ValueError, match="min_lr must be a positive number"):
        cbow.train_cbow(SENTENCES, min_lr=0, progress=False)
