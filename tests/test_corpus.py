"""Tests for w2v_lib.corpus: reading text files and gensim's bundled Lee corpus."""

import pytest

import w2v_lib as w
from w2v_lib.corpus import gensim_test_file


def test_read_corpus_tokenizes_lines_and_can_be_read_twice(tmp_path):
    path = tmp_path / "text.txt"
    path.write_text("The cat sat.\n\n  \nA dog, a CAT!\n", encoding="utf-8")
    corpus = w.read_corpus(path)
    assert list(corpus) == [["the", "cat", "sat"], ["a", "dog", "a", "cat"]]
    assert list(corpus) == list(corpus)  # re-iterable: one pass per epoch
    assert list(w.read_corpus(str(path))) == list(corpus)


def test_read_corpus_reads_utf8(tmp_path):
    path = tmp_path / "ko.txt"
    path.write_text("나는 학교에 간다\ncafé au lait\n", encoding="utf-8")
    assert list(w.read_corpus(path)) == [["나는", "학교에", "간다"], ["café", "au", "lait"]]


def test_read_corpus_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.txt"):
        w.read_corpus(tmp_path / "missing.txt")
    with pytest.raises(TypeError, match="file path"):
        w.read_corpus(["a", "b"])


def test_lee_corpus_is_gensims_file_tokenized():
    from gensim.test.utils import datapath

    assert gensim_test_file("lee_background.cor").samefile(datapath("lee_background.cor"))
    with open(datapath("lee_background.cor"), encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]
    sentences = w.lee_corpus()
    assert len(sentences) == len(lines) == 300
    assert sentences[0][:4] == ["hundreds", "of", "people", "have"]
    assert sentences[-1] == w.tokenize(lines[-1])


def test_missing_test_file_is_named():
    with pytest.raises(FileNotFoundError, match="'nope.tsv'"):
        gensim_test_file("nope.tsv")
