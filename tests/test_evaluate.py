"""Tests for w2v_lib.evaluate: Spearman on word-pair files, by hand and against gensim."""

import numpy as np
import pytest
from gensim.models import KeyedVectors

import w2v_lib as w
from w2v_lib.corpus import gensim_test_file


@pytest.fixture
def line_wv():
    # cosines with "a" fall as the angle grows: b (0.5 rad), c (1), d (2); e unrelated
    angles = {"a": 0.0, "b": 0.5, "c": 1.0, "d": 2.0, "e": 3.0}
    words = list(angles)
    return w.WordVectors(words, [[np.cos(t), np.sin(t)] for t in angles.values()])


def write(tmp_path, lines):
    path = tmp_path / "pairs.tsv"
    path.write_text("# a comment\n" + "".join(lines))
    return path


def test_same_order_gives_one_and_reversed_gives_minus_one(line_wv, tmp_path):
    same = write(tmp_path, ["a\tb\t9\n", "a\tc\t5\n", "a\td\t1\n"])
    assert w.evaluate_word_pairs(line_wv, same).spearman == pytest.approx(1.0)
    reverse = write(tmp_path, ["a\tb\t1\n", "a\tc\t5\n", "A\tD\t9\n"])
    score = w.evaluate_word_pairs(line_wv, reverse)
    assert score.spearman == pytest.approx(-1.0)
    assert (score.n_pairs, score.n_used, score.oov_share) == (3, 3, 0.0)


def test_unknown_words_are_counted_out(line_wv, tmp_path):
    path = write(tmp_path, ["a\tb\t9\n", "a\tzzz\t5\n", "a\tc\t5\n", "q\tc\t1\n", "a\td\t1\n"])
    score = w.evaluate_word_pairs(line_wv, path)
    assert (score.n_pairs, score.n_used) == (5, 3)
    assert score.oov_share == pytest.approx(2 / 5)
    assert score.spearman == pytest.approx(1.0)


def test_bad_files_are_named(line_wv, tmp_path):
    with pytest.raises(ValueError, match="line 3: expected 'word<TAB>word<TAB>rating'"):
        w.evaluate_word_pairs(line_wv, write(tmp_path, ["a\tb\t9\n", "a b 5\n"]))
    with pytest.raises(ValueError, match="only 1 pairs"):
        w.evaluate_word_pairs(line_wv, write(tmp_path, ["a\tb\t9\n", "a\tzz\t5\n"]))
    with pytest.raises(FileNotFoundError, match="nowhere.tsv"):
        w.evaluate_word_pairs(line_wv, tmp_path / "nowhere.tsv")


@pytest.mark.parametrize("name", ["wordsim353.tsv", "simlex999.txt"])
def test_matches_gensim_on_its_test_sets(name):
    rng = np.random.default_rng(2)
    words = sorted({x for a, b, _ in w.evaluate.read_word_pairs(gensim_test_file(name))
                    for x in (a.lower(), b.lower())})
    words = [x for x in words if rng.random() < 0.7]  # leave some pairs out of vocabulary
    wv = w.WordVectors(words, rng.normal(size=(len(words), 20)))
    kv = KeyedVectors(20)
    kv.add_vectors(wv.words, wv.vectors)
    (_, _), (rho, _), oov_percent = kv.evaluate_word_pairs(str(gensim_test_file(name)))
    ours = w.evaluate_word_pairs(wv, gensim_test_file(name))
    assert ours.spearman == pytest.approx(rho, abs=1e-6)
    assert ours.oov_share == pytest.approx(oov_percent / 100)
    assert 0.1 < ours.oov_share < 0.9


def test_fisher_ci_by_hand():
    # rho 0.2, n 130: atanh(0.2) = 0.2027326, 1.96 / sqrt(127) = 0.1739222,
    # tanh(0.0288104) = 0.0288024, tanh(0.3766548) = 0.3597985
    low, high = w.fisher_ci(0.2, 130)
    assert (low, high) == pytest.approx((0.0288024, 0.3597985), abs=1e-6)
    assert (round(low, 2), round(high, 2)) == (0.03, 0.36)  # CURRICULUM: about [0.03, 0.36]
    # rho -0.5, n 28: atanh = -0.5493061, 1.96 / 5 = 0.392 -> tanh(-0.9413061), tanh(-0.1573061)
    assert w.fisher_ci(-0.5, 28) == pytest.approx((-0.7358, -0.1560), abs=1e-4)
    assert w.fisher_ci(0.3, 3) != w.fisher_ci(0.3, 3)  # nan: undefined for n <= 3
    assert w.fisher_ci(1.0, 10) == (1.0, 1.0)
    with pytest.raises(ValueError, match="rho must be a correlation in \\[-1, 1\\], got 1.5"):
        w.fisher_ci(1.5, 10)


def test_fisher_ci_narrows_with_more_pairs_and_holds_rho():
    widths = [np.subtract(*w.fisher_ci(0.4, n))[()] for n in (10, 100, 1000)]
    assert widths[0] < widths[1] < widths[2] < 0  # low - high: narrower as n grows
    for rho in (-0.9, -0.2, 0.0, 0.35, 0.8):
        low, high = w.fisher_ci(rho, 50)
        assert -1 < low < rho < high < 1


def test_evaluate_word_pairs_reports_the_ci_over_the_pairs_scored(tmp_path):
    rng = np.random.default_rng(3)
    words = [f"w{i}" for i in range(60)]
    wv = w.WordVectors(words, rng.normal(size=(60, 5)))
    lines = [f"{a}\t{b}\t{rng.uniform(0, 10):.2f}\n" for a, b in rng.choice(words, (40, 2))]
    lines += ["w1\tnope\t3\n"] * 5  # out of vocabulary: not scored, not in n
    score = w.evaluate_word_pairs(wv, write(tmp_path, lines))
    assert score.n_used == 40
    assert score.ci == pytest.approx(w.fisher_ci(score.spearman, 40))
    assert score.ci[0] < score.spearman < score.ci[1]
    assert score.ci != pytest.approx(w.fisher_ci(score.spearman, 45))
