"""Notebook 07's named questions: answers recomputed here by plain loops, checked by name."""

import numpy as np
import pytest

import w2v_lib as w
from w2v_lib.teach import exercises, exercises_07, quiz

TOKENS = w.tokenize("the cat sits on the mat")
VOCAB = w.build_vocab(TOKENS)
PAIRS = np.array(w.skipgram_pairs(VOCAB.encode(TOKENS), window=2))
START = w.init_params(5, 2, np.random.default_rng(0))  # the notebook's first draw
ARRAYS = {"center_vecs": START[0], "outside_vecs": START[1], "pairs": PAIRS}


def sgd_by_loop(center_vecs, outside_vecs, n_updates, lr=0.5):
    """Plain SGD, one pair per update in order, with the per-pair formula."""
    c, o = center_vecs.copy(), outside_vecs.copy()
    for k in range(n_updates):
        ci, oi = PAIRS[k % len(PAIRS)]
        _, g_v, g_u = w.naive_softmax_loss_and_grad(c[ci], oi, o)
        c[ci] -= lr * g_v
        o -= lr * g_u
    return c, o


def test_the_module_knows_the_toy_vocabulary():
    assert exercises_07._WORDS == VOCAB.words


def test_farthest_moved_center_after_90_updates():
    c, _ = sgd_by_loop(*START, 90)
    moved = np.linalg.norm(c - START[0], axis=1)
    assert exercises_07.farthest_moved_center(*START, PAIRS) == VOCAB.words[int(np.argmax(moved))]
    assert VOCAB.words[int(np.argmax(moved))] == "mat"  # what exercise 3's hint explains
    centers = np.bincount(PAIRS[:, 0], minlength=5)
    assert centers[VOCAB.index["mat"]] == centers.min()  # the fewest pairs, yet farthest


def test_first_epoch_below_one_and_a_half():
    epochs = next(e for e in range(1, 50)
                  if w.nll_loss(*sgd_by_loop(*START, 18 * e), PAIRS) < 1.5)
    assert exercises_07.first_epoch_below(*START, PAIRS) == epochs


def test_rows_changed_by_a_full_batch_and_by_b4():
    assert exercises_07.full_batch_changed_centers(*START, PAIRS) == 5  # every word a center
    assert exercises_07.batch4_changed_centers(*START, PAIRS) == 2  # pairs 1-4: the, cat


def test_questions_about_update_1():
    step = w.Recording(*START, PAIRS, lr=0.5, batch_size=1).step()
    assert exercises_07.loss_direction(step) == "down"
    assert exercises_07.changed_outside_words(step) == set(VOCAB.words)


@pytest.mark.parametrize("name, right, wrong", [("07-1", 5, 1), ("07-2", 4, 2),
                                                ("07-3", "mat", "the")])
def test_checkers_by_name(name, right, wrong, capsys):
    exercises.check(name, right, **ARRAYS)
    exercises.check(name, wrong, **ARRAYS)
    right_line, wrong_line = capsys.readouterr().out.splitlines()
    assert right_line == quiz.RIGHT and wrong_line.startswith(quiz.WRONG)


def test_exercise_3_hint_points_away_from_the_word_with_most_pairs():
    hint = exercises.QUESTIONS["07-3"].hint
    assert "not the word with the most pairs" in hint


def test_a_question_about_other_pairs_is_refused():
    with pytest.raises(ValueError, match="18 pairs"):
        exercises_07.farthest_moved_center(*START, PAIRS[:10])


def test_cbow_question_the_context_rows_not_the_target():
    from test_cbow_softmax import loop_loss_and_grad

    examples = w.cbow_examples(VOCAB.encode(TOKENS), 2)
    _, grad_v, _ = loop_loss_and_grad(*START, examples[:1])  # update 1: example 1 alone
    by_loop = {VOCAB.words[i] for i in range(5) if np.any(grad_v[i] != 0)}
    assert by_loop == {"cat", "sits"}  # the context of "the", not "the" itself
    assert exercises_07.cbow_changed_center_words(*START, examples) == by_loop


def test_cbow_question_by_name(capsys):
    examples = w.cbow_examples(VOCAB.encode(TOKENS), 2)
    arrays = {"center_vecs": START[0], "outside_vecs": START[1], "examples": examples}
    for given in ("sits, cat", "the"):
        exercises.check("07-q4", given, **arrays)
    right_line, wrong_line = capsys.readouterr().out.splitlines()
    assert right_line == quiz.RIGHT and wrong_line.startswith(quiz.WRONG)
    with pytest.raises(ValueError, match="6 CBOW examples"):
        exercises_07.cbow_changed_center_words(*START, examples[:3])
