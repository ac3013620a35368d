"""exercises: named questions (answers against hand-computed values), the Write it yourself
checkers (the library's own function passes, planted mistakes get the right message), and
the one-line message for a word typed without quotes."""

import math

import numpy as np
import pytest

import w2v_lib as w
from w2v_lib.teach import exercises, quiz
from w2v_lib.teach.questions import QUESTIONS

# --- named questions: the answers, computed by hand from the lecture note's example -------

HAND = {
    "00-q1": 2 * 3 * 5,      # two d-vectors per word
    "00-1": "mat",           # the: 2 + 3 contexts, cat 3, sits 4, on 4, mat 2
    "01-q1": "hotel",        # cos(inn, hotel) 0.986 > cos(inn, motel) 0.959
    "01-1": "cat",
    "01-2": 3 + 3 + 1,       # pairs inside the animals, the places to stay, the floor words
    "01-3": 0.0,
    "02-q1": 18,             # the 18 pairs of the note
    "02-q2": 18 + 2 * 3,     # plus the pairs at distance 3: (1,4), (2,5), (3,6), both ways
    "02-1": 2 * (9 + 8 + 7),
    "02-2": 4,               # sits is at position 3: 2 on each side
    "02-3": 3,               # T - 1
    "03-q2": 1 / 5,
    "03-1": 2 * 10 * 6,
    "03-2": 1 / 5,
    "03-3": 1 / (1 + math.exp(-1) + math.exp(-2)),
    "04-q1": math.log(5),
    "04-1": math.log(10),
    "04-3": 0.0,
    "05-q1": 5,              # 4, 4, 4, 4, 2
    "05-q2": 4,              # 5, 5, 5, 3
    "05-1": {6, 7, 8},       # ceil(18 / B) = 3
    "05-2": 3,
    "05-3": 180,
}


@pytest.mark.parametrize("name", sorted(HAND))
def test_named_answers_match_the_hand_computed_ones(name):
    answer = QUESTIONS[name].answer()
    if isinstance(HAND[name], float):
        assert answer == pytest.approx(HAND[name], abs=1e-12)
    else:
        assert answer == HAND[name]


def _vectors(best_row_for_mat):
    """Vectors where u_best . v_mat is the one large score (V = 5, d = 3)."""
    center, outside = np.zeros((5, 3)), np.zeros((5, 3))
    center[4] = [1.0, 0.0, 0.0]  # v_mat
    outside[best_row_for_mat] = [2.0, 0.0, 0.0]
    return center, outside


@pytest.mark.parametrize(("row", "word"), [(1, "cat"), (3, "on")])
def test_03_likeliest_context_is_the_largest_score(row, word):
    center, outside = _vectors(row)
    assert QUESTIONS["03-q1"].answer(center_vecs=center, outside_vecs=outside) == word


def test_04_one_step_lowers_J_for_a_small_rate():
    center, outside = w.init_params(5, 3, np.random.default_rng(0))
    assert QUESTIONS["04-q2"].answer(center_vecs=center * 50, outside_vecs=outside * 50,
                                     lr=0.01) is True


def test_04_longest_u_gradient_is_the_observed_word():
    # pair 1 is the -> cat; with u all zero P(w | the) = 1/5 and |P - [w = o]| is 4/5 for cat
    center = np.ones((5, 3))
    assert QUESTIONS["04-2"].answer(center_vecs=center, outside_vecs=np.zeros((5, 3))) == "cat"


def test_word_questions_name_their_choices():
    assert QUESTIONS["01-q1"].choices() == ["hotel", "motel"]
    assert QUESTIONS["00-1"].choices() == ["the", "cat", "sits", "on", "mat"]


def test_check_prints_the_verdict_never_the_answer(capsys):
    exercises.check("02-q1", None)
    exercises.check("02-q1", "18.0")
    exercises.check("02-q1", 17)
    exercises.check("01-1", "Cat")
    exercises.check("05-1", "8, 7, 6")
    out = capsys.readouterr().out.splitlines()
    assert out == [quiz.ASK_FIRST, quiz.RIGHT,
                   f"{quiz.WRONG} Hint: count the context words of each of the 6 positions, "
                   f"then add", quiz.RIGHT, quiz.RIGHT]


def test_check_passes_the_notebooks_arrays_to_the_answer(capsys):
    center, outside = _vectors(2)
    exercises.check("03-q1", "sits", center_vecs=center, outside_vecs=outside)
    exercises.check("03-q1", "cat", center_vecs=center, outside_vecs=outside)
    assert capsys.readouterr().out.splitlines()[0] == quiz.RIGHT
    assert capsys.readouterr().out == ""


def test_ask_builds_the_widget_of_a_named_question():
    box = exercises.ask("02-q2")
    prompt, row, feedback = box.children[:3]
    text, button = row.children
    assert "m = 3" in prompt.value
    text.value = "24"
    button.click()
    assert feedback.value == quiz.RIGHT


def test_an_unknown_name_is_a_clear_error():
    with pytest.raises(KeyError, match="no question named '09-9'"):
        exercises.check("09-9", 1)


