"""Tests for w2v_lib.sampling: noise distribution, subsampling, the sampler, window pairs."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from references import SOURCE_PAIRS, SOURCE_TEXT, position_pairs_by_loop

import w2v_lib as w
from w2v_lib import sampling


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


def test_window_pairs_with_full_windows_are_skipgram_pairs():
    tokens = SOURCE_TEXT.split()
    centers, outsides = sampling._window_pairs(np.zeros(6, int), np.full(6, 2))
    got = [(tokens[c], tokens[o]) for c, o in zip(centers, outsides, strict=True)]
    assert got == SOURCE_PAIRS


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 4)), max_size=40))
@settings(max_examples=80, deadline=None)
def test_window_pairs_match_a_plain_loop(cells):
    sentence_ids = np.sort(np.array([s for s, _ in cells], dtype=int))
    spans = np.array([m for _, m in cells], dtype=int)
    want = position_pairs_by_loop(len(cells), spans.tolist(), sentence_ids.tolist())
    centers, outsides = sampling._window_pairs(sentence_ids, spans)
    assert list(zip(centers.tolist(), outsides.tolist(), strict=True)) == want
