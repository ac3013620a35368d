"""Tests for w2v_lib.sgns: the negative-sampling loss, its sampling tables, the trainer."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from references import SOURCE_PAIRS, SOURCE_TEXT, position_pairs_by_loop

import w2v_lib as w
from w2v_lib import scatter, sgns, sgns_loss


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
        ([[0, 1]], [[1.5]], TypeError, "negative ids must be integers"),
        ([[0, 1, 2]], [[1]], ValueError, r"pairs \(N, 2\)"),
        ([[0, 1]], [[1], [2]], ValueError, r"negatives \(N, K\)"),
    ],
)
def test_bad_ids_are_named(toy, pairs, negatives, error, match):
    with pytest.raises(error, match=match):
        w.sgns_loss_and_grad(*toy, np.array(pairs), np.array(negatives))


# --- noise distribution, subsampling, sampler ------------------------------------------------


def test_noise_distribution_by_hand():
    probs = w.noise_distribution([16, 1])
    assert probs == pytest.approx([8 / 9, 1 / 9])  # 16 ** 0.75 = 8
    assert w.noise_distribution([3, 1], power=0) == pytest.approx([0.5, 0.5])
    with pytest.raises(ValueError, match="counts"):
        w.noise_distribution([1, -2])


def test_noise_distribution_matches_gensims_table():
    from gensim.models import Word2Vec

    sentences = w.lee_corpus()[:40]
    model = Word2Vec(sentences, min_count=2, sg=1, epochs=1, workers=1, vector_size=8)
    counts = [model.wv.get_vecattr(word, "count") for word in model.wv.index_to_key]
    gensim_probs = np.diff(np.r_[0, model.cum_table]) / model.cum_table[-1]
    np.testing.assert_allclose(w.noise_distribution(counts), gensim_probs, atol=1e-8)


def test_keep_probabilities_by_hand():
    keep = w.keep_probabilities([1000, 10, 1], sample=1e-3)
    t = 1e-3 * 1011
    want = [(math.sqrt(1000 / t) + 1) * t / 1000, (math.sqrt(10 / t) + 1) * t / 10, 1]
    assert keep == pytest.approx(want)
    assert w.keep_probabilities([5, 5], sample=0) == pytest.approx([1, 1])
    with pytest.raises(ValueError, match="sample must be a finite number >= 0, got -1"):
        w.keep_probabilities([5, 5], sample=-1)


def test_keep_probabilities_match_gensim():
    from gensim.models import Word2Vec

    sentences = w.lee_corpus()
    model = Word2Vec(sentences, min_count=2, sample=1e-3, sg=1, epochs=1, workers=1, vector_size=8)
    words = model.wv.index_to_key
    counts = np.array([model.wv.get_vecattr(word, "count") for word in words])
    gensim_keep = np.array([model.wv.get_vecattr(word, "sample_int") for word in words]) / 2**32
    np.testing.assert_allclose(w.keep_probabilities(counts, 1e-3), gensim_keep, atol=1e-9)


def test_sampler_draws_the_distribution():
    probs = np.array([0.5, 0.0, 0.3, 0.15, 0.05])
    draws = w.NegativeSampler(probs)((200_000,), np.random.default_rng(0))
    freq = np.bincount(draws, minlength=5) / len(draws)
    sd = np.sqrt(probs * (1 - probs) / len(draws))
    assert np.all(np.abs(freq - probs) <= 5 * sd + 1e-12)
    assert freq[1] == 0


@given(st.lists(st.integers(0, 50), min_size=1, max_size=30).filter(lambda c: sum(c) > 0))
@settings(max_examples=50, deadline=None)
def test_alias_table_holds_the_exact_probabilities(counts):
    probs = np.array(counts) / sum(counts)
    sampler = w.NegativeSampler(probs)
    # column i gives word i with chance keep[i] and alias[i] otherwise; each column has 1/V
    implied = np.zeros(len(probs))
    np.add.at(implied, np.arange(len(probs)), sampler.keep / len(probs))
    np.add.at(implied, sampler.alias, (1 - sampler.keep) / len(probs))
    np.testing.assert_allclose(implied, probs, atol=1e-12)


def test_sampler_is_seeded_and_checks_rng():
    sampler = w.NegativeSampler([1, 2, 3])
    a = sampler((50,), np.random.default_rng(7))
    assert np.array_equal(a, sampler((50,), np.random.default_rng(7)))
    with pytest.raises(TypeError, match="Generator"):
        sampler((5,), 7)


# --- scatter-add and windows -----------------------------------------------------------------


def plain_scatter(out, rows, values, weights):
    want = out.astype(float)
    for i in range(len(rows)):
        for k in range(rows.shape[1]):
            want[rows[i, k]] += weights[i, k] * values[i].astype(float)
    return want


@pytest.mark.parametrize("fast", [None, False])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_scatter_rows_matches_a_plain_loop(fast, dtype):
    rng = np.random.default_rng(1)
    rows = rng.integers(0, 7, size=(30, 4)).astype(np.int32)  # many repeats; any int type
    values = rng.normal(size=(30, 5)).astype(dtype)
    weights = rng.normal(size=(30, 4)).astype(dtype)
    out = rng.normal(size=(7, 5)).astype(dtype)
    want = plain_scatter(out, rows, values, weights)
    assert scatter._scatter_rows(out, rows, values, weights, fast=fast) is out
    np.testing.assert_allclose(out, want, rtol=1e-5, atol=1e-5)
    plain = np.zeros((7, 5), dtype)
    scatter._scatter_rows(plain, rows[:, 0], values, fast=fast)
    assert plain.sum(axis=1) == pytest.approx(
        [values[rows[:, 0] == r].sum() for r in range(7)], rel=1e-5, abs=1e-5
    )


def test_scatter_rows_into_a_non_contiguous_array_adds_every_row():
    rng = np.random.default_rng(2)
    rows, values = rng.integers(0, 4, (6, 2)), rng.normal(size=(6, 3))
    weights = rng.normal(size=(6, 2))
    base = rng.normal(size=(3, 4)).T  # (4, 3), Fortran order: the kernel cannot write into it
    want = plain_scatter(base, rows, values, weights)
    scatter._scatter_rows(base, rows, values, weights)
    np.testing.assert_allclose(base, want, atol=1e-12)


def test_the_private_kernel_passes_the_import_check_on_this_scipy():
    # the pinned scipy has a working kernel: if this fails, training silently got slower
    assert scatter._KERNEL is not None
    assert scatter._checked_kernel(scatter._import_kernel()) is scatter._KERNEL


def _raising_kernel(*args):
    raise TypeError("csc_matvecs() takes 7 arguments (8 given)")  # a changed signature


def _wrong_kernel(n_row, n_col, n_vecs, indptr, indices, data, x, y):
    y += 1.0  # runs, but computes something else


def _silent_kernel(*args):
    pass  # runs, writes nothing


@pytest.mark.parametrize("broken", [_raising_kernel, _wrong_kernel, _silent_kernel, None])
def test_a_broken_kernel_is_refused_and_the_fallback_is_right(monkeypatch, broken):
    assert scatter._checked_kernel(broken) is None
    monkeypatch.setattr(scatter, "_KERNEL", scatter._checked_kernel(broken))
    rng = np.random.default_rng(4)
    rows, values = rng.integers(0, 5, (8, 3)), rng.normal(size=(8, 2)).astype(np.float32)
    weights, out = rng.normal(size=(8, 3)), np.zeros((5, 2), np.float32)
    scatter._scatter_rows(out, rows, values, weights)
    np.testing.assert_allclose(out, plain_scatter(np.zeros((5, 2)), rows, values, weights),
                               rtol=1e-5, atol=1e-5)


def test_a_failed_import_means_the_public_product(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_sparsetools(name, *args, **kwargs):
        if name.endswith("_sparsetools"):
            raise ImportError("no module named scipy.sparse._sparsetools")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_sparsetools)
    assert scatter._import_kernel() is None


def test_training_is_the_same_with_either_scatter_path(monkeypatch):
    sentences = w.lee_corpus()[:30]
    fast = small(sentences, epochs=1, dim=8)
    monkeypatch.setattr(scatter, "_KERNEL", None)
    public = small(sentences, epochs=1, dim=8)
    np.testing.assert_allclose(fast.vectors, public.vectors, rtol=1e-4, atol=1e-6)
    assert fast.epoch_losses == pytest.approx(public.epoch_losses, rel=1e-5)


def test_window_pairs_with_full_windows_are_skipgram_pairs():
    tokens = SOURCE_TEXT.split()
    centers, outsides = sgns._window_pairs(np.zeros(6, int), np.full(6, 2))
    got = [(tokens[c], tokens[o]) for c, o in zip(centers, outsides, strict=True)]
    assert got == SOURCE_PAIRS


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 4)), max_size=40))
@settings(max_examples=80, deadline=None)
def test_window_pairs_match_a_plain_loop(cells):
    sentence_ids = np.sort(np.array([s for s, _ in cells], dtype=int))
    spans = np.array([m for _, m in cells], dtype=int)
    want = position_pairs_by_loop(len(cells), spans.tolist(), sentence_ids.tolist())
    centers, outsides = sgns._window_pairs(sentence_ids, spans)
    assert list(zip(centers.tolist(), outsides.tolist(), strict=True)) == want


# --- the trainer -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lee_slice():
    return w.lee_corpus()[:60]


def small(sentences, **kw):
    settings_ = dict(dim=16, window=3, negative=3, min_count=2, epochs=2, progress=False)
    settings_.update(kw)
    return w.train_sgns(sentences, **settings_)


def test_training_is_deterministic_for_a_seed(lee_slice):
    a, b, c = small(lee_slice, seed=3), small(lee_slice, seed=3), small(lee_slice, seed=4)
    assert a.words == b.words and np.array_equal(a.vectors, b.vectors)
    assert a.epoch_losses == b.epoch_losses
    assert not np.array_equal(a.vectors, c.vectors)
    assert a.vectors.dtype == np.float32 and a.vectors.shape == (len(a.words), 16)


def test_vocabulary_matches_gensims(lee_slice):
    from gensim.models import Word2Vec

    model = Word2Vec(lee_slice, min_count=2, sg=1, epochs=1, workers=1, vector_size=8)
    ours = small(lee_slice, epochs=1)
    gensim_counts = {word: model.wv.get_vecattr(word, "count") for word in model.wv.index_to_key}
    assert dict(zip(ours.words, ours.counts.tolist(), strict=True)) == gensim_counts
    assert np.all(np.diff(ours.counts) <= 0)  # most frequent first (ties may differ in order)


def test_loss_falls_over_epochs(lee_slice):
    wv = small(lee_slice, epochs=4)
    assert len(wv.epoch_losses) == 4
    # untrained: u = 0, so each pair costs (K + 1) log 2 minus skipped negatives
    assert wv.epoch_losses[0] < 4 * math.log(2)
    assert wv.epoch_losses[-1] < wv.epoch_losses[0]


def test_words_sharing_contexts_end_up_similar():
    rng = np.random.default_rng(0)
    sentences = []
    for _ in range(400):  # "cat" and "dog" share contexts; "car" has its own
        pet, context = rng.choice(["cat", "dog"]), rng.choice(["feed", "pet", "walk", "love"])
        sentences.append([context, "the", pet, "gently"])
        sentences.append([rng.choice(["drive", "park", "wash"]), "the", "car", "fast"])
    wv = w.train_sgns(sentences, dim=10, window=2, min_count=1, sample=0, epochs=5, progress=False)
    assert wv.similarity("cat", "dog") > wv.similarity("cat", "car") + 0.3


def test_progress_bar_shows_epoch_and_loss(lee_slice, capsys):
    small(lee_slice, epochs=2, progress=True)
    err = capsys.readouterr().err
    assert "epoch 2/2" in err and "loss=" in err and "word/s" in err


@pytest.mark.parametrize(
    "kw, error, match",
    [
        (dict(window=0), ValueError, "window must be an integer >= 1, got 0"),
        (dict(negative=2.5), TypeError, "negative must be an integer >= 1, got 2.5"),
        (dict(lr=-0.1), ValueError, "lr must be a positive number, got -0.1"),
        (dict(seed=None), TypeError, "seed must be an integer >= 0, got None"),
        (dict(min_count=10_000), ValueError, "only 0 words occur"),
        (dict(lr=0.01, min_lr=0.1), ValueError, "min_lr=0.1 must be <= lr=0.01"),
    ],
)
def test_bad_settings_are_named(lee_slice, kw, error, match):
    with pytest.raises(error, match=match):
        small(lee_slice, **kw)


def test_a_string_is_not_a_corpus():
    with pytest.raises(TypeError, match="got a str"):
        w.train_sgns("the cat sat", progress=False)
    with pytest.raises(TypeError, match="list of str tokens"):
        w.train_sgns([[1, 2, 3]], progress=False)


def test_divergence_is_reported(lee_slice):
    with pytest.raises(FloatingPointError, match="lr=1e\\+30"):
        small(lee_slice, lr=1e30, epochs=1)


def test_equal_lr_and_min_lr_is_a_constant_rate(lee_slice, monkeypatch):
    rates = record_rates(monkeypatch)
    small(lee_slice, epochs=1, lr=0.01, min_lr=0.01)
    assert {lr for lr, _ in rates} == {0.01}


def record_rates(monkeypatch):
    """Make train_sgns's batch update record (lr, batch length) of every call."""
    rates, real_update = [], sgns._update

    def update(center_vecs, outside_vecs, centers, targets, labels, mask, lr):
        rates.append((lr, len(centers)))
        return real_update(center_vecs, outside_vecs, centers, targets, labels, mask, lr)

    monkeypatch.setattr(sgns, "_update", update)
    return rates