def test_register_adds_a_question_once():
    exercises.register("99-1", "How many?", lambda: 3, "three")
    try:
        assert QUESTIONS["99-1"].answer() == 3
        with pytest.raises(ValueError, match="exists already"):
            exercises.register("99-1", "Again?", lambda: 4)
    finally:
        del QUESTIONS["99-1"]


# --- a word typed without quotes ----------------------------------------------------------


@pytest.fixture
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    ip = InteractiveShell.instance()
    assert exercises.install_name_error_message(ip)
    yield ip
    ip.set_custom_exc((), None)
    InteractiveShell.clear_instance()


def test_an_unquoted_word_in_an_exercise_is_one_readable_line(shell, capsys):
    result = shell.run_cell("your_answer = cat\nprint('checked')", store_history=True)
    out = capsys.readouterr().out
    assert isinstance(result.error_in_exec, NameError)  # the cell still stops Run All
    assert out.strip() == exercises.UNQUOTED.format(name="cat")
    assert 'your_answer = "cat"' in out and "Traceback" not in out and "checked" not in out


def test_other_name_errors_keep_their_traceback(shell, capsys):
    shell.run_cell("x = 1\nprint(no_such_name)", store_history=True)
    out = capsys.readouterr().out
    assert "NameError" in out and "no_such_name" in out and "quotes" not in out


def test_unquoted_word_message_only_for_answer_lines():
    err = NameError("name 'mat' is not defined")
    assert exercises.unquoted_word_message(err, "your_answer = mat\n").startswith("mat is")
    assert exercises.unquoted_word_message(err, "print(mat)") is None


def test_install_outside_ipython_does_nothing():
    assert exercises.install_name_error_message() is False


# --- Write it yourself --------------------------------------------------------------------


def _stub(*args):
    raise NotImplementedError


def _returns_none(*args):
    return None


@pytest.mark.parametrize("diagnose", [exercises.diagnose_softmax,
                                      exercises.diagnose_naive_softmax_loss_and_grad,
                                      exercises.diagnose_minibatch_update,
                                      exercises.diagnose_neg_sampling_loss_and_grad])
@pytest.mark.parametrize("stub", [_stub, _returns_none])
def test_an_empty_stub_is_not_written_yet(diagnose, stub):
    assert diagnose(stub) == exercises.NOT_YET


def test_a_crashing_function_is_reported_in_one_line():
    def crashes(scores):
        return scores[99]
    msg = exercises.diagnose_softmax(crashes)
    assert msg.startswith(quiz.WRONG) and "IndexError" in msg


def test_check_prints(capsys):
    exercises.check_softmax(_stub)
    exercises.check_softmax(w.softmax)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == exercises.NOT_YET and out[1].startswith(quiz.RIGHT)


# 03 the stable softmax


def test_softmax_checker_passes_the_library():
    assert exercises.diagnose_softmax(w.softmax).startswith(quiz.RIGHT)


@pytest.mark.parametrize(("fn", "message"), [
    (lambda s: np.exp(s) / np.exp(s).sum(), "Not numerically stable: overflow"),
    (lambda s: np.exp(s - np.max(s)), "sum to"),
    (lambda s: np.exp(s).sum(), "Wrong shape: the result has shape ()"),
    (lambda s: np.exp(s - np.min(s)) / np.exp(s - np.min(s)).sum(), "overflow"),
    (lambda s: np.abs(s) / np.abs(s).sum(), "P differs at ["),
])
def test_softmax_checker_names_the_mistake(fn, message):
    msg = exercises.diagnose_softmax(fn)
    assert msg.startswith(quiz.WRONG) and message in msg


# 04 naive_softmax_loss_and_grad


def test_naive_softmax_checker_passes_the_library():
    msg = exercises.diagnose_naive_softmax_loss_and_grad(w.naive_softmax_loss_and_grad)
    assert msg.startswith(quiz.RIGHT)


def _planted(mistake):
    def fn(v, o, u):
        p = w.softmax(u @ v)
        loss = -np.log(p[o])
        grad_v = p @ u - u[o]
        delta = p.copy()
        delta[o] -= 1
        grad_u = np.outer(delta, v)
        if mistake == "no expected term":
            grad_v = -u[o]
        elif mistake == "no observed term":
            grad_v = p @ u
        elif mistake == "no bracket":
            grad_u = np.outer(p, v)
        elif mistake == "loss sign":
            loss = np.log(p[o])
        elif mistake == "no normaliser":
            loss = -u[o] @ v
        elif mistake == "grad_v transposed shape":
            grad_v = grad_v[:, None]
        elif mistake == "grad_u sign":
            grad_u = -grad_u
        elif mistake == "one coordinate":
            grad_v = grad_v.copy()
            grad_v[1] += 0.5
        elif mistake == "two things":
            return loss, grad_v
        return loss, grad_v, grad_u
    return fn


