"""Tests for w2v_lib.widgets: set a control, assert what the learner sees."""

import math
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from references import SOURCE_PAIRS, count_by_loop, pairs_by_loop, softmax_by_loop
from scipy.spatial.distance import cosine as scipy_cosine

import w2v_lib as w
from w2v_lib.teach import widgets

# --- 01 vectors, 02 windows


def numbered_pairs(table_html):
    """The (number, center, context) triples the pair table shows."""
    return [(int(k), c, o) for k, c, o in re.findall(r"(\d+)&nbsp;(\w+)→(\w+)", table_html)]


def test_vector_explorer_shows_one_hot_zero_and_dense_cosine():
    ex = widgets.vector_explorer()
    assert (ex.word_a.value, ex.word_b.value) == ("hotel", "motel")
    gold = 1 - scipy_cosine([-0.20, 0.90], [-0.30, 0.85])  # rows typed from toy.py
    assert f"<b>{gold:.3f}</b>" in ex.result.value
    assert "<b>0.000</b>" in ex.result.value  # one-hot: distinct words are orthogonal
    assert ex.message.value == ""


def test_vector_explorer_updates_when_a_word_changes():
    ex = widgets.vector_explorer()
    ex.word_b.value = "cat"
    gold = 1 - scipy_cosine([-0.20, 0.90], [0.90, 0.30])
    assert f"<b>{gold:.3f}</b>" in ex.result.value
    assert "cos(hotel, cat)" in ex.result.value
    ex.word_a.value = "cat"
    assert ex.result.value.count("<b>1.000</b>") == 2  # a word is identical to itself


def test_vector_explorer_no_word_shows_message_not_result():
    ex = widgets.vector_explorer()
    ex.word_a.value = None
    assert ex.result.value == ""
    assert "None" in ex.message.value and "not in the vocabulary" in ex.message.value
    ex.word_a.value = "dog"
    assert ex.message.value == "" and "cos(dog, motel)" in ex.result.value


def test_vector_explorer_dom_classes():
    ex = widgets.vector_explorer()
    for control, name in ((ex.word_a, "w2v-word-a"), (ex.word_b, "w2v-word-b"),
                          (ex.result, "w2v-result"), (ex.message, "w2v-message")):
        assert name in control._dom_classes


def test_similarity_table_unknown_word_raises_key_error():
    with pytest.raises(KeyError, match="'zebra'"):
        widgets.similarity_table("zebra", "cat", ["cat", "dog"], np.eye(2))


def test_window_explorer_shows_the_18_curriculum_pairs():
    ex = widgets.window_explorer()
    assert "18 pairs" in ex.count.value and "closed form 18" in ex.count.value
    shown = numbered_pairs(ex.result.value)
    assert [k for k, _, _ in shown] == list(range(1, 19))
    assert [(c, o) for _, c, o in shown] == SOURCE_PAIRS
    assert ex.message.value == "" and "Edge truncation" in ex.note.value


@pytest.mark.parametrize("window", [1, 3, 4, 5, 8])
def test_window_slider_updates_count_and_table(window):
    ex = widgets.window_explorer()
    ex.window.value = window
    n = count_by_loop(6, window)
    assert f"{n} pairs · closed form {n}" in ex.count.value
    assert len(numbered_pairs(ex.result.value)) == n


def test_window_explorer_korean_sentence():
    ex = widgets.window_explorer()
    ex.sentence.value = "고양이가 매트 위에 앉아 있다"
    n = count_by_loop(5, 2)
    assert f"{n} pairs · closed form {n}" in ex.count.value
    assert numbered_pairs(ex.result.value)[0] == (1, "고양이가", "매트")


@pytest.mark.parametrize("sentence, words", [("", "empty"), ("   ", "empty"),
                                             ("?! ... ,", "only punctuation")])
def test_window_explorer_no_words_shows_message_and_clears(sentence, words):
    ex = widgets.window_explorer()
    ex.sentence.value = sentence
    assert words in ex.message.value
    assert ex.count.value == ex.result.value == ex.note.value == ""
    ex.sentence.value = "a b"
    assert ex.message.value == "" and "2 pairs" in ex.count.value


