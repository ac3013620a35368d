"""Tests for w2v_lib.analogies: 3CosAdd against gensim's evaluator, 3CosMul against a loop."""

import numpy as np
import pytest
from gensim.models import KeyedVectors, Word2Vec

import w2v_lib as w
from w2v_lib.analogies import read_analogies

QUESTIONS = w.gensim_test_file("questions-words.txt")


def as_gensim(wv):
    kv = KeyedVectors(wv.vectors.shape[1])
    kv.add_vectors(wv.words, wv.vectors)
    return kv


def gensim_scores(wv, path, restrict_vocab):
    """(correct, covered) per section and overall, by gensim's own evaluator."""
    _, sections = as_gensim(wv).evaluate_word_analogies(str(path), restrict_vocab=restrict_vocab)
    return {s["section"]: (len(s["correct"]), len(s["correct"]) + len(s["incorrect"]))
            for s in sections}


@pytest.fixture(scope="module")
def built_in():
    """Vectors in which many of the Google analogies hold: b = a + r_section + noise.

    Each word gets its vector from the first pair that defines it, so later sections
    conflict with earlier ones and some questions fail (a mix of right and wrong).
    A few words also get a capitalised twin, and rows are shuffled so restrict_vocab cuts
    through every section.
    """
    rng = np.random.default_rng(0)
    dim, vecs = 24, {}
    for section in dict.fromkeys(s for s, *_ in read_analogies(QUESTIONS)):
        offset = rng.normal(size=dim)
        for _, a, b, c, d in (q for q in read_analogies(QUESTIONS) if q[0] == section):
            for x, y in ((a, b), (c, d)):
                x, y = x.lower(), y.lower()
                vecs.setdefault(x, rng.normal(size=dim))
                vecs.setdefault(y, vecs[x] + offset + rng.normal(scale=0.6, size=dim))
    words = list(vecs)
    rng.shuffle(words)
    twins = [word.capitalize() for word in words[::40]]
    vectors = [vecs[word] for word in words] + [rng.normal(size=dim) for _ in twins]
    return w.WordVectors(words + twins, vectors)


@pytest.mark.parametrize("restrict_vocab", [30000, 600, 1])
def test_3cosadd_equals_gensims_evaluator_on_built_in_analogies(built_in, restrict_vocab):
    ours = w.evaluate_analogies(built_in, restrict_vocab=restrict_vocab)
    theirs = gensim_scores(built_in, QUESTIONS, restrict_vocab)
    assert ours.sections == {k: v for k, v in theirs.items() if k != "Total accuracy"}
    assert (ours.correct, ours.covered) == theirs["Total accuracy"]
    assert ours.total == 19_544 and len(ours.sections) == 14
    if restrict_vocab == 30000:
        assert ours.covered == 19_544  # every question word has a vector
        assert 0.2 < ours.accuracy < 0.9  # a real mix of right and wrong answers


def test_3cosadd_equals_gensim_on_vectors_trained_on_lee():
    model = Word2Vec(w.lee_corpus(), vector_size=24, min_count=2, sg=1, epochs=3, workers=1,
                     seed=1)
    wv = w.WordVectors(model.wv.index_to_key, model.wv.vectors)
    for restrict_vocab in (30000, 2000):
        ours = w.evaluate_analogies(wv, restrict_vocab=restrict_vocab)
        theirs = gensim_scores(wv, QUESTIONS, restrict_vocab)
        assert ours.sections == {k: v for k, v in theirs.items() if k != "Total accuracy"}
        assert (ours.correct, ours.covered) == theirs["Total accuracy"]
        assert 0 < ours.covered < 19_544


def write(tmp_path, text):
    path = tmp_path / "q.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def capitals():
    # france -> paris is the offset (0, 1); "Paris" (another spelling) sits on the answer
    words = ["paris", "france", "berlin", "germany", "Paris", "rome", "italy", "madrid"]
    vectors = [[1, 1, 0], [1, 0, 0], [0, 1.1, 1], [0, 0, 1], [1, 1.05, 0.02], [3, 1, 0.5],
               [3, 0, 0.5], [0.2, 1.1, 1.1]]
    return w.WordVectors(words, vectors)


def test_by_hand_and_another_spelling_of_an_input_is_never_the_answer(capitals, tmp_path):
    path = write(tmp_path, ": capitals\nfrance paris germany berlin\nGermany Berlin France "
                 "Paris\nfrance paris italy rome\n: broken\nfrance paris italy madrid\n"
                 "not four words\nfrance paris spain madrid\n")
    score = w.evaluate_analogies(capitals, path)
    # by hand: question 1 -> berlin (cos 0.95; madrid 0.92); question 2 -> paris (0.956;
    # Paris 0.949); question 3 -> rome (0.89): "Paris" (0.99) is another spelling of b, so
    # never the answer; "broken" -> rome, not madrid; "spain" is out of vocabulary
    assert score.sections == {"capitals": (3, 3), "broken": (0, 1)}
    assert (score.correct, score.covered, score.total) == (3, 4, 5)
    assert score.accuracy == pytest.approx(3 / 4) and score.coverage == pytest.approx(4 / 5)
    assert score.sections == {k: v for k, v in gensim_scores(capitals, path, 30000).items()
                              if k != "Total accuracy"}


