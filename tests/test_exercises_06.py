"""Tests for w2v_lib.teach.exercises_06: notebook 06's answers, against hand computations."""

import math
import re

import numpy as np
import pytest

import w2v_lib as w
from w2v_lib.teach import exercises, exercises_06
from w2v_lib.teach.quiz import RIGHT, WRONG

Q = exercises.QUESTIONS


def answer(name, **context):
    return Q[name].answer(**context)


def test_all_of_06_is_registered_once():
    assert {n for n in Q if n.startswith("06-")} == {"06-q1", "06-q2", "06-q3", "06-q4",
                                                      "06-q5", "06-1", "06-2", "06-3"}


def test_zero_vectors_loss_is_three_log_two():
    assert answer("06-q1") == pytest.approx(3 * math.log(2))  # 3 terms of -log(1/2)


def test_rows_touched_by_one_pair():
    rng = np.random.default_rng(0)
    v, u = rng.normal(size=3), rng.normal(size=(7, 3))
    ctx = dict(center_vec=v, outside_id=1, outside_vecs=u)
    assert answer("06-q2", negative_ids=[2, 3, 4], **ctx) == 4  # o and three noise words
    assert answer("06-q2", negative_ids=[2, 2, 1], **ctx) == 2  # a repeat, and o skipped
    assert answer("06-q3", **ctx) == 7  # the softmax touches every row
    assert exercises_06.rows_with_gradient(np.array([[0, 0], [0, 1e-9], [-1, 1]])) == 2


def test_kept_share_by_hand():
    counts = np.array([600.0, 300, 90, 10])
    t = 0.01 * counts.sum()  # sample 0.01: t = 10
    keep = [min(1.0, (math.sqrt(f / t) + 1) * t / f) for f in counts]
    expected = sum(k * f for k, f in zip(keep, counts, strict=True)) / counts.sum()
    assert exercises_06.kept_share(counts, sample=0.01) == pytest.approx(expected)
    assert answer("06-q4", counts=counts) == pytest.approx(
        exercises_06.kept_share(counts, sample=1e-3))
    assert exercises_06.kept_share(counts, sample=0) == 1.0


def test_center_gradient_is_zero_when_every_u_is_zero():
    v = np.array([0.1, -0.2, 0.05])
    assert answer("06-q5", center_vec=v, outside_id=0, negative_ids=[1, 2], vocab_size=4) is True


def test_exercise_answers_by_hand():
    rng = np.random.default_rng(1)
    words = ["the", "a", "taliban", "war", "cat", "dog"]
    vecs = rng.normal(size=(6, 4))
    wv = w.WordVectors(words, vecs)
    assert answer("06-1", wv=wv) == pytest.approx(6 * 100 / (6 * 100))
    # nearest of taliban by a plain loop over cosines
    unit = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
    cosines = {x: unit[2] @ unit[i] for i, x in enumerate(words) if x != "taliban"}
    assert answer("06-3", wv=wv) == max(cosines, key=cosines.get)
    vocab = w.build_vocab("the the the the cat the dog the cat".split())
    f, total = 6, 9
    t = 1e-4 * total
    assert answer("06-2", vocab=vocab) == pytest.approx(min(1, (math.sqrt(f / t) + 1) * t / f))


def test_check_prints_right_or_a_hint_never_the_answer(capsys):
    wv = w.WordVectors(["kabul", "cricket", "taliban"], np.eye(3) + [0.2, 0, 0.1])
    right = answer("06-3", wv=wv)
    exercises.check("06-3", right, wv=wv)
    exercises.check("06-3", "zzz", wv=wv)
    exercises.check("06-1", None, wv=wv)
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(RIGHT) and out[1].startswith(WRONG)
    assert "Type your prediction first" in out[2]
    assert right == "kabul" and not re.search(rf"\b{right}\b", out[1])


# --- Write it yourself: neg_sampling_loss_and_grad


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _loop(skip=True, noise=True):
    """A plain-loop version written from the formulas, with mistakes to plant."""
    def fn(v, o, negatives, u):
        loss = -np.log(_sigmoid(u[o] @ v))
        grad_v, grad_u = (_sigmoid(u[o] @ v) - 1) * u[o], np.zeros_like(u)
        grad_u[o] += (_sigmoid(u[o] @ v) - 1) * v
        for k in negatives if noise else []:
            if skip and k == o:
                continue
            s = u[k] @ v
            loss -= np.log(_sigmoid(-s))
            grad_v = grad_v + _sigmoid(s) * u[k]
            grad_u[k] += _sigmoid(s) * v
        return loss, grad_v, grad_u
    return fn


def test_write_it_checker_passes_the_library_and_a_loop():
    for fn in (w.neg_sampling_loss_and_grad, _loop()):
        verdict = exercises_06.diagnose_neg_sampling_loss_and_grad(fn)
        assert verdict.startswith(RIGHT) and "equal to o is skipped" in verdict, verdict


def test_write_it_checker_catches_a_noise_word_equal_to_o_counted():
    assert exercises_06.diagnose_neg_sampling_loss_and_grad(_loop(skip=False)) == \
        exercises_06.SKIP_MISSING


def test_write_it_checker_keeps_the_other_verdicts(capsys):
    missing = exercises_06.diagnose_neg_sampling_loss_and_grad(_loop(noise=False))
    assert missing.startswith(WRONG) and "noise term" in missing

    def stub(center_vec, outside_id, negative_ids, outside_vecs):
        raise NotImplementedError

    exercises_06.check_neg_sampling_loss_and_grad(stub)
    assert capsys.readouterr().out.strip() == exercises.NOT_YET

    def crashes_on_o(center_vec, outside_id, negative_ids, outside_vecs):
        if outside_id in list(negative_ids):
            raise IndexError("boom")
        return w.neg_sampling_loss_and_grad(center_vec, outside_id, negative_ids, outside_vecs)

    verdict = exercises_06.diagnose_neg_sampling_loss_and_grad(crashes_on_o)
    assert verdict.startswith(WRONG) and "IndexError: boom" in verdict
