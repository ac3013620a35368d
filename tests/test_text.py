"""tokenize and build_vocab: hand-checked cases and properties."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import w2v_lib as w


def test_tokenize_source_sentence():
    assert w.tokenize("The cat sits on the mat.") == ["the", "cat", "sits", "on", "the", "mat"]


def test_tokenize_drops_punctuation_and_underscores():
    tokens = w.tokenize("Hello, world! (x_y) -- 3.5%")
    assert tokens == ["hello", "world", "x", "y", "3", "5"]


def test_tokenize_korean_and_other_scripts():
    korean = w.tokenize("고양이가 매트 위에 앉아 있다.")
    assert korean == ["고양이가", "매트", "위에", "앉아", "있다"]
    # Devanagari vowel signs are combining marks: they stay inside the word.
    assert w.tokenize("हिन्दी भाषा") == ["हिन्दी", "भाषा"]
    assert w.tokenize("Café ÉTÉ") == ["café", "été"]


def test_tokenize_empty_and_whitespace():
    assert w.tokenize("") == []
    assert w.tokenize("  \n\t ...") == []


@pytest.mark.parametrize("bad", [None, 3, b"bytes", ["a", "list"]])
def test_tokenize_rejects_non_str(bad):
    with pytest.raises(TypeError, match=type(bad).__name__):
        w.tokenize(bad)


@given(st.text())
def test_tokenize_tokens_are_lowercase_words(text):
    for tok in w.tokenize(text):
        assert tok and tok == tok.lower()
        assert not any(ch.isspace() or ch in ".,!?_" for ch in tok)


def test_build_vocab_order_counts_and_ties():
    vocab = w.build_vocab("b a c a b d a".split())
    # a: 3, b: 2, then c and d tie at 1 and keep first-appearance order.
    assert vocab.words == ["a", "b", "c", "d"]
    assert vocab.counts.tolist() == [3, 2, 1, 1]
    assert vocab.index == {"a": 0, "b": 1, "c": 2, "d": 3}
    assert len(vocab) == 4


def test_build_vocab_toy_sentence():
    vocab = w.build_vocab(w.tokenize("the cat sits on the mat"))
    assert vocab.words == ["the", "cat", "sits", "on", "mat"]


def test_encode_decode_round_trip():
    tokens = w.tokenize("the cat sits on the mat")
    vocab = w.build_vocab(tokens)
    ids = vocab.encode(tokens)
    assert ids.dtype.kind == "i" and ids.tolist() == [0, 1, 2, 3, 0, 4]
    assert vocab.decode(ids) == tokens


def test_unknown_word_is_named():
    vocab = w.build_vocab(["a", "b"])
    with pytest.raises(KeyError, match="zebra"):
        vocab.encode(["a", "zebra"])
    with pytest.raises(ValueError, match="7"):
        vocab.decode([0, 7])


def test_min_count():
    vocab = w.build_vocab("a a b c c c".split(), min_count=2)
    assert vocab.words == ["c", "a"]
    with pytest.raises(ValueError, match="min_count"):
        w.build_vocab(["a"], min_count=0)


def test_build_vocab_rejects_a_string():
    with pytest.raises(TypeError, match="tokenize"):
        w.build_vocab("the cat")


@given(st.lists(st.sampled_from(list("abcdef")), max_size=40))
def test_vocab_counts_match_a_loop(tokens):
    vocab = w.build_vocab(tokens)
    assert sorted(vocab.words) == sorted(set(tokens))
    for word, count in zip(vocab.words, vocab.counts, strict=True):
        assert count == tokens.count(word)
    assert np.all(np.diff(vocab.counts) <= 0)
