"""Recording and Step: training recorded one update at a time (w2v_lib.recording)."""

import math

import numpy as np
import pytest
from references import softmax_by_loop

import w2v_lib as w

TOKENS = w.tokenize("the cat sits on the mat")
VOCAB = w.build_vocab(TOKENS)
PAIRS = np.array(w.skipgram_pairs(VOCAB.encode(TOKENS), window=2))


def start(seed=0):
    return w.init_params(len(VOCAB), 2, np.random.default_rng(seed))


def recording(lr=0.5, batch_size=1, seed=0):
    return w.Recording(*start(seed), PAIRS, lr=lr, batch_size=batch_size)


def probs_by_loop(center_vecs, outside_vecs, c):
    scores = [sum(outside_vecs[o, k] * center_vecs[c, k] for k in range(2)) for o in range(5)]
    return np.array(softmax_by_loop(scores))


@pytest.mark.parametrize("batch_size, epochs", [(1, 1), (1, 3), (4, 2), (5, 3), (18, 4)])
def test_stepping_equals_train_after_k_epochs(batch_size, epochs):
    rec = recording(lr=0.5, batch_size=batch_size)
    per_epoch = math.ceil(18 / batch_size)
    rec.step(per_epoch * epochs)
    result = w.train(*start(), PAIRS, lr=0.5, batch_size=batch_size, epochs=epochs)
    np.testing.assert_array_equal(rec.center_vecs, result.center_vecs)
    np.testing.assert_array_equal(rec.outside_vecs, result.outside_vecs)
    assert [s.loss for s in rec.steps] == result.update_losses
    assert len(rec.steps) == per_epoch * epochs


def test_each_step_records_the_state_before_it():
    rec = recording(lr=0.7, batch_size=4)
    rec.step(7)
    c0, o0 = start()
    np.testing.assert_array_equal(rec.steps[0].center_vecs, c0)
    np.testing.assert_array_equal(rec.steps[0].outside_vecs, o0)
    for before, after in zip(rec.steps, rec.steps[1:], strict=False):
        assert np.allclose(after.center_vecs, before.center_vecs - 0.7 * before.grad_center_vecs)
        assert np.allclose(after.outside_vecs, before.outside_vecs - 0.7 * before.grad_outside_vecs)


def test_batches_follow_the_pair_list_epoch_after_epoch():
    rec = recording(batch_size=4)
    rec.step(7)  # 5 updates per epoch (4, 4, 4, 4, 2), then the second epoch starts over
    assert [s.pair_indices.tolist() for s in rec.steps[3:7]] == [
        [12, 13, 14, 15], [16, 17], [0, 1, 2, 3], [4, 5, 6, 7]
    ]
    assert [(s.number, s.epoch, s.batch_number) for s in rec.steps[4:6]] == [(5, 1, 5), (6, 2, 1)]
    np.testing.assert_array_equal(rec.steps[5].batch, PAIRS[:4])


def test_probabilities_and_losses_by_hand():
    rec = recording(lr=0.5, batch_size=4)
    rec.step(3)
    step = rec.steps[2]
    for row, c in zip(step.probs, step.batch[:, 0], strict=True):
        assert np.allclose(row, probs_by_loop(step.center_vecs, step.outside_vecs, c))
    by_hand = [-math.log(probs_by_loop(step.center_vecs, step.outside_vecs, c)[o])
               for c, o in step.batch]
    assert step.loss == pytest.approx(sum(by_hand) / len(by_hand))
    after, after_o = rec.center_vecs, rec.outside_vecs  # step is the last one taken
    by_hand_after = [-math.log(probs_by_loop(after, after_o, c)[o]) for c, o in step.batch]
    assert step.loss_after == pytest.approx(np.mean(by_hand_after))
    all_pairs = [-math.log(probs_by_loop(step.center_vecs, step.outside_vecs, c)[o])
                 for c, o in PAIRS]
    assert step.full_loss == pytest.approx(np.mean(all_pairs))


def test_recorded_gradients_match_finite_differences():
    rec = recording(batch_size=4)
    step = rec.step(2)
    w.check_gradient(lambda c: (w.nll_loss(c, step.outside_vecs, step.batch),
                                step.grad_center_vecs), step.center_vecs)
    w.check_gradient(lambda o: (w.nll_loss(step.center_vecs, o, step.batch),
                                step.grad_outside_vecs), step.outside_vecs)


def test_changed_rows():
    rec = recording(batch_size=4)
    first = rec.step()  # pairs 1-4: the->cat, the->sits, cat->the, cat->sits
    ids = VOCAB.index
    assert first.changed_center_rows() == sorted([ids["the"], ids["cat"]])
    assert first.changed_outside_rows() == [0, 1, 2, 3, 4]  # every P(w | c) > 0
    c, o = rec.steps[0].center_vecs, rec.steps[0].outside_vecs
    moved = [i for i in range(5) if not np.array_equal(rec.center_vecs[i], c[i])]
    assert moved == first.changed_center_rows()
    assert all(not np.array_equal(rec.outside_vecs[i], o[i]) for i in range(5))


def test_arrows_for_one_pair_are_pull_and_push():
    rec = recording(lr=0.5, batch_size=1)
    rec.step(2)
    step = rec.steps[1]  # pair 2: the -> sits
    c, o = VOCAB.index["the"], VOCAB.index["sits"]
    center, origin, pull, push = step.arrows()
    probs = probs_by_loop(step.center_vecs, step.outside_vecs, c)
    expected_u = sum(probs[k] * step.outside_vecs[k] for k in range(5))
    assert center == c
    np.testing.assert_array_equal(origin, step.center_vecs[c])
    assert np.allclose(pull, 0.5 * step.outside_vecs[o])
    assert np.allclose(push, -0.5 * expected_u)
    assert np.allclose(origin + pull + push, rec.center_vecs[c])  # the step actually taken


