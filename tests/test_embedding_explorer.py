"""Tests for the embedding explorer (notebook 08) and its figures: set a box, assert what shows.

Expected neighbours and analogy answers come from gensim's KeyedVectors on the same vectors
(or from cosines worked out by hand), never from w2v_lib itself.
"""

import base64
import itertools
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from gensim.models import KeyedVectors

import w2v_lib as w
from w2v_lib.teach import embedding_explorer as ee
from w2v_lib.teach import vector_plots

# Six words in 3-D, chosen so the answers can be worked out by hand:
# king - man + woman = (0, 1, 1) + (1, 0, 0)... see test_analogy_by_hand.
WORDS = ["man", "woman", "king", "queen", "apple", "pear"]
VECS = np.array([
    [1.0, 0.0, 0.0],   # man
    [0.0, 0.0, 1.0],   # woman
    [1.0, 1.0, 0.0],   # king
    [0.0, 1.0, 1.0],   # queen
    [0.0, -1.0, 0.2],  # apple
    [0.1, -1.0, 0.1],  # pear
])


@pytest.fixture
def wv():
    return w.WordVectors(WORDS, VECS)


@pytest.fixture
def gold():
    kv = KeyedVectors(vector_size=3)
    kv.add_vectors(WORDS, VECS.astype(np.float32))
    return kv


def png_of(html_text):
    """The PNG bytes inside the map's <img> data URL (b"" if there is no image)."""
    found = re.search(r'src="data:image/png;base64,([^"]+)"', html_text)
    return base64.b64decode(found.group(1)) if found else b""


def table_rows(html_text):
    """(rank, word, cosine) of each row of a neighbours / analogy table."""
    cells = re.findall(r"<tr><td[^>]*>(\d+)</td><td[^>]*>([^<]*)</td><td[^>]*>([-\d.]+)</td>",
                       html_text)
    return [(int(k), word, float(cos)) for k, word, cos in cells]


def test_neighbours_match_gensim(wv, gold):
    rows = table_rows(ee.neighbours_html(wv, "king", topn=5))
    expected = gold.most_similar("king", topn=5)
    assert [r[1] for r in rows] == [word for word, _ in expected]
    assert np.allclose([r[2] for r in rows], [cos for _, cos in expected], atol=5e-4)
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5]


def test_neighbours_by_hand(wv):
    rows = table_rows(ee.neighbours_html(wv, "apple", topn=1))
    # cos(apple, pear) = (1 + 0.02) / (sqrt(1.04) sqrt(1.02)), the largest by far
    assert rows == [(1, "pear", pytest.approx(1.02 / np.sqrt(1.04 * 1.02), abs=5e-4))]


def test_neighbours_any_case_and_spaces(wv):
    assert ee.neighbours_html(wv, "  KING ") == ee.neighbours_html(wv, "king")


@pytest.mark.parametrize("text, error, words", [
    ("", ValueError, ["empty"]),
    ("   ", ValueError, ["empty"]),
    ("xyzzy", KeyError, ["'xyzzy'", "not in the vocabulary", "6 words"]),
    ("king queen", ValueError, ["one word", "2", "king queen"]),
])
def test_neighbours_bad_input_names_the_problem(wv, text, error, words):
    with pytest.raises(error) as info:
        ee.neighbours_html(wv, text)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize("text", ["man : king :: woman", "man:king::woman", "Man King Woman",
                                  " man , king , woman "])
def test_parse_analogy_formats(text):
    assert ee.parse_analogy(text) == ("man", "king", "woman")


@pytest.mark.parametrize("text, got", [("king", "1 word"), ("", "an empty box"),
                                       ("a : b", "2 words"), ("a : b :: c : d", "4 words")])
def test_parse_analogy_wrong_count(text, got):
    with pytest.raises(ValueError, match="three words") as info:
        ee.parse_analogy(text)
    assert got in str(info.value)


