"""The family portrait's table: built by make data, reproducible, refused when stale."""

import json
from collections import Counter

import numpy as np
import pytest
from gensim.models import KeyedVectors

import w2v_lib as w
from w2v_lib import portrait


def test_a_missing_table_says_how_to_build_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="run `make data`"):
        portrait.load_portrait(tmp_path / "family_portrait.json")


def test_a_table_from_other_code_is_refused(tmp_path):
    path = tmp_path / "family_portrait.json"
    path.write_text(json.dumps({"corpus": "lesson", "fingerprint": "0" * 64, "rows": []}))
    with pytest.raises(ValueError, match="other code or settings"):
        portrait.load_portrait(path)


def test_an_up_to_date_table_is_not_rebuilt(tmp_path):
    path = tmp_path / "family_portrait.json"
    path.write_text(json.dumps({"corpus": "lesson", "fingerprint": portrait.fingerprint(),
                                "rows": []}))
    assert portrait.build(path, log=lambda line: None) is False


def test_the_fingerprint_follows_the_settings(monkeypatch):
    before = portrait.fingerprint()
    monkeypatch.setitem(portrait.SETTINGS, "epochs", 6)
    assert portrait.fingerprint() != before
    assert portrait.fingerprint("lee") != portrait.fingerprint("lesson")


def test_an_unknown_method_is_named():
    with pytest.raises(ValueError, match="'BERT'"):
        portrait.train_method("BERT", [["a", "b"]])


def test_scores_agree_with_gensims_evaluators():
    sentences = w.load_corpus("lee")
    wv, _ = portrait.train_method("PPMI-SVD", sentences)
    row = portrait.score("PPMI-SVD", wv, seconds=1.5)
    kv = KeyedVectors(wv.vectors.shape[1])
    kv.add_vectors(wv.words, wv.vectors)
    for test, name in [("wordsim353", "wordsim353.tsv"), ("simlex999", "simlex999.txt")]:
        _, spearman, _ = kv.evaluate_word_pairs(w.gensim_test_file(name))
        assert row[test] == pytest.approx(spearman.statistic, abs=1e-6), test
    accuracy, _ = kv.evaluate_word_analogies(w.gensim_test_file("questions-words.txt"),
                                             restrict_vocab=portrait.COUNT_WORDS)
    assert row["3CosAdd"] == pytest.approx(accuracy)
    assert row["ws_low"] < row["wordsim353"] < row["ws_high"] and row["seconds"] == 1.5
    seen = Counter(t for s in sentences for t in s)
    assert row["V"] == len(wv) == sum(n >= 5 for n in seen.values())  # min_count 5


def test_the_table_is_the_same_with_one_or_two_processes():
    # Each process is a fresh interpreter (its own str hash seed): the rows must not care.
    one, two = (portrait.family_portrait("lee", processes=n, log=lambda line: None)
                for n in (1, 2))
    assert [r["method"] for r in one["rows"]] == list(portrait.METHODS)
    for a, b in zip(one["rows"], two["rows"], strict=True):
        assert {k: v for k, v in a.items() if k != "seconds"} == \
               {k: v for k, v in b.items() if k != "seconds"}, a["method"]
    assert one["corpus_words"] == sum(len(s) for s in w.load_corpus("lee"))


def test_make_data_built_the_lesson_table():
    table = portrait.load_portrait()  # fails loudly (how to build it) if make data did not
    assert table["corpus"] == "lesson" and table["corpus_words"] == 2_324_425
    assert [r["method"] for r in table["rows"]] == list(portrait.METHODS)
    for row in table["rows"]:
        assert np.isfinite([row[k] for k in ("wordsim353", "simlex999", "3CosAdd")]).all()
        assert row["ws_low"] < row["wordsim353"] < row["ws_high"], row["method"]