def mul_by_loop(wv, questions, restrict_vocab):
    """3CosMul, one question and one candidate at a time (Levy & Goldberg 2014, eq. 4)."""
    words = wv.words[:restrict_vocab]
    lookup = {word.upper(): word for word in reversed(words)}
    correct = covered = 0
    for _, *quad in questions:
        if not all(x.upper() in lookup for x in quad):
            continue
        a, b, c, expected = (lookup[x.upper()] for x in quad)
        covered += 1
        best, best_score = None, -np.inf
        for x in words:
            if x.upper() in {a.upper(), b.upper(), c.upper()}:
                continue
            cos = {y: w.cosine_similarity(wv[x], wv[y]) for y in (a, b, c)}
            score = (cos[b] + 1) / 2 * (cos[c] + 1) / 2 / ((cos[a] + 1) / 2 + 0.001)
            if score > best_score:
                best, best_score = x, score
        correct += best.upper() == expected.upper()
    return correct, covered


def test_3cosmul_equals_a_plain_loop(built_in, tmp_path):
    known = set(built_in.words[:300])
    questions = [q for q in read_analogies(QUESTIONS) if {x.lower() for x in q[1:]} <= known]
    questions = questions[::max(1, len(questions) // 60)]  # about 60, from many sections
    path = write(tmp_path, "".join(f": {s}\n{a} {b} {c} {d}\n" for s, a, b, c, d in questions))
    twin = built_in["athens"] + np.random.default_rng(1).normal(scale=0.3, size=24)
    small = w.WordVectors(built_in.words[:300] + ["Athens"], np.vstack([built_in.vectors[:300],
                                                                        twin]))
    for restrict_vocab in (301, 200):
        score = w.evaluate_analogies(small, path, restrict_vocab=restrict_vocab, method="mul")
        assert (score.correct, score.covered) == mul_by_loop(small, questions, restrict_vocab)
        assert score.covered >= 5 and score.correct < score.covered and score.method == "mul"


def test_3cosmul_differs_from_3cosadd_where_the_paper_says(tmp_path):
    # Levy & Goldberg's point: with add, one large similarity (x close to c) can win alone;
    # mul wants x close to both b and c. Here x1 is very close to c but far from b.
    words = ["a", "b", "c", "x1", "x2"]
    vectors = [[1, 0, 0], [0.8, 0.6, 0], [0, 0, 1], [0.05, -0.1, 1], [0.5, 0.6, 0.63]]
    wv = w.WordVectors(words, vectors)
    cos = {x: [w.cosine_similarity(wv[x], wv[y]) for y in "abc"] for x in ("x1", "x2")}
    add = {x: cb - ca + cc for x, (ca, cb, cc) in cos.items()}
    mul = {x: (cb + 1) * (cc + 1) / 2 / ((ca + 1) / 2 + 0.001) / 2 for x, (ca, cb, cc) in
           cos.items()}
    assert max(add, key=add.get) == "x1" and max(mul, key=mul.get) == "x2"
    path = write(tmp_path, ": answer x1\na b c x1\n: answer x2\na b c x2\n")
    assert w.evaluate_analogies(wv, path).sections == {"answer x1": (1, 1), "answer x2": (0, 1)}
    mul = w.evaluate_analogies(wv, path, method="mul")
    assert mul.sections == {"answer x1": (0, 1), "answer x2": (1, 1)}


@pytest.mark.parametrize("method", ["add", "mul"])
def test_analogy_answers_what_evaluate_analogies_counts_as_right(method, tmp_path):
    rng = np.random.default_rng(3)
    words = [f"w{i}" for i in range(30)]
    wv = w.WordVectors(words, rng.normal(size=(30, 4)))
    triples = [tuple(rng.choice(words, size=3, replace=False)) for _ in range(8)]
    first, second = {}, {}
    for a, b, c in triples:
        (first[a, b, c], _), (second[a, b, c], _) = wv.analogy(a, b, c, topn=2, method=method)
    other = "mul" if method == "add" else "add"
    assert any(wv.analogy(*t, method=other)[0][0] != first[t] for t in triples)  # rules differ
    lines = [": first\n", *(f"{a} {b} {c} {first[a, b, c]}\n" for a, b, c in triples),
             ": second\n", *(f"{a} {b} {c} {second[a, b, c]}\n" for a, b, c in triples)]
    score = w.evaluate_analogies(wv, write(tmp_path, "".join(lines)), restrict_vocab=30,
                                 method=method)
    assert score.sections == {"first": (8, 8), "second": (0, 8)}


def test_read_analogies_reads_the_google_set():
    questions = read_analogies(QUESTIONS)
    assert len(questions) == 19_544
    assert len({s for s, *_ in questions}) == 14


@pytest.mark.parametrize(
    "kwargs, match",
    [({"method": "cos"}, "method must be 'add' .* or 'mul' .*, got 'cos'"),
     ({"restrict_vocab": 0}, "restrict_vocab must be an integer >= 1, got 0"),
     ({"restrict_vocab": 2.5}, "restrict_vocab must be an integer >= 1, got 2.5")],
)
def test_bad_input_is_named(capitals, kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        w.evaluate_analogies(capitals, **kwargs)


def test_bad_files(capitals, tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.txt"):
        w.evaluate_analogies(capitals, tmp_path / "nowhere.txt")
    with pytest.raises(ValueError, match="line 1: a question before any ': section'"):
        w.evaluate_analogies(capitals, write(tmp_path, "france paris italy rome\n"))


def test_no_question_covered_gives_nan_accuracy(capitals, tmp_path):
    score = w.evaluate_analogies(capitals, write(tmp_path, ": s\nfoo bar baz qux\n"))
    assert (score.correct, score.covered, score.total) == (0, 0, 1) and np.isnan(score.accuracy)
