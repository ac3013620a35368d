"""quiz.grade, quiz.check and the quiz.ask widget."""

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
    _, row, feedback = box.children
    text, button = row.children
    text.value = "20"
    button.click()
    assert feedback.value.startswith(quiz.WRONG) and "3 on each side" in feedback.value
    text.value = str(w.count_pairs(6, 3))
    button.click()
    assert feedback.value == quiz.RIGHT
