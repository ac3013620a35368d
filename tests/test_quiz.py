"""quiz.grade, quiz.check and the quiz.ask widget."""

import numpy as np
import pytest

import w2v_lib as w
from w2v_lib.teach import quiz


def test_grade_numbers():
    answer = w.count_pairs(6, 3)
    assert quiz.grade(str(answer), answer).startswith(quiz.RIGHT)
    assert quiz.grade(" 23 ", answer, hint="count both sides").startswith(quiz.WRONG)
    assert "count both sides" in quiz.grade("23", answer, hint="count both sides")
    assert quiz.grade(answer, answer) == quiz.RIGHT


def test_grade_never_reveals_the_answer():
    answer = w.count_pairs(6, 3)
    assert str(answer) not in quiz.grade("7", answer, hint="m = 3 words on each side")


def test_grade_floats_with_tolerance():
    assert quiz.grade("1.609", 1.6094379) == quiz.RIGHT
    assert quiz.grade("1.5", 1.6094379).startswith(quiz.WRONG)


def test_grade_sets_and_words_and_yes_no():
    assert quiz.grade("3, 1", {1, 3}) == quiz.RIGHT
    assert quiz.grade("1 3 4", {1, 3}).startswith(quiz.WRONG)
    assert quiz.grade("Cat", "cat") == quiz.RIGHT
    assert quiz.grade("yes", True) == quiz.RIGHT
    assert quiz.grade("no", True).startswith(quiz.WRONG)


@pytest.mark.parametrize("given", [None, "", "   "])
def test_grade_asks_for_input(given):
    assert quiz.grade(given, 5) == "Type your prediction first, then check."


def test_grade_unreadable_input_is_a_message():
    msg = quiz.grade("eighteen", 18)
    assert msg.startswith(quiz.WRONG) and "eighteen" in msg and "whole number" in msg


def test_check_prints_the_verdict(capsys):
    quiz.check(None, 5)
    quiz.check(5, 5)
    assert capsys.readouterr().out.splitlines() == [
        "Type your prediction first, then check.", quiz.RIGHT,
    ]


def test_ask_widget_gives_feedback_on_click():
    box = quiz.ask("How many pairs for m = 3?", w.count_pairs(6, 3), hint="3 on each side")
    _, row, feedback = box.children[:3]
    text, button = row.children
    text.value = "20"
    button.click()
    assert feedback.value.startswith(quiz.WRONG) and "3 on each side" in feedback.value
    text.value = str(w.count_pairs(6, 3))
    button.click()
    assert feedback.value == quiz.RIGHT


# --- equivalent forms of the same answer -------------------------------------------------


@pytest.mark.parametrize("given", ["30", "30.0", " 30 ", 30, 30.0, "3e1"])
def test_a_whole_number_in_any_spelling(given):
    assert quiz.grade(given, 30) == quiz.RIGHT


def test_a_whole_number_is_not_a_nearby_float():
    assert quiz.grade("30.5", 30).startswith(quiz.WRONG)


@pytest.mark.parametrize("given", ["0.2", "1/5", "2/10", "20%", ".2", 0.2, "0.20"])
def test_a_fraction_in_any_spelling(given):
    assert quiz.grade(given, 1 / 5) == quiz.RIGHT


def test_a_fraction_over_zero_is_unreadable():
    assert "Could not read '1/0' as a number" in quiz.grade("1/0", 0.2)


@pytest.mark.parametrize("given", ["Cat", "CAT", " cat ", '"cat"', "'cat'"])
def test_a_word_in_any_case_or_quoted(given):
    assert quiz.grade(given, "cat") == quiz.RIGHT


@pytest.mark.parametrize("given", ["all", "All", "every word", "the, cat, sits, on, mat",
                                   ["Mat", "on", "sits", "cat", "the"]])
def test_all_for_a_set_of_every_word(given):
    words = {"the", "cat", "sits", "on", "mat"}
    assert quiz.grade(given, set(words), everything=words) == quiz.RIGHT


def test_all_without_a_universe_is_just_a_word():
    assert quiz.grade("all", {"the", "cat"}).startswith(quiz.WRONG)


def test_a_set_of_numpy_int32_is_read_as_ints():
    answer = {np.int32(6), np.int32(7), np.int32(8)}
    assert quiz.grade("8, 7, 6", answer) == quiz.RIGHT
    assert quiz.grade([6, 7, 8], answer) == quiz.RIGHT
    assert quiz.grade("6 7", answer).startswith(quiz.WRONG)
    assert "whole" not in quiz.grade("6.5, 7", answer) and quiz.WRONG in quiz.grade("6.5", answer)


def test_a_set_of_words_is_read_as_words():
    assert quiz.grade("The cat", {"the", "cat"}) == quiz.RIGHT
    assert quiz.grade({"cat", "the"}, {"the", "cat"}) == quiz.RIGHT
    assert quiz.grade("the", {"the", "cat"}).startswith(quiz.WRONG)


@pytest.mark.parametrize(("given", "answer"), [("Yes", True), ("y", True), ("TRUE", True),
                                               (True, True), ("No", False), (False, False)])
def test_yes_and_no(given, answer):
    assert quiz.grade(given, answer) == quiz.RIGHT


@pytest.mark.parametrize(("given", "answer", "kind"), [
    ("maybe", True, "yes or no"), ("eighteen", 18, "a whole number"),
    ("about 2", 2.3, "a number"), (True, 18, "a whole number"),
])
def test_unreadable_answers_name_what_was_expected(given, answer, kind):
    msg = quiz.grade(given, answer)
    assert msg == f"{quiz.WRONG} Could not read {given!r} as {kind}."


def test_the_hint_comes_after_a_wrong_answer_only():
    assert quiz.grade("7", 30, hint="2 · d · V") == f"{quiz.WRONG} Hint: 2 · d · V"
    assert quiz.grade("7", 30) == quiz.WRONG


def test_the_answer_log_records_every_question(capsys):
    quiz.answer_log = []
    try:
        quiz.check(None, 5, choices=None, prompt="five?")
        quiz.ask("word?", "cat", choices=["cat", "dog"])
    finally:
        log, quiz.answer_log = quiz.answer_log, None
    assert log == [{"prompt": "five?", "answer": 5, "choices": None},
                   {"prompt": "word?", "answer": "cat", "choices": ["cat", "dog"]}]
    quiz.check(5, 5)  # with the log off nothing is recorded and nothing fails
    assert capsys.readouterr().out.splitlines()[-1] == quiz.RIGHT