def test_window_explorer_one_word_is_zero_pairs_not_an_error():
    ex = widgets.window_explorer()
    ex.sentence.value = "hello!"
    assert ex.message.value == ""
    assert "0 pairs · closed form 0" in ex.count.value
    assert "0 pairs" in ex.note.value and "valid" in ex.note.value


def test_window_larger_than_sentence_is_truncated_not_an_error():
    ex = widgets.window_explorer()
    ex.sentence.value = "a b c"
    ex.window.value = 5
    n = count_by_loop(3, 5)
    assert ex.message.value == "" and f"{n} pairs · closed form {n}" in ex.count.value
    assert "reaches past both ends" in ex.note.value


def test_window_explorer_escapes_html_in_the_sentence():
    ex = widgets.window_explorer()
    ex.sentence.value = "<b>bold</b> & co"
    assert "<b>bold" not in ex.result.value and "bold" in ex.result.value


def test_window_explorer_dom_classes():
    ex = widgets.window_explorer()
    for control, name in ((ex.window, "w2v-window"), (ex.sentence, "w2v-sentence"),
                          (ex.count, "w2v-count"), (ex.result, "w2v-result"),
                          (ex.message, "w2v-message")):
        assert name in control._dom_classes


def test_window_view_long_sentence_lists_the_first_rows_and_counts_all():
    words = [f"w{i}" for i in range(100)]
    count_html, table_html, _ = widgets.window_view(" ".join(words), 3)
    n = count_by_loop(100, 3)
    assert f"{n} pairs · closed form {n}" in count_html
    shown = numbered_pairs(table_html)
    rows = widgets.MAX_TABLE_ROWS
    expected = [(words[i], words[j])
                for i in range(rows) for j in range(100) if 0 < abs(i - j) <= 3]
    assert [(c, o) for _, c, o in shown] == expected
    assert [k for k, _, _ in shown] == list(range(1, len(expected) + 1))
    assert f"{100 - rows} more positions" in table_html


@given(st.lists(st.sampled_from(["a", "b", "cc", "dé"]), min_size=1, max_size=12),
       st.integers(1, 8))
def test_window_view_count_matches_brute_force(words, window):
    count_html, table_html, _ = widgets.window_view(" ".join(words), window)
    n = count_by_loop(len(words), window)
    assert count_html.startswith(f"<b>{n} pairs · closed form {n}</b> ")
    shown = numbered_pairs(table_html)
    assert [(c, o) for _, c, o in shown] == pairs_by_loop(words, window)

# --- 03 softmax, 04 loss, 05 mini-batches

TOY_WORDS = ["the", "cat", "sits", "on", "mat"]
TOY_PAIRS = w.skipgram_pairs(w.tokenize("the cat sits on the mat"), window=2)  # 18 pairs


def rounded(probs):
    """{word: probability to 4 places}, as a softmax table over TOY_WORDS prints them."""
    return {word: round(p, 4) for word, p in zip(TOY_WORDS, probs, strict=True)}


def shown_probs(result_html):
    """The P(o | c) column of a softmax table: {word: probability}."""
    cell = r"<td[^>]*>([^<]*)</td>"
    rows = re.findall(cell * 4, result_html)
    return {word: float(p) for word, _, _, p in rows}


def test_softmax_table_probabilities_match_a_plain_loop():
    scores = [0.5, -1.0, 2.0, 0.0, 0.25]
    table, probs = widgets.softmax_table(TOY_WORDS, scores)
    gold = softmax_by_loop(scores)
    assert np.allclose(probs, gold)
    assert shown_probs(table) == rounded(gold)
    assert f"{sum(math.exp(s - 2.0) for s in scores):.4f}" in table  # the normaliser
    assert "is still finite" in table


def test_softmax_table_flags_naive_overflow_but_stays_finite():
    table, probs = widgets.softmax_table(["a", "b"], [1000.0, 0.0])
    assert "overflows to inf" in table and "nan" not in table.lower()
    assert probs.tolist() == [1.0, math.exp(-1000.0) / (1 + math.exp(-1000.0))]


