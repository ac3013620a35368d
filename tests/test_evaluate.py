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