def test_analogy_by_hand(wv):
    # Unit vectors: king - man + woman = (1/√2 - 1, 1/√2, 1), nearest queen (0, 1, 1)/√2.
    rows = table_rows(ee.analogy_html(wv, "man : king :: woman", topn=3))
    query = np.array([1 / np.sqrt(2) - 1, 1 / np.sqrt(2), 1])
    cos_queen = query @ np.array([0, 1, 1]) / np.sqrt(2) / np.linalg.norm(query)
    assert rows[0] == (1, "queen", pytest.approx(cos_queen, abs=5e-4))
    assert {"man", "king", "woman"}.isdisjoint(r[1] for r in rows)


def test_analogy_matches_gensim(wv, gold):
    for a, b, c in itertools.permutations(["man", "woman", "king", "apple"], 3):
        rows = table_rows(ee.analogy_html(wv, f"{a} : {b} :: {c}", topn=3))
        expected = gold.most_similar(positive=[b, c], negative=[a], topn=3)
        assert [r[1] for r in rows] == [word for word, _ in expected], (a, b, c)
        assert np.allclose([r[2] for r in rows], [cos for _, cos in expected], atol=5e-4)


def mul_by_loop(gold, a, b, c, topn):
    """3CosMul's best (word, score) pairs by a plain loop over gensim's cosines."""
    cos = lambda x, y: (float(gold.similarity(x, y)) + 1) / 2  # noqa: E731
    scores = [(x, cos(x, b) * cos(x, c) / (cos(x, a) + 0.001)) for x in WORDS
              if x not in (a, b, c)]
    return sorted(scores, key=lambda pair: -pair[1])[:topn]


def test_analogy_3cosmul_matches_a_plain_loop(wv, gold):
    for a, b, c in itertools.permutations(["man", "woman", "king", "apple"], 3):
        shown = ee.analogy_html(wv, f"{a} : {b} :: {c}", topn=3, rule="3CosMul")
        rows, expected = table_rows(shown), mul_by_loop(gold, a, b, c, 3)
        assert [r[1] for r in rows] == [word for word, _ in expected], (a, b, c)
        assert np.allclose([r[2] for r in rows], [s for _, s in expected], atol=5e-4)
        assert "ranked by 3CosMul" in shown and ">3CosMul score</th>" in shown


def test_analogy_title_names_the_rule_and_the_score(wv):
    add = ee.analogy_html(wv, "man : king :: woman")
    mul = ee.analogy_html(wv, "man : king :: woman", rule="3CosMul")
    assert "ranked by 3CosAdd" in add and "score: cosine" in add and "3CosMul" not in add
    assert "ranked by 3CosMul" in mul and "score: 3CosMul score" in mul
    assert "3CosAdd" not in mul and ">cosine<" not in mul and ">3CosMul score<" in mul
    assert ">cosine<" in add
    with pytest.raises(ValueError, match="3CosAdd, 3CosMul, got 'mul'"):
        ee.analogy_html(wv, "man : king :: woman", rule="mul")


def test_analogy_unknown_word(wv):
    with pytest.raises(KeyError, match="'emperor' is not in the vocabulary"):
        ee.analogy_html(wv, "man : emperor :: woman")


def test_parse_map_words_groups():
    assert ee.parse_map_words("fruit: apple pear; people: man, woman") == {
        "fruit": ["apple", "pear"], "people": ["man", "woman"]}
    assert ee.parse_map_words("King queen ; apple") == {"group 1": ["king", "queen"],
                                                        "group 2": ["apple"]}


@pytest.mark.parametrize("text, match", [("", "at least two words"), ("king", "at least two"),
                                         ("a: king; b: king queen", "repeated: king")])
def test_parse_map_words_bad(text, match):
    with pytest.raises(ValueError, match=match):
        ee.parse_map_words(text)


def test_map_png_is_a_png_and_names_unknown_words(wv):
    open_before = plt.get_fignums()  # other tests may have left figures open
    png = ee.map_png(wv, "fruit: apple pear; people: man woman king queen")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(KeyError, match="not in the vocabulary: plum, fig"):
        ee.map_png(wv, "apple plum fig")
    assert plt.get_fignums() == open_before  # its figure is closed, not left open


def overlapping_labels(ax):
    """Pairs of text labels whose drawn boxes intersect (measured by matplotlib)."""
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    return [(ax.texts[i].get_text(), ax.texts[j].get_text())
            for i, j in itertools.combinations(range(len(boxes)), 2) if boxes[i].overlaps(boxes[j])]


