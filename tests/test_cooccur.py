"""Co-occurrence counts, PPMI and truncated SVD against hand computations and numpy."""

import numpy as np
import pytest
import scipy.sparse as sp

import w2v_lib as w
from w2v_lib import cooccur, toy


@pytest.fixture
def toy_counts():
    tokens = w.tokenize(toy.TOY_SENTENCE)
    vocab = w.build_vocab(tokens)
    return vocab, cooccur.cooccurrence_matrix([tokens], vocab, window=2)


def test_toy_matrix_tallies_the_18_pairs(toy_counts):
    vocab, counts = toy_counts
    assert sp.isspmatrix_csr(counts) and counts.shape == (5, 5)
    tally = np.zeros((5, 5))
    for c, o in w.skipgram_pairs(w.tokenize(toy.TOY_SENTENCE), window=2):
        tally[vocab.index[c], vocab.index[o]] += 1
    assert np.array_equal(counts.toarray(), tally)
    assert counts.sum() == 18
    the, sits = vocab.index["the"], vocab.index["sits"]
    assert counts[the, sits] == 2 and counts[sits, the] == 2  # pairs 2, 14 and 6, 9
    assert counts[the, the] == 0  # the two "the" are 4 apart
    assert (counts != counts.T).nnz == 0


def test_harmonic_weighting_is_one_over_distance(toy_counts):
    vocab, _ = toy_counts
    tokens = w.tokenize(toy.TOY_SENTENCE)
    harmonic = cooccur.cooccurrence_matrix([tokens], vocab, 2, weighting="harmonic")
    assert harmonic[vocab.index["the"], vocab.index["sits"]] == pytest.approx(0.5 + 0.5)
    assert harmonic[vocab.index["the"], vocab.index["cat"]] == pytest.approx(1.0)
    # 5 pairs of positions at distance 1 (weight 1) and 4 at distance 2, both directions
    assert harmonic.sum() == pytest.approx(2 * (5 * 1 + 4 * 0.5))


def test_out_of_vocabulary_words_are_dropped_before_windows():
    counts = cooccur.cooccurrence_matrix([["a", "x", "x", "b"]], ["a", "b"], window=1)
    assert counts.toarray().tolist() == [[0, 1], [1, 0]]


def test_windows_never_cross_sentences():
    counts = cooccur.cooccurrence_matrix([["a", "b"], ["c"], ["b", "c"]], ["a", "b", "c"], 5)
    assert counts.toarray().tolist() == [[0, 1, 0], [1, 0, 1], [0, 1, 0]]


@pytest.mark.parametrize("bad, message", [
    (dict(window=0), "window must be an integer >= 1, got 0"),
    (dict(weighting="gaussian"), "'gaussian'"),
    (dict(sentences=[["q", "r"]]), "corpus is empty"),
    (dict(sentences=[[]]), "corpus is empty"),
])
def test_cooccurrence_errors_name_the_bad_value(bad, message):
    args = dict(sentences=[["a", "b"]], vocab=["a", "b"], window=1) | bad
    with pytest.raises(ValueError, match=message):
        cooccur.cooccurrence_matrix(**args)


def test_cooccurrence_rejects_a_str():
    with pytest.raises(TypeError, match="tokenize"):
        cooccur.cooccurrence_matrix("a b", ["a", "b"], 1)


# X = [[1, 3], [2, 1]]: |D| = 7, row sums (4, 3), column sums (3, 4)
HAND = np.array([[1.0, 3.0], [2.0, 1.0]])


def test_ppmi_against_a_hand_computation():
    expected = np.array([[0.0, np.log(3 * 7 / (4 * 4))],  # log(7/12) < 0 clips to 0
                         [np.log(2 * 7 / (3 * 3)), 0.0]])  # log(7/12) again
    result = cooccur.ppmi(HAND)
    assert sp.isspmatrix_csr(result) and result.nnz == 2
    assert np.allclose(result.toarray(), expected)


