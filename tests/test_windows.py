"""skipgram_pairs and count_pairs against the source's 18 pairs and a closed form."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from references import SOURCE_PAIRS, SOURCE_TEXT, count_by_loop, pairs_by_loop

import w2v_lib as w


def test_source_sentence_gives_the_18_pairs_in_order():
    pairs = w.skipgram_pairs(w.tokenize(SOURCE_TEXT), window=2)
    assert pairs == SOURCE_PAIRS


def test_pairs_over_ids_match_pairs_over_words():
    tokens = w.tokenize(SOURCE_TEXT)
    vocab = w.build_vocab(tokens)
    id_pairs = w.skipgram_pairs(vocab.encode(tokens), window=2)
    assert [tuple(vocab.decode(p)) for p in id_pairs] == SOURCE_PAIRS


def test_center_excluded_by_position_not_identity():
    assert w.skipgram_pairs(["a", "a"], window=1) == [("a", "a"), ("a", "a")]


def test_short_texts():
    assert w.skipgram_pairs([], window=2) == []
    assert w.skipgram_pairs(["solo"], window=3) == []


@pytest.mark.parametrize("window, error", [(0, ValueError), (-1, ValueError), (1.5, TypeError),
                                           (True, TypeError), ("2", TypeError)])
def test_bad_window_is_named(window, error):
    with pytest.raises(error, match="window must be an integer >= 1"):
        w.skipgram_pairs(["a", "b"], window=window)
    with pytest.raises(error, match="window must be an integer >= 1"):
        w.count_pairs(2, window)


def test_count_pairs_hand_checked():
    # "the cat sits on the mat": m = 1 -> 10, m = 2 -> 18, m = 3 -> 24.
    assert [w.count_pairs(6, m) for m in (1, 2, 3)] == [10, 18, 24]
    # A window wider than the text: every ordered pair of positions, 6 * 5.
    assert w.count_pairs(6, 100) == 30


@given(st.integers(0, 40), st.integers(1, 12))
def test_count_pairs_equals_enumeration(n, m):
    assert w.count_pairs(n, m) == len(w.skipgram_pairs(list(range(n)), m)) == count_by_loop(n, m)


@given(st.lists(st.integers(0, 3), max_size=15), st.integers(1, 5))
def test_pairs_are_the_positions_within_the_window(tokens, m):
    assert w.skipgram_pairs(tokens, m) == pairs_by_loop(tokens, m)