def test_learning_rate_falls_linearly_from_lr_to_min_lr(lee_slice, monkeypatch):
    rates = record_rates(monkeypatch)
    epochs, lr, min_lr, batch_size = 3, 0.05, 0.001, 64
    small(lee_slice, epochs=epochs, lr=lr, min_lr=min_lr, batch_size=batch_size)
    per_epoch = np.array([n for _, n in rates]).sum() / epochs  # about the same every epoch
    got = np.array([r for r, _ in rates])
    assert got[0] == lr
    assert np.all(np.diff(got) < 0)  # falls at every batch, across epochs too
    share = (lr - min_lr) * batch_size / (epochs * per_epoch)  # one batch's part of the fall
    assert min_lr < got[-1] <= min_lr + 1.5 * share
    # a straight line: each batch's rate is lr - (lr - min_lr) * (pairs done) / (all pairs)
    done, want = 0, []
    for _, n in rates:
        want.append(done)
        done += n
    np.testing.assert_allclose(got, lr - (lr - min_lr) * np.array(want) / done, rtol=0.02)


def test_a_text_corpus_and_a_generator_train_like_a_list(tmp_path):
    text = ["the cat sat on the mat", "the dog sat on the log", "a cat and a dog"] * 20
    path = tmp_path / "tiny.txt"
    path.write_text("\n".join(text) + "\n\n", encoding="utf-8")  # a blank line is skipped
    sentences = [line.split() for line in text]
    kw = dict(dim=6, window=2, min_count=1, sample=0, epochs=2, seed=5, progress=False)
    from_list = w.train_sgns(sentences, **kw)
    from_file = w.train_sgns(w.read_corpus(path), **kw)
    from_generator = w.train_sgns((s for s in sentences), **kw)
    for wv in (from_file, from_generator):
        assert wv.words == from_list.words
        np.testing.assert_array_equal(wv.vectors, from_list.vectors)
        assert wv.epoch_losses == from_list.epoch_losses


