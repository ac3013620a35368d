"""The expected SGNS objective: against a plain double loop, finite differences, and the
Levy & Goldberg optimum u_o . v_c = PMI(c, o) - log K."""

import numpy as np
import pytest

import w2v_lib as w
from w2v_lib import cooccur, pmi_link, toy


def _sigma(x):
    return 1 / (1 + np.exp(-x))


def _plain_loss(center_vecs, outside_vecs, counts, negative, alpha=1.0):
    """The objective written as the double sum over every (c, o), one term at a time."""
    counts = np.asarray(counts, float)
    total, rows = counts.sum(), counts.sum(axis=1)
    noise = counts.sum(axis=0) ** alpha / np.sum(counts.sum(axis=0) ** alpha)
    loss = 0.0
    for c in range(len(counts)):
        for o in range(len(counts)):
            score = center_vecs[c] @ outside_vecs[o]
            loss -= counts[c, o] * np.log(_sigma(score))
            loss -= negative * rows[c] * noise[o] * np.log(_sigma(-score))
    return loss / total


@pytest.fixture
def toy_counts():
    tokens = w.tokenize(toy.TOY_SENTENCE)
    return cooccur.cooccurrence_matrix([tokens], w.build_vocab(tokens), window=2)


@pytest.mark.parametrize("negative, alpha", [(1, 1.0), (5, 1.0), (3, 0.75)])
def test_loss_matches_the_plain_double_sum(toy_counts, negative, alpha):
    rng = np.random.default_rng(0)
    center_vecs, outside_vecs = rng.normal(size=(2, 5, 3))
    loss, _ = pmi_link.sgns_expected_loss_and_grad(center_vecs, outside_vecs, toy_counts,
                                                   negative, alpha)
    assert loss == pytest.approx(_plain_loss(center_vecs, outside_vecs, toy_counts.toarray(),
                                             negative, alpha))


def test_gradients_match_finite_differences(toy_counts):
    rng = np.random.default_rng(1)
    center_vecs, outside_vecs = rng.normal(size=(2, 5, 3))
    f = pmi_link.sgns_expected_loss_and_grad
    w.check_gradient(lambda v: (f(v, outside_vecs, toy_counts, 5)[0],
                                f(v, outside_vecs, toy_counts, 5)[1][0]), center_vecs)
    w.check_gradient(lambda u: (f(center_vecs, u, toy_counts, 5)[0],
                                f(center_vecs, u, toy_counts, 5)[1][1]), outside_vecs)


def test_blocks_of_centers_give_the_same_result_as_one_block():
    rng = np.random.default_rng(2)
    size = 600  # more than one block of 512 centers
    counts = rng.poisson(0.05, size=(size, size)).astype(float)
    center_vecs, outside_vecs = rng.normal(scale=0.3, size=(2, size, 2))
    loss, (grad_c, grad_o) = pmi_link.sgns_expected_loss_and_grad(center_vecs, outside_vecs,
                                                                  counts, 2)
    # one dense pass, written from dL/ds = (-X sigma(-s) + K X[c,.] P_n(o) sigma(s)) / |D|
    scores = center_vecs @ outside_vecs.T
    noise_term = 2 * counts.sum(1)[:, None] * counts.sum(0)[None, :] / counts.sum()
    coef = (-counts * _sigma(-scores) + noise_term * _sigma(scores)) / counts.sum()
    expected = (np.sum(counts * np.logaddexp(0, -scores)) +
                np.sum(noise_term * np.logaddexp(0, scores))) / counts.sum()
    assert loss == pytest.approx(expected)
    assert np.allclose(grad_c, coef @ outside_vecs) and np.allclose(grad_o, coef.T @ center_vecs)


@pytest.mark.parametrize("negative", [1, 5])
def test_the_optimum_is_shifted_pmi_on_the_toy_sentence(toy_counts, negative):
    center_vecs, outside_vecs, _ = pmi_link.fit_sgns_expected(toy_counts, 5, negative)
    rows, cols, target = pmi_link.shifted_pmi_pairs(toy_counts, negative)
    scores = pmi_link.pair_scores(center_vecs, outside_vecs, rows, cols)
    slope = np.polyfit(target, scores, 1)[0]
    assert abs(slope - 1) < 0.05 and np.corrcoef(target, scores)[0, 1] >= 0.99
    assert len(rows) == toy_counts.nnz == 16  # 18 pairs, "the"-"sits" twice each way


def test_shifted_pmi_pairs_against_a_hand_computation():
    rows, cols, target = pmi_link.shifted_pmi_pairs([[1.0, 3.0], [2.0, 0.0]], negative=2)
    # |D| = 6, rows (4, 2), columns (3, 3)
    found = {(int(r), int(c)): t for r, c, t in zip(rows, cols, target, strict=True)}
    assert found == pytest.approx({(0, 0): np.log(6 / 12 / 2), (0, 1): np.log(18 / 12 / 2),
                                   (1, 0): np.log(12 / 6 / 2)})


def test_errors_name_the_bad_value(toy_counts):
    f = pmi_link.sgns_expected_loss_and_grad
    with pytest.raises(ValueError, match=r"\(5, 3\) and \(4, 3\)"):
        f(np.zeros((5, 3)), np.zeros((4, 3)), toy_counts, 5)
    with pytest.raises(ValueError, match="counts is"):
        f(np.zeros((4, 3)), np.zeros((4, 3)), toy_counts, 5)
    with pytest.raises(ValueError, match="negative must be a positive number, got 0"):
        f(np.zeros((5, 3)), np.zeros((5, 3)), toy_counts, 0)
    with pytest.raises(ValueError, match="found the count -2"):
        f(np.zeros((2, 1)), np.zeros((2, 1)), [[0, -2], [1, 0]], 1)
    with pytest.raises(ValueError, match="dim must be an integer >= 1, got 0"):
        pmi_link.fit_sgns_expected(toy_counts, 0, 5)