def test_word_map_colours_groups_and_labels_do_not_overlap():
    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(24)]
    # Three tight clusters: labels would collide if all were put at the same offset.
    centres = np.repeat(rng.normal(size=(3, 10)) * 5, 8, axis=0)
    wv = w.WordVectors(words, centres + 0.05 * rng.normal(size=(24, 10)))
    groups = {"first": words[:8], "second": words[8:16], "third": words[16:]}
    ax = vector_plots.plot_word_map(wv, groups)
    try:
        assert [t.get_text() for t in ax.texts] == words
        assert overlapping_labels(ax) == []
        assert [t.get_text() for t in ax.get_legend().get_texts()] == list(groups)
        colours = [tuple(c.get_facecolor()[0]) for c in ax.collections]
        assert len(set(colours)) == 3
        points = np.vstack([c.get_offsets() for c in ax.collections])
        centred = wv.vectors - wv.vectors.mean(axis=0)
        # PCA keeps the two directions of largest variance: the two coordinates carry the
        # top two eigenvalues of the covariance (gold: numpy's eigvalsh).
        top = np.sort(np.linalg.eigvalsh(centred.T @ centred))[::-1][:2]
        assert np.allclose(np.sort((points**2).sum(axis=0))[::-1], top, rtol=1e-4)
        renderer = ax.figure.canvas.get_renderer()
        inside = ax.get_window_extent(renderer)
        for text in ax.texts:  # no label is clipped by the axes
            box = text.get_window_extent(renderer)
            assert inside.x0 <= box.x0 and box.x1 <= inside.x1, text.get_text()
            assert inside.y0 <= box.y0 and box.y1 <= inside.y1, text.get_text()
    finally:
        plt.close(ax.figure)


def test_word_map_rejects_repeats_and_unknown(wv):
    with pytest.raises(ValueError, match="twice"):
        vector_plots.plot_word_map(wv, {"a": ["king", "queen"], "b": ["king"]})
    with pytest.raises(KeyError, match="plum"):
        vector_plots.plot_word_map(wv, {"a": ["king", "plum"]})
    plt.close("all")


def test_quality_by_size_plots_the_numbers_given():
    fig = vector_plots.plot_quality_by_size([1e5, 2e5, 4e5], {"ws353": [0.1, 0.2, 0.3]},
                                            [1.0, 2.0, 4.0])
    try:
        left, right = fig.axes
        assert np.allclose(left.lines[0].get_ydata(), [0.1, 0.2, 0.3])
        assert np.allclose(right.lines[0].get_ydata(), [1.0, 2.0, 4.0])
        assert left.get_legend().get_texts()[0].get_text() == "ws353"
        assert "s" in right.get_ylabel()
    finally:
        plt.close(fig)


def test_quality_by_size_without_times_has_one_panel():
    scores = {"ws353": [0.1, 0.3], "analogies": [0.0, 0.2]}
    fig = vector_plots.plot_quality_by_size([1e5, 2e5], scores)
    try:
        (left,) = fig.axes
        assert [list(line.get_ydata()) for line in left.lines[:2]] == [[0.1, 0.3], [0.0, 0.2]]
    finally:
        plt.close(fig)


# --- the widget ---------------------------------------------------------------------------


@pytest.fixture
def ex(wv):
    return ee.embedding_explorer(wv, word="king", analogy="man : king :: woman",
                                 presets={"fruit and people": "fruit: apple pear; people: man "
                                          "woman", "royals": "king queen"}, topn=3)


def test_explorer_starts_with_results(ex, gold):
    assert [r[1] for r in table_rows(ex.neighbours.value)] == [
        word for word, _ in gold.most_similar("king", topn=3)]
    assert table_rows(ex.answers.value)[0][1] == "queen"
    assert png_of(ex.word_map.value)[:4] == b"\x89PNG"
    assert ex.preset.value == "fruit and people"
    assert ex.neighbours_message.value == ex.analogy_message.value == ex.map_message.value == ""


