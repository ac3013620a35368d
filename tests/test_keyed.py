"""Tests for w2v_lib.keyed: WordVectors against plain loops and against gensim."""

import numpy as np
import pytest
from gensim.models import KeyedVectors

import w2v_lib as w


@pytest.fixture
def wv():
    rng = np.random.default_rng(5)
    words = ["king", "queen", "man", "woman", "apple", "pear", "car", "bus"]
    return w.WordVectors(words, rng.normal(size=(8, 6)))


def as_gensim(wv):
    kv = KeyedVectors(wv.vectors.shape[1])
    kv.add_vectors(wv.words, wv.vectors)
    return kv


def test_lookup_and_unknown_word(wv):
    np.testing.assert_array_equal(wv["queen"], wv.vectors[1])
    assert "pear" in wv and "plum" not in wv and len(wv) == 8
    with pytest.raises(KeyError, match="'plum' is not in the vocabulary"):
        wv["plum"]
    for call in (lambda: wv.similarity("king", "plum"), lambda: wv.most_similar("plum"),
                 lambda: wv.analogy("man", "king", "plum")):
        with pytest.raises(KeyError, match="plum"):
            call()


def test_similarity_is_the_cosine(wv):
    want = w.cosine_similarity(wv["car"], wv["bus"])
    assert wv.similarity("car", "bus") == pytest.approx(want, abs=1e-6)


def test_most_similar_matches_a_plain_loop_and_gensim(wv):
    got = wv.most_similar("king", topn=3)
    plain = sorted(((x, w.cosine_similarity(wv["king"], wv[x])) for x in wv.words if x != "king"),
                   key=lambda pair: -pair[1])[:3]
    assert [x for x, _ in got] == [x for x, _ in plain]
    np.testing.assert_allclose([s for _, s in got], [s for _, s in plain], atol=1e-6)
    theirs = as_gensim(wv).most_similar("king", topn=3)
    assert [x for x, _ in got] == [x for x, _ in theirs]
    np.testing.assert_allclose([s for _, s in got], [s for _, s in theirs], atol=1e-6)


def test_analogy_matches_gensim(wv):
    got = wv.analogy("man", "king", "woman", topn=4)
    theirs = as_gensim(wv).most_similar(positive=["king", "woman"], negative=["man"], topn=4)
    assert [x for x, _ in got] == [x for x, _ in theirs]
    np.testing.assert_allclose([s for _, s in got], [s for _, s in theirs], atol=1e-6)
    assert not {"man", "king", "woman"} & {x for x, _ in got}


def test_an_analogy_built_in_is_found():
    words = ["man", "woman", "king", "queen", "x", "y"]
    gender, royal = np.eye(6)[0], np.eye(6)[1]
    rng = np.random.default_rng(0)
    base = rng.normal(scale=0.05, size=(6, 6)) + 2 * np.eye(6)[2]
    vectors = base + np.array([0 * gender, gender, royal, royal + gender, 0 * gender, 0 * gender])
    vectors[4:] = rng.normal(size=(2, 6))
    wv = w.WordVectors(words, vectors)
    assert wv.analogy("man", "woman", "king")[0][0] == "queen"


def cos_by_loop(x, y):
    dot = sum(p * q for p, q in zip(x, y, strict=True))
    return dot / np.sqrt(sum(p * p for p in x) * sum(q * q for q in y))


def test_3cosmul_analogy_matches_a_plain_loop():
    rng = np.random.default_rng(7)
    words = [f"w{i}" for i in range(40)]
    wv = w.WordVectors(words, rng.normal(size=(40, 5)))
    rows = [[float(v) for v in row] for row in wv.vectors]
    for a, b, c in [("w0", "w1", "w2"), ("w5", "w3", "w9"), ("w39", "w20", "w11")]:
        plain = []
        for x, row in zip(words, rows, strict=True):
            if x in (a, b, c):
                continue
            ca, cb, cc = (cos_by_loop(row, rows[words.index(y)]) for y in (a, b, c))
            plain.append((x, (cb + 1) / 2 * (cc + 1) / 2 / ((ca + 1) / 2 + 0.001)))
        plain.sort(key=lambda pair: -pair[1])
        got = wv.analogy(a, b, c, topn=6, method="mul")
        assert [x for x, _ in got] == [x for x, _ in plain[:6]], (a, b, c)
        np.testing.assert_allclose([s for _, s in got], [s for _, s in plain[:6]], rtol=1e-5)
        assert len(wv.analogy(a, b, c, topn=100, method="mul")) == 37


def test_3cosmul_prefers_balance_where_3cosadd_takes_one_big_similarity():
    # x1 is very close to c but far from b; x2 is fairly close to both (Levy & Goldberg 2014)
    words = ["a", "b", "c", "x1", "x2"]
    wv = w.WordVectors(words, [[1, 0, 0], [0.8, 0.6, 0], [0, 0, 1], [0.05, -0.1, 1],
                               [0.5, 0.6, 0.63]])
    assert wv.analogy("a", "b", "c")[0][0] == "x1"
    assert wv.analogy("A", "b", "C", method="mul")[0][0] == "x2"


@pytest.mark.parametrize("method", ["cos", "ADD", None, 3])
def test_a_bad_analogy_method_is_named(wv, method):
    with pytest.raises(ValueError, match=f"'add'.*'mul'.*got {method!r}"):
        wv.analogy("man", "king", "woman", method=method)


def test_bad_topn(wv):
    with pytest.raises(ValueError, match="topn must be an integer >= 1, got 0"):
        wv.most_similar("king", topn=0)


