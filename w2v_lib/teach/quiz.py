"""Predict-then-check: a learner's answer graded against one computed by w2v_lib.

``grade`` is the plain function (tested in tests/test_quiz.py); ``ask`` wraps it in a
small widget (text box, Check button, feedback line); ``check`` prints the verdict for
exercise cells. Answers are never shown, only whether the guess is right, and a hint.
"""

import html

import ipywidgets as widgets
import numpy as np

RIGHT = "✓ Right."
WRONG = "✗ Not quite."


def _parse(given, answer):
    """Turn the learner's input into the answer's type; raise ValueError if impossible."""
    if isinstance(given, str):
        text = given.strip()
        if isinstance(answer, (set, frozenset)):
            items = [s for s in text.replace(",", " ").split() if s]
            kinds = {type(a) for a in answer}
            if kinds <= {int, np.int64}:
                return {int(s) for s in items}
            return set(items)
        if isinstance(answer, (bool, np.bool_)):
            low = text.lower()
            if low in ("yes", "true", "y"):
                return True
            if low in ("no", "false", "n"):
                return False
            raise ValueError(f"answer yes or no, not {text!r}")
        if isinstance(answer, (int, np.integer)):
            return int(text)
        if isinstance(answer, (float, np.floating)):
            return float(text)
        return text.lower()
    if isinstance(answer, (set, frozenset)):
        return set(given)
    return given


def grade(given, answer, hint="", *, tol=1e-2):
    """The verdict on ``given``: a line starting with RIGHT or WRONG (or asking for input).

    given  : the learner's answer (a value, or the text typed in a box)
    answer : the right answer, computed by w2v_lib (int, float, str, bool or set)
    tol    : for float answers, accepted relative/absolute difference
    """
    if given is None or (isinstance(given, str) and not given.strip()):
        return "Type your prediction first, then check."
    try:
        value = _parse(given, answer)
    except ValueError:
        return f"{WRONG} Could not read {str(given)!r} as {_kind(answer)}."
    if isinstance(answer, (float, np.floating)) and not isinstance(answer, bool):
        ok = isinstance(value, (int, float, np.number)) and bool(
            np.isclose(float(value), float(answer), rtol=tol, atol=tol)
        )
    else:
        ok = value == answer
    return RIGHT if ok else f"{WRONG} Hint: {hint}" if hint else WRONG


def _kind(answer):
    if isinstance(answer, (set, frozenset)):
        return "a list of items separated by commas"
    if isinstance(answer, (bool, np.bool_)):
        return "yes or no"
    if isinstance(answer, (int, np.integer)):
        return "a whole number"
    if isinstance(answer, (float, np.floating)):
        return "a number"
    return "a word"


def check(given, answer, hint=""):
    """For exercise cells: print the verdict on ``given`` (the answer is never printed)."""
    print(grade(given, answer, hint))


def ask(prompt, answer, hint=""):
    """A question widget: type a prediction, press Check, read the verdict.

    Returns a VBox; its ``.children`` are (prompt HTML, Text box, Check button, feedback HTML).
    """
    box = widgets.Text(placeholder="your prediction", layout=widgets.Layout(width="16em"))
    button = widgets.Button(description="Check", button_style="primary")
    feedback = widgets.HTML("")
    box.add_class("w2v-quiz-input")
    button.add_class("w2v-quiz-check")
    feedback.add_class("w2v-quiz-feedback")

    def on_check(_=None):
        feedback.value = html.escape(grade(box.value, answer, hint))

    button.on_click(on_check)
    out = widgets.VBox([widgets.HTML(f"<b>Predict:</b> {prompt}"), widgets.HBox([box, button]),
                        feedback])
    out.add_class("w2v-quiz")
    return out