def test_explorer_word_box(ex, gold):
    ex.word.value = "Apple"
    assert [r[1] for r in table_rows(ex.neighbours.value)] == [
        word for word, _ in gold.most_similar("apple", topn=3)]
    for bad, shown in (("", "empty"), ("xyzzy", "xyzzy"), ("a b", "one word")):
        ex.word.value = bad
        assert ex.neighbours.value == ""
        assert shown in ex.neighbours_message.value and "⚠" in ex.neighbours_message.value
        assert "Traceback" not in ex.neighbours_message.value
    ex.word.value = "pear"
    assert ex.neighbours_message.value == "" and "apple" in ex.neighbours.value


def test_explorer_analogy_box(ex, gold):
    ex.analogy.value = "king : man :: queen"
    expected = gold.most_similar(positive=["man", "queen"], negative=["king"], topn=5)
    assert table_rows(ex.answers.value)[0][1] == expected[0][0]
    ex.analogy.value = "king"
    assert ex.answers.value == "" and "three words" in ex.analogy_message.value
    ex.analogy.value = ""
    assert "empty box" in ex.analogy_message.value
    ex.analogy.value = "man : king :: duchess"
    assert "duchess" in ex.analogy_message.value and ex.answers.value == ""


def test_explorer_rule_toggle():
    # x1 is very close to c but far from b: 3CosAdd answers x1, 3CosMul x2 (worked out in
    # tests/test_analogies.py::test_3cosmul_differs_from_3cosadd_where_the_paper_says).
    words = ["a", "b", "c", "x1", "x2"]
    vectors = [[1, 0, 0], [0.8, 0.6, 0], [0, 0, 1], [0.05, -0.1, 1], [0.5, 0.6, 0.63]]
    ex = ee.embedding_explorer(w.WordVectors(words, vectors), word="a", analogy="a : b :: c",
                               presets={"all": "a b c x1 x2"})
    assert ex.rule.options == ("3CosAdd", "3CosMul") and ex.rule.value == "3CosAdd"
    assert table_rows(ex.answers.value)[0][1] == "x1" and "ranked by 3CosAdd" in ex.answers.value
    ex.rule.value = "3CosMul"
    assert table_rows(ex.answers.value)[0][1] == "x2" and "ranked by 3CosMul" in ex.answers.value
    assert ex.analogy_message.value == ""
    ex.analogy.value = "a : b :: zz"
    assert ex.answers.value == "" and "zz" in ex.analogy_message.value
    ex.analogy.value = "a b c"
    assert table_rows(ex.answers.value)[0][1] == "x2" and ex.analogy_message.value == ""
    ex.rule.value = "3CosAdd"
    assert table_rows(ex.answers.value)[0][1] == "x1"
    assert "w2v-rule" in ex.rule._dom_classes


def test_explorer_map_box_and_presets(ex):
    first = png_of(ex.word_map.value)
    ex.preset.value = "royals"
    assert ex.map_words.value == "king queen"
    assert png_of(ex.word_map.value)[:4] == b"\x89PNG" and png_of(ex.word_map.value) != first
    ex.map_words.value = "apple plum"
    assert ex.preset.value == "(typed)"
    assert png_of(ex.word_map.value) == b"" and "plum" in ex.map_message.value
    ex.map_words.value = ""
    assert "at least two words" in ex.map_message.value
    ex.map_words.value = "fruit: apple pear; people: man woman"
    assert ex.preset.value == "(typed)"  # the same text as a preset, typed: stays typed
    assert ex.map_message.value == "" and png_of(ex.word_map.value)[:4] == b"\x89PNG"
    ex.preset.value = "fruit and people"
    assert ex.map_words.value == "fruit: apple pear; people: man woman"
    assert plt.get_fignums() == []


# --- notebook 08's named questions ----------------------------------------------------------


def test_exercises_08_answers(wv, gold):
    from w2v_lib.teach import exercises_08

    assert exercises_08.nearest(wv, "apple") == gold.most_similar("apple", topn=1)[0][0] == "pear"
    expected = [x for x, _ in gold.most_similar(positive=["king", "woman"], negative=["man"],
                                                topn=3)]
    assert exercises_08.rank_of(wv, "man", "king", "woman", "queen") == \
        expected.index("queen") + 1 == 1
    with pytest.raises(ValueError):
        exercises_08.rank_of(wv, "man", "king", "woman", "man")  # excluded: never an answer