def test_save_and_load_round_trip_exactly(wv, tmp_path):
    path = wv.save_word2vec_format(tmp_path / "v.txt")
    back = w.WordVectors.load_word2vec_format(path)
    assert back.words == wv.words
    np.testing.assert_array_equal(back.vectors, wv.vectors)


def test_gensim_reads_our_file_and_we_read_gensims(wv, tmp_path):
    ours = wv.save_word2vec_format(tmp_path / "ours.txt")
    kv = KeyedVectors.load_word2vec_format(str(ours), binary=False)
    assert list(kv.index_to_key) == wv.words
    np.testing.assert_array_equal(kv.vectors, wv.vectors)
    theirs = tmp_path / "theirs.txt"
    as_gensim(wv).save_word2vec_format(str(theirs), binary=False)
    back = w.WordVectors.load_word2vec_format(theirs)
    assert back.words == wv.words
    np.testing.assert_allclose(back.vectors, wv.vectors, rtol=1e-6)


def test_a_trained_vocabulary_opens_in_gensim(tmp_path):
    trained = w.train_sgns(w.lee_corpus()[:40], dim=12, min_count=3, epochs=1, progress=False)
    kv = KeyedVectors.load_word2vec_format(str(trained.save_word2vec_format(tmp_path / "lee.txt")))
    assert list(kv.index_to_key) == trained.words
    np.testing.assert_array_equal(kv.vectors, trained.vectors)
    word = trained.words[5]
    assert [x for x, _ in kv.most_similar(word, topn=5)] == [
        x for x, _ in trained.most_similar(word, topn=5)
    ]


@pytest.mark.parametrize(
    "text, match",
    [("2 3\na 1 2 3\n", "header says 2 words, found 1"),
     ("1 3\na 1 2\n", "line 2 is not 'word' and 3 numbers"),
     ("one 3\n", "first line must be 'V d'")],
)
def test_a_bad_file_is_named(tmp_path, text, match):
    path = tmp_path / "bad.txt"
    path.write_text(text)
    with pytest.raises(ValueError, match=match):
        w.WordVectors.load_word2vec_format(path)


def test_projector_tsv(wv, tmp_path):
    vec_path, meta_path = wv.save_projector_tsv(tmp_path / "proj")
    np.testing.assert_allclose(np.loadtxt(vec_path, delimiter="\t"), wv.vectors, rtol=1e-6)
    assert meta_path.read_text().splitlines() == wv.words


@pytest.mark.parametrize(
    "words, vectors, match",
    [(["a", "b"], np.zeros((3, 2)), "need V words"),
     (["a b", "c"], np.zeros((2, 2)), "without spaces"),
     (["a", "a"], np.zeros((2, 2)), "distinct")],
)
def test_bad_construction(words, vectors, match):
    with pytest.raises(ValueError, match=match):
        w.WordVectors(words, vectors)


def test_lookups_accept_any_case(wv):
    np.testing.assert_array_equal(wv["King"], wv["king"])
    np.testing.assert_array_equal(wv["QUEEN"], wv.vectors[1])
    assert "Pear" in wv and "PLUM" not in wv and 3 not in wv
    assert wv.id("WoMaN") == 3
    assert wv.similarity("Car", "BUS") == wv.similarity("car", "bus")
    assert wv.most_similar("KING", topn=3) == wv.most_similar("king", topn=3)
    assert wv.analogy("Man", "King", "Woman", topn=2) == wv.analogy("man", "king", "woman", topn=2)
    with pytest.raises(KeyError, match="'Plum' is not in the vocabulary"):
        wv["Plum"]


def test_the_exact_spelling_comes_first():
    wv = w.WordVectors(["paris", "Paris"], [[1.0, 0.0], [0.0, 1.0]])
    assert wv.id("Paris") == 1 and wv.id("paris") == 0 and wv.id("PARIS") == 0


def test_outside_vectors_are_kept_checked_and_default_to_none(wv):
    assert wv.outside_vectors is None
    outside = np.arange(16, dtype=float).reshape(8, 2)
    with pytest.raises(ValueError, match=r"outside_vectors must be \(V, d\) = \(8, 6\).*\(8, 2\)"):
        w.WordVectors(wv.words, wv.vectors, outside_vectors=outside)
    both = w.WordVectors(wv.words, wv.vectors, outside_vectors=2 * wv.vectors)
    assert both.outside_vectors.dtype == np.float32
    np.testing.assert_array_equal(both.outside_vectors, 2 * wv.vectors)


def test_changing_vectors_never_leaves_stale_cosines(wv):
    before = wv.similarity("car", "bus")
    with pytest.raises(ValueError, match="read-only"):
        wv.vectors[6] = wv.vectors[7]  # an in-place edit is refused
    with pytest.raises(ValueError, match="read-only"):
        wv["car"][:] = 0
    new = wv.vectors.copy()
    new[6] = new[7]  # car := bus
    wv.vectors = new  # assigning a new array resets the unit vectors
    assert wv.similarity("car", "bus") == pytest.approx(1.0) != pytest.approx(before)
    assert wv.most_similar("car", topn=1)[0][0] == "bus"
    with pytest.raises(ValueError, match=r"vectors must stay \(8, 6\), got \(2, 6\)"):
        wv.vectors = new[:2]


def test_the_callers_array_is_copied_not_frozen():
    mine = np.ones((2, 3), np.float32)
    wv = w.WordVectors(["a", "b"], mine)
    mine[0] = 5  # the caller's array stays writeable and the vectors do not change
    np.testing.assert_array_equal(wv["a"], np.ones(3))
