"""Tests for w2v_lib.sgns_loop: the compiled per-pair SGNS loop and train_sgns(engine="loop")."""

import math
import threading
import time

import numpy as np
import pytest

import w2v_lib as w
from w2v_lib import sgns_loop
from w2v_lib.corpus import gensim_test_file
from w2v_lib.sampling import NegativeSampler


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


def one_job(center_vecs, outside_vecs, sentence, noise_word, *, negative=1, lr=0.1, window=1):
    """Run the kernel on one sentence, no subsampling, every noise draw equal to noise_word."""
    vocab_size = len(center_vecs)
    keep = np.ones(vocab_size, np.float32)
    noise_keep = np.zeros(vocab_size, np.float32)  # never the column's own word...
    noise_alias = np.full(vocab_size, noise_word, np.int32)  # ...always noise_word
    ids = np.array(sentence, np.int32)
    return sgns_loop._train_job(center_vecs, outside_vecs, ids, np.array([0, len(ids)]), keep,
                                noise_keep, noise_alias, window, negative, lr, 1e-4, 0, 10**6,
                                np.uint64(7))


@pytest.fixture
def vecs():
    rng = np.random.default_rng(0)
    center = (rng.standard_normal((5, 8)) * 0.5).astype(np.float32)
    outside = (rng.standard_normal((5, 8)) * 0.5).astype(np.float32)
    return center, outside


# --- one update is the SGNS step --------------------------------------------------------------


def test_two_word_sentence_is_two_sgns_steps_in_order(vecs):
    # sentence [2, 4], window 1: pairs (2, 4) then (4, 2), each with the noise word 1, B = 1
    center, outside = vecs
    want_c, want_o = center.astype(float), outside.astype(float)
    w.sgns_step(want_c, want_o, [2], [4], [[1]], lr=0.1)
    w.sgns_step(want_c, want_o, [4], [2], [[1]], lr=0.1)
    got_c, got_o = center.copy(), outside.copy()
    loss, n_pairs = one_job(got_c, got_o, [2, 4], noise_word=1)
    assert n_pairs == 2
    # The sigma table is off by at most sigma' * half a bin = 0.25 * 0.006 = 0.0015, so
    # each of the 2 terms of the 2 steps moves a coordinate at most lr * 0.0015 * |row| off.
    tol = 2 * 2 * 0.1 * 0.0015 * max(np.abs(center).max(), np.abs(outside).max())
    assert np.abs(want_c - center).max() > 20 * tol  # the steps move rows visibly...
    np.testing.assert_allclose(got_c, want_c, atol=tol)  # ...and the kernel does the same
    np.testing.assert_allclose(got_o, want_o, atol=tol)
    untouched = [0, 3]  # rows of words in no pair
    assert (got_c[untouched] == center[untouched]).all() and (got_c[1] == center[1]).all()


def test_loss_is_the_per_pair_formula(vecs):
    center, outside = vecs
    v2, u4, u1 = center[2].astype(float), outside[4].astype(float), outside[1].astype(float)
    first = -math.log(sigmoid(u4 @ v2)) - math.log(sigmoid(-(u1 @ v2)))  # pair (2, 4)
    loss, n_pairs = one_job(center.copy(), outside.copy(), [2, 4], noise_word=1, lr=1e-9)
    v4, u2 = center[4].astype(float), outside[2].astype(float)
    second = -math.log(sigmoid(u2 @ v4)) - math.log(sigmoid(-(u1 @ v4)))  # pair (4, 2)
    assert n_pairs == 2
    assert loss == pytest.approx(first + second, abs=0.02)  # log sigma table: 0.006 per term


def test_a_noise_word_equal_to_o_is_skipped(vecs):
    # every noise draw is the outside word itself: only the true term of each pair counts
    center, outside = vecs
    want_c, want_o = center.astype(float), outside.astype(float)
    w.sgns_step(want_c, want_o, [2], [4], np.zeros((1, 0), int), lr=0.1)
    got_c, got_o = center.copy(), outside.copy()
    loss, n_pairs = one_job(got_c, got_o, [2, 4], noise_word=4, negative=3)
    tol = 2 * 0.1 * 0.0015 * np.abs(outside).max()  # as above, one term in each of 2 steps
    np.testing.assert_allclose(got_c[2], want_c[2], atol=tol)  # pair (2, 4): noise all = 4
    assert got_o[4] != pytest.approx(outside[4])


def test_tables_are_sigma_and_log_sigma():
    x = np.linspace(-6 + 0.006, 6 - 0.006, 1000)  # the midpoints of 1000 bins of 0.012
    np.testing.assert_allclose(sgns_loop._SIGMOID, [sigmoid(v) for v in x], rtol=1e-6)
    np.testing.assert_allclose(sgns_loop._LOG_SIGMOID, [math.log(sigmoid(v)) for v in x],
                               rtol=1e-5, atol=1e-7)


# --- the random numbers -----------------------------------------------------------------------