def test_arrows_sum_to_the_step_when_a_batch_repeats_the_center():
    rec = recording(lr=0.9, batch_size=4)
    step = rec.step()  # "the" is the center of pairs 1 and 2
    c, origin, pull, push = step.arrows()
    assert c == VOCAB.index["the"]
    assert np.allclose(origin + pull + push, rec.center_vecs[c])
    u = step.outside_vecs
    assert np.allclose(pull, 0.9 / 4 * (u[VOCAB.index["cat"]] + u[VOCAB.index["sits"]]))


def test_reset_returns_to_the_start_and_can_change_lr_and_batch_size():
    rec = recording(lr=0.5, batch_size=1)
    rec.step(5)
    rec.reset(lr=0.2, batch_size=6)
    c0, o0 = start()
    assert rec.steps == [] and rec.lr == 0.2 and rec.updates_per_epoch == 3
    np.testing.assert_array_equal(rec.center_vecs, c0)
    np.testing.assert_array_equal(rec.outside_vecs, o0)
    rec.step(3)
    result = w.train(c0, o0, PAIRS, lr=0.2, batch_size=6)
    np.testing.assert_array_equal(rec.center_vecs, result.center_vecs)


def test_inputs_are_not_modified():
    c0, o0 = start()
    c, o = c0.copy(), o0.copy()
    w.Recording(c, o, PAIRS, lr=0.5, batch_size=2).step(9)
    np.testing.assert_array_equal(c, c0)
    np.testing.assert_array_equal(o, o0)


@pytest.mark.parametrize("kwargs, match, error", [
    ({"lr": 0, "batch_size": 1}, "lr", ValueError),
    ({"lr": float("nan"), "batch_size": 1}, "lr", ValueError),
    ({"lr": True, "batch_size": 1}, "lr", ValueError),
    ({"lr": 0.5, "batch_size": 0}, "batch_size", ValueError),
    ({"lr": 0.5, "batch_size": 2.5}, "batch_size", TypeError),
])
def test_bad_lr_or_batch_size_is_named(kwargs, match, error):
    with pytest.raises(error, match=match):
        w.Recording(*start(), PAIRS, **kwargs)


def test_bad_step_count_and_shapes():
    rec = recording()
    with pytest.raises(ValueError, match="n must"):
        rec.step(0)
    with pytest.raises(ValueError, match=r"\(5, 2\).*\(4, 2\)"):
        w.Recording(np.zeros((5, 2)), np.zeros((4, 2)), PAIRS, lr=1, batch_size=1)
    with pytest.raises(ValueError, match="pair id 4"):
        w.Recording(np.zeros((4, 2)), np.zeros((4, 2)), PAIRS, lr=1, batch_size=1)


def test_divergence_is_reported_and_nothing_non_finite_is_recorded():
    rec = recording(lr=1e300, batch_size=18)
    with pytest.raises(FloatingPointError, match="lr=1e"):
        rec.step(5)
    assert len(rec.steps) < 5
    for s in rec.steps:
        assert np.isfinite(s.loss) and np.isfinite(s.loss_after)
        assert np.all(np.isfinite(s.center_vecs)) and np.all(np.isfinite(s.outside_vecs))
    assert np.all(np.isfinite(rec.center_vecs))


def test_overshooting_stops_before_the_loss_explodes():
    rec = recording(lr=3.0, batch_size=1)  # J at the start is about log 5 = 1.61
    with pytest.raises(FloatingPointError, match=r"J would go from .* lr=3 is too large"):
        rec.step(200)
    limit = 10 * w.nll_loss(*start(), PAIRS)  # blowup (10) times J at the start
    assert all(s.full_loss <= limit for s in rec.steps)
    assert rec.loss == pytest.approx(w.nll_loss(rec.center_vecs, rec.outside_vecs, PAIRS))
    assert rec.loss <= limit


@pytest.mark.parametrize("lr, batch_size", [(3.0, 1), (2.5, 4), (1e300, 18)])
def test_train_and_recording_stop_at_the_same_update_by_the_same_rule(lr, batch_size):
    rec = recording(lr=lr, batch_size=batch_size)
    with pytest.raises(FloatingPointError) as recorded:
        rec.step(500)
    with pytest.raises(FloatingPointError) as trained:
        w.train(*start(), PAIRS, lr=lr, batch_size=batch_size, epochs=500)
    assert str(recorded.value) == str(trained.value)
    assert f"at update {len(rec.steps) + 1}:" in str(trained.value)


def test_blowup_sets_the_limit_and_inf_stops_only_at_overflow():
    rec = w.Recording(*start(), PAIRS, lr=3.0, batch_size=4, blowup=math.inf)
    rec.step(60)  # J far above 10 x J at the start, but finite: not stopped
    assert rec.loss > 100 * rec.start_loss and np.isfinite(rec.loss)
    with pytest.raises(ValueError, match="blowup"):
        w.Recording(*start(), PAIRS, lr=0.5, batch_size=1, blowup=0)


def test_a_recording_without_pairs_says_so():
    with pytest.raises(ValueError, match="non-empty"):
        w.Recording(*start(), np.zeros((0, 2), int), lr=0.5, batch_size=1)