def test_one_word_sentences_have_no_pairs():
    with pytest.raises(ValueError, match="no .center, outside. pairs: after min_count=2 no "
                                         "sentence has two words"):
        # "rare" is dropped by min_count, so every sentence is left one word long
        w.train_sgns([["cat", "rare"], ["dog"], ["cat"], ["dog"]], min_count=2, progress=False)


def test_an_epoch_that_subsampling_empties_is_an_error():
    sentences = [["cat", "dog"]] * 500  # keep(w) is about 6e-5 with sample=1e-9
    with pytest.raises(ValueError, match="epoch 1 has no .center, outside. pairs: subsampling "
                                         r"\(sample=1e-09\)"):
        w.train_sgns(sentences, min_count=1, sample=1e-9, epochs=2, progress=False)


def test_the_trained_outside_vectors_are_returned(lee_slice, monkeypatch):
    seen, real_update = [], sgns._update

    def update(center_vecs, outside_vecs, *batch):
        seen.append(outside_vecs)  # the u every update writes into
        return real_update(center_vecs, outside_vecs, *batch)

    monkeypatch.setattr(sgns, "_update", update)
    wv = small(lee_slice, epochs=2)
    u = wv.outside_vectors
    assert all(x is seen[0] for x in seen)
    np.testing.assert_array_equal(u, seen[0])  # after the last update
    assert u.shape == wv.vectors.shape and u.dtype == np.float32
    assert np.all(np.abs(u).sum(axis=1) > 0)  # every word was an outside or noise word