def test_generator_is_word2vec_lcg():
    state = sgns_loop._next_random(np.uint64(1))
    assert state == 25214903917 + 11  # by hand: 1 * a + c, below 2**48
    big = np.uint64(2**48 - 1)
    assert sgns_loop._next_random(big) == ((2**48 - 1) * 25214903917 + 11) % 2**48


def test_below_and_uniform_stay_in_range():
    state, seen = np.uint64(12345), set()
    for _ in range(2000):
        state = sgns_loop._next_random(state)
        seen.add(sgns_loop._below(state, 5))
        assert 0 <= sgns_loop._uniform(state) < 1
    assert seen == {0, 1, 2, 3, 4}


def test_noise_draws_follow_p_n():
    probs = np.array([0.5, 0.25, 0.125, 0.0625, 0.0625])
    sampler = NegativeSampler(probs)
    keep, alias = sampler.keep.astype(np.float32), sampler.alias.astype(np.int32)
    state, counts = np.uint64(99), np.zeros(5)
    for _ in range(40_000):
        word, state = sgns_loop._draw_noise(state, keep, alias)
        counts[word] += 1
    # binomial standard error at 40,000 draws is at most 0.0025: allow 4 of them
    np.testing.assert_allclose(counts / counts.sum(), probs, atol=0.01)


# --- jobs and threads -------------------------------------------------------------------------


def test_jobs_are_whole_sentences():
    sent = np.array([0, 0, 0, 1, 1, 2, 2, 2, 2])
    starts, bounds = sgns_loop._jobs(sent, words_per_job=4)
    assert starts.tolist() == [0, 3, 5, 9]  # sentences 0, 1, 2
    assert bounds.tolist() == [0, 2, 3]  # job 0: sentences 0-1 (5 words), job 1: sentence 2


def test_threads_run_every_job_once():
    done, lock = [], threading.Lock()

    def run(job):
        with lock:
            done.append(job)

    sgns_loop._run_threads(run, 50, workers=3)
    assert sorted(done) == list(range(50))


def test_an_error_in_a_thread_is_raised_and_stops_the_others():
    done = []

    def run(job):
        done.append(job)
        if job == 3:
            raise KeyError("job 3 failed")
        time.sleep(0.002)  # a job takes a while, as a real one does

    with pytest.raises(KeyError, match="job 3 failed"):
        sgns_loop._run_threads(run, 200, workers=2)
    assert 3 in done and len(done) < 50  # the other thread stopped soon after (not 200)


# --- train_sgns(engine="loop") ----------------------------------------------------------------


@pytest.fixture(scope="module")
def lee():
    return w.lee_corpus()


def test_loop_is_deterministic_with_one_worker(lee):
    a, b, c = (w.train_sgns(lee[:60], epochs=2, min_count=2, seed=s, engine="loop",
                            progress=False) for s in (3, 3, 4))
    assert np.array_equal(a.vectors, b.vectors) and a.epoch_losses == b.epoch_losses
    assert not np.array_equal(a.vectors, c.vectors)


def test_two_workers_train_as_well(lee):
    one = w.train_sgns(lee[:100], epochs=3, min_count=2, engine="loop", progress=False)
    two = w.train_sgns(lee[:100], epochs=3, min_count=2, engine="loop", workers=2,
                       progress=False)
    assert one.words == two.words and np.isfinite(two.vectors).all()
    assert len(two.epoch_losses) == 3 and two.epoch_losses[-1] < two.epoch_losses[0]
    assert two.epoch_losses[-1] == pytest.approx(one.epoch_losses[-1], rel=0.02)


def test_loop_matches_numpy_engine_on_lee(lee):
    # notebook 06's settings; the loop engine updates per pair, numpy per batch of 256
    path = gensim_test_file("wordsim353.tsv")
    scores = {}
    for engine in ("numpy", "loop"):
        wv = w.train_sgns(lee, epochs=20, min_count=2, seed=1, engine=engine, progress=False)
        scores[engine] = w.evaluate_word_pairs(wv, path).spearman
        assert len(wv.epoch_losses) == 20 and wv.train_seconds > 0
    assert scores["loop"] > 0.15  # well above noise (numpy engine: about 0.21)
    assert abs(scores["loop"] - scores["numpy"]) < 0.05


@pytest.mark.parametrize("kw, match", [
    (dict(engine="fast"), 'engine must be "numpy" or "loop", got \'fast\''),
    (dict(engine="loop", workers=0), "workers must be an integer >= 1, got 0"),
    (dict(workers=2), 'workers=2 needs engine="loop"'),
])
def test_bad_engine_or_workers_are_named(lee, kw, match):
    with pytest.raises(ValueError, match=match):
        w.train_sgns(lee[:20], min_count=1, progress=False, **kw)


def test_loop_reports_divergence(lee):
    with pytest.raises(FloatingPointError, match="diverged"):
        w.train_sgns(lee[:50], epochs=2, min_count=1, lr=1e9, engine="loop", progress=False)


def test_loop_shows_the_same_progress_bar(lee, capsys):
    w.train_sgns(lee[:20], epochs=2, min_count=1, engine="loop", progress=True)
    err = capsys.readouterr().err
    assert "epoch 2/2" in err and "loss=" in err
