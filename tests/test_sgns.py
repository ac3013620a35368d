"""Tests for w2v_lib.sgns.train_sgns: the trainer, its settings, its input, its schedule."""

import math

import numpy as np
import pytest

import w2v_lib as w
from w2v_lib import scatter, sgns


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


def test_training_is_the_same_with_either_scatter_path(monkeypatch):
    sentences = w.lee_corpus()[:30]
    fast = small(sentences, epochs=1, dim=8)
    monkeypatch.setattr(scatter, "_KERNEL", None)
    public = small(sentences, epochs=1, dim=8)
    np.testing.assert_allclose(fast.vectors, public.vectors, rtol=1e-4, atol=1e-6)
    assert fast.epoch_losses == pytest.approx(public.epoch_losses, rel=1e-5)