def test_softmax_table_escapes_words_and_rejects_bad_scores():
    table, _ = widgets.softmax_table(["<b>x</b>", "y"], [0.0, 0.0])
    assert "&lt;b&gt;x&lt;/b&gt;" in table and "<b>x</b>" not in table
    with pytest.raises(ValueError, match="one score per word"):
        widgets.softmax_table(["a", "b"], [0.0])
    with pytest.raises(ValueError, match="non-finite"):
        widgets.softmax_table(["a", "b"], [0.0, np.nan])


@pytest.mark.parametrize("dim, scale", [(0, 1.0), (4, 1.0), (True, 1.0), (2, -0.5),
                                        (2, np.inf), (2, "1")])
def test_scaled_vectors_rejects_bad_dim_or_scale(dim, scale):
    with pytest.raises((ValueError, TypeError), match="dim|scale"):  # TypeError: dim=True
        widgets.scaled_vectors(np.ones((5, 3)), dim, scale)


def test_softmax_explorer_shows_p_of_the_center_word():
    ex = widgets.softmax_explorer(TOY_WORDS, np.random.default_rng(0), dim=2, scale=1.5)
    for control, cls in [(ex.center, "w2v-center"), (ex.dim, "w2v-dim"), (ex.scale, "w2v-scale"),
                         (ex.result, "w2v-result"), (ex.message, "w2v-message")]:
        assert cls in control._dom_classes
    rng = np.random.default_rng(0)  # the same draws, recomputed by plain loops
    base_c, base_o = rng.normal(size=(5, 10)), rng.normal(size=(5, 10))
    for center in ("cat", "mat"):
        ex.center.value = center
        c = TOY_WORDS.index(center)
        scores = [sum(1.5 * base_o[o, k] * 1.5 * base_c[c, k] for k in range(2)) for o in range(5)]
        gold = softmax_by_loop(scores)
        assert shown_probs(ex.result.value) == rounded(gold)
        assert ex.message.value == ""


def test_softmax_explorer_scale_zero_is_uniform_and_bigger_scale_is_peakier():
    ex = widgets.softmax_explorer(TOY_WORDS, np.random.default_rng(1))
    ex.scale.value = 0.0
    assert set(shown_probs(ex.result.value).values()) == {0.2}
    peaks = []
    for scale in (0.5, 1.0, 2.0, 4.0):
        ex.scale.value = scale
        peaks.append(max(shown_probs(ex.result.value).values()))
    assert peaks == sorted(peaks) and peaks[-1] > peaks[0] > 0.2


def test_softmax_explorer_at_the_largest_sliders_stays_finite():
    ex = widgets.softmax_explorer(TOY_WORDS, np.random.default_rng(0))
    ex.dim.value, ex.scale.value = ex.dim.max, ex.scale.max
    probs = shown_probs(ex.result.value)
    assert "overflows to inf" in ex.result.value and "nan" not in ex.result.value.lower()
    assert abs(sum(probs.values()) - 1) < 1e-3 and ex.message.value == ""


def test_softmax_explorer_without_a_center_shows_a_message():
    ex = widgets.softmax_explorer(TOY_WORDS, np.random.default_rng(0))
    ex.center.value = None
    assert ex.result.value == "" and "not in the vocabulary" in ex.message.value
    ex.center.value = "on"
    assert ex.message.value == "" and len(shown_probs(ex.result.value)) == 5


@pytest.mark.parametrize("words", [[], ["a", "a"]])
def test_softmax_explorer_rejects_bad_words(words):
    with pytest.raises(ValueError, match="distinct words"):
        widgets.softmax_explorer(words, np.random.default_rng(0))


def shown_batches(table_html):
    """(update, size, span, pairs text) rows of a batch table."""
    cell = r"<td[^>]*>([^<]*)</td>"
    return [(int(k), int(n), span, text) for k, n, span, text in re.findall(cell * 4, table_html)]