def test_smoothed_and_shifted_ppmi_against_a_hand_computation():
    p_alpha = np.array([3**0.75, 4**0.75]) / (3**0.75 + 4**0.75)  # P_0.75(o)
    pmi_01 = np.log((3 / 7) / ((4 / 7) * p_alpha[1]))
    pmi_10 = np.log((2 / 7) / ((3 / 7) * p_alpha[0]))
    result = cooccur.ppmi(HAND, alpha=0.75, shift=1.2).toarray()
    assert result[0, 1] == pytest.approx(max(0.0, pmi_01 - np.log(1.2)))
    assert result[1, 0] == pytest.approx(max(0.0, pmi_10 - np.log(1.2)))
    assert result[1, 0] > 0


def test_zeros_stay_zeros(toy_counts):
    _, counts = toy_counts
    result = cooccur.ppmi(counts, shift=0.01)  # shift < 1 lifts every observed PMI above 0
    assert np.array_equal(result.toarray() != 0, counts.toarray() != 0)


@pytest.mark.parametrize("counts, message", [
    ([[0.0, -1.0], [1.0, 0.0]], "must be >= 0, found the count -1"),
    ([[1.0, 2.0, 3.0]], r"square \(V, V\), got shape \(1, 3\)"),
    ([[0.0, 0.0], [0.0, 0.0]], "sum to more than 0"),
])
def test_ppmi_errors_name_the_bad_value(counts, message):
    with pytest.raises(ValueError, match=message):
        cooccur.ppmi(counts)


@pytest.mark.parametrize("kwargs, message", [(dict(alpha=0), "alpha"), (dict(shift=-1), "shift")])
def test_ppmi_checks_alpha_and_shift(kwargs, message):
    with pytest.raises(ValueError, match=f"{message} must be a positive number"):
        cooccur.ppmi(HAND, **kwargs)


def _same_up_to_column_signs(a, b):
    signs = np.sign(np.sum(a * b, axis=0))
    return np.allclose(a, b * signs, atol=1e-6)


@pytest.mark.parametrize("power", [0, 0.5, 1])
def test_svd_vectors_match_numpy_svd(power):
    matrix = np.random.default_rng(0).random((8, 6))
    u, s, _ = np.linalg.svd(matrix)
    wv = cooccur.svd_vectors(matrix, list("abcdefgh"), dim=3, power=power)
    assert np.allclose(wv.singular_values, s[:3])
    assert _same_up_to_column_signs(wv.vectors, u[:, :3] * s[:3] ** power)


def test_svd_vectors_of_a_large_sparse_matrix_match_numpy_svd():
    matrix = sp.random(700, 650, density=0.02, random_state=1, format="csr")
    u, s, _ = np.linalg.svd(matrix.toarray(), full_matrices=False)
    wv = cooccur.svd_vectors(matrix, [f"w{i}" for i in range(700)], dim=5)
    assert np.allclose(wv.singular_values, s[:5])
    assert _same_up_to_column_signs(wv.vectors, u[:, :5] * s[:5] ** 0.5)


def test_svd_vectors_are_repeatable():
    matrix = sp.random(700, 700, density=0.02, random_state=2, format="csr")
    words = [f"w{i}" for i in range(700)]
    first, second = (cooccur.svd_vectors(matrix, words, dim=4) for _ in range(2))
    assert np.array_equal(first.vectors, second.vectors)


def test_svd_vectors_errors():
    with pytest.raises(ValueError, match="dim must be an integer >= 1 and <= 2, got 3"):
        cooccur.svd_vectors(np.eye(2), ["a", "b"], dim=3)
    with pytest.raises(ValueError, match="3 words, 2 rows"):
        cooccur.svd_vectors(np.eye(2), ["a", "b", "c"], dim=1)
    with pytest.raises(ValueError, match="power must be a finite number >= 0, got -1"):
        cooccur.svd_vectors(np.eye(2), ["a", "b"], dim=1, power=-1)