@pytest.mark.parametrize(("mistake", "message"), [
    ("no expected term", "the expected term Σ_w P(w | c) u_w is missing"),
    ("no observed term", "the observed term −u_o is missing"),
    ("no bracket", "the [w = o] term is missing"),
    ("loss sign", "The loss has the wrong sign"),
    ("no normaliser", "misses the normaliser term"),
    ("grad_v transposed shape", "Wrong shape: grad_center_vec has shape (3, 1), expected (3,)"),
    ("grad_u sign", "grad_outside_vecs has the wrong sign"),
    ("one coordinate", "grad_center_vec differs at [1]"),
    ("two things", "Return 3 things, (loss, grad_center_vec, grad_outside_vecs)"),
])
def test_naive_softmax_checker_names_the_mistake(mistake, message):
    msg = exercises.diagnose_naive_softmax_loss_and_grad(_planted(mistake))
    assert msg.startswith(quiz.WRONG) and message in msg, msg


def test_a_gradient_that_matches_but_disagrees_with_its_own_loss_fails_check_gradient():
    # loss off by a v-dependent amount too small for the comparison, caught by check_gradient
    def fn(v, o, u):
        loss, gv, gu = w.naive_softmax_loss_and_grad(v, o, u)
        return loss + 1e-8 * np.sin(1e4 * v[0]), gv, gu
    msg = exercises.diagnose_naive_softmax_loss_and_grad(fn)
    assert msg.startswith(quiz.WRONG) and "finite differences" in msg, msg


# 05 one mini-batch update


def _update(mistake=None):
    def fn(center_vecs, outside_vecs, batch, lr):
        _, (grad_c, grad_o) = w.nll_loss_and_grad(center_vecs, outside_vecs, batch)
        if mistake == "uphill":
            lr = -lr
        elif mistake == "sum":
            grad_c, grad_o = grad_c * len(batch), grad_o * len(batch)
        elif mistake == "no lr":
            lr = 1.0
        elif mistake == "center only":
            grad_o = 0 * grad_o
        elif mistake == "in place":  # fine: the checker passes copies
            center_vecs -= lr * grad_c
            outside_vecs -= lr * grad_o
            return center_vecs, outside_vecs
        return center_vecs - lr * grad_c, outside_vecs - lr * grad_o
    return fn


@pytest.mark.parametrize("mistake", [None, "in place"])
def test_minibatch_checker_passes_a_right_update(mistake):
    assert exercises.diagnose_minibatch_update(_update(mistake)).startswith(quiz.RIGHT)


@pytest.mark.parametrize(("mistake", "message"), [
    ("uphill", "center_vecs went uphill"),
    ("sum", "the step is B = 4 times too big"),
    ("no lr", "ignores the learning rate"),
    ("center only", "outside_vecs did not change"),
])
def test_minibatch_checker_names_the_mistake(mistake, message):
    msg = exercises.diagnose_minibatch_update(_update(mistake))
    assert msg.startswith(quiz.WRONG) and message in msg, msg


# 06 neg_sampling_loss_and_grad (the stub is in notebook 06)


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _neg(mistake=None):
    def fn(v, o, negatives, u):
        loss = -np.log(_sigmoid(u[o] @ v))
        grad_v = (_sigmoid(u[o] @ v) - 1) * u[o]
        grad_u = np.zeros_like(u)
        grad_u[o] = (_sigmoid(u[o] @ v) - 1) * v
        if mistake == "overwrite":
            s = _sigmoid(u[negatives] @ v)
            loss -= np.log(1 - s).sum()
            grad_v = grad_v + s @ u[negatives]
            grad_u[negatives] = np.outer(s, v)
            return loss, grad_v, grad_u
        for k in negatives:
            if k == o:  # a draw equal to o is skipped, as in word2vec
                continue
            s = u[k] @ v
            if mistake == "no noise":
                continue
            loss -= np.log(_sigmoid(s if mistake == "sign" else -s))
            if mistake != "no noise in grad_v":
                grad_v = grad_v + _sigmoid(s) * u[k]
            grad_u[k] += _sigmoid(s) * v
        if mistake == "stray row":  # a row that took no part in the loss
            grad_u[[w for w in range(len(u)) if w != o and w not in negatives][0]] += v
        return loss, grad_v, grad_u
    return fn


def test_neg_sampling_checker_passes_the_library_and_a_loop():
    assert exercises.diagnose_neg_sampling_loss_and_grad(
        w.neg_sampling_loss_and_grad).startswith(quiz.RIGHT)
    assert exercises.diagnose_neg_sampling_loss_and_grad(_neg()).startswith(quiz.RIGHT)


@pytest.mark.parametrize(("mistake", "message"), [
    ("no noise", "the noise term −Σ_k log σ(−u_k · v_c) is missing"),
    ("sign", "need σ(−u_k · v_c) (a minus sign)"),
    ("no noise in grad_v", "the noise words' term Σ_k σ(u_k · v_c) u_k is missing"),
    ("overwrite", "was drawn twice and must get both terms"),
    ("stray row", "should be zero"),
])
def test_neg_sampling_checker_names_the_mistake(mistake, message):
    msg = exercises.diagnose_neg_sampling_loss_and_grad(_neg(mistake))
    assert msg.startswith(quiz.WRONG) and message in msg, msg