def test_batch_plan_for_b4_matches_the_source():
    count, table = widgets.batch_plan(TOY_PAIRS, 4)
    assert "5 updates" in count
    rows = shown_batches(table)
    assert [(k, n, span) for k, n, span, _ in rows] == [
        (1, 4, "1–4"), (2, 4, "5–8"), (3, 4, "9–12"), (4, 4, "13–16"), (5, 2, "17–18")]
    assert rows[-1][3] == "mat→on, mat→the"


@pytest.mark.parametrize("batch_size, text", [(1, "<b>18 updates</b>"), (3, "<b>6 updates</b>"),
                                              (7, "<b>3 updates</b>"), (18, "<b>1 update</b>")])
def test_batch_plan_counts_ceil_n_over_b(batch_size, text):
    count, table = widgets.batch_plan(TOY_PAIRS, batch_size)
    assert text in count
    sizes = [n for _, n, _, _ in shown_batches(table)]
    assert sum(sizes) == 18 and all(n == batch_size for n in sizes[:-1])


def test_batch_plan_rejects_bad_input():
    with pytest.raises(ValueError, match="batch_size"):
        widgets.batch_plan(TOY_PAIRS, 0)
    with pytest.raises(ValueError, match="no pairs"):
        widgets.batch_plan([], 4)


def test_minibatch_explorer_slider_changes_count_and_table():
    ex = widgets.minibatch_explorer(TOY_PAIRS)
    for control, cls in [(ex.batch_size, "w2v-batch-size"), (ex.updates, "w2v-updates"),
                         (ex.result, "w2v-result"), (ex.message, "w2v-message")]:
        assert cls in control._dom_classes
    assert "5 updates" in ex.updates.value and len(shown_batches(ex.result.value)) == 5
    ex.batch_size.value = 6
    assert "3 updates" in ex.updates.value
    assert [span for _, _, span, _ in shown_batches(ex.result.value)] == ["1–6", "7–12", "13–18"]
    ex.batch_size.value = 1
    assert "18 updates" in ex.updates.value and ex.message.value == ""
    spans = [span for _, _, span, _ in shown_batches(ex.result.value)]
    assert spans == [str(i) for i in range(1, 19)]  # one pair per update: "1", not "1–1"
    assert ex.batch_size.max == 18


def test_minibatch_explorer_escapes_words():
    ex = widgets.minibatch_explorer([("<i>", "a"), ("a", "<i>")], batch_size=1)
    assert "&lt;i&gt;→a" in ex.result.value and "<i>" not in ex.result.value


# --- every explorer: a bad value shows a message, never a traceback


@pytest.mark.parametrize("dense_vecs", [np.ones((3, 2)), np.ones((4, 2)), np.ones(5),
                                        np.full((5, 2), np.nan)])
def test_vector_explorer_mismatched_dense_vecs_is_a_value_error_at_build(dense_vecs):
    words = ["hotel", "motel", "cat", "dog", "tree"][: max(len(dense_vecs), 5)]
    with pytest.raises(ValueError, match="dense_vecs"):
        widgets.vector_explorer(words, dense_vecs)


def test_vector_explorer_unknown_start_word_is_named():
    with pytest.raises(ValueError, match="'zebra'"):
        widgets.vector_explorer(word_a="zebra")


def test_window_explorer_non_text_sentence_shows_a_message():
    ex = widgets.window_explorer()
    ex.sentence.value = "   "
    assert "empty" in ex.message.value and ex.result.value == ""


def test_softmax_explorer_bad_dimension_shows_a_message():
    ex = widgets.softmax_explorer(TOY_WORDS, np.random.default_rng(0))
    ex.dim.max = 20
    ex.dim.value = 15  # beyond the 10 drawn columns
    assert "dim must be" in ex.message.value and ex.result.value == ""
    ex.dim.value = 2
    assert ex.message.value == "" and len(shown_probs(ex.result.value)) == 5


def test_minibatch_explorer_bad_batch_size_shows_a_message():
    ex = widgets.minibatch_explorer(TOY_PAIRS)
    ex.batch_size.min = 0
    ex.batch_size.value = 0
    assert "batch_size must be" in ex.message.value
    assert ex.updates.value == ex.result.value == ""
