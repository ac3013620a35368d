"""Predict-then-check: a learner's answer graded against one computed by w2v_lib.

``grade`` is the plain function (tested in tests/test_quiz.py); ``ask`` wraps it in a
small widget (text box, Check button, feedback line); ``check`` prints the verdict for
exercise cells. Answers are never shown, only whether the guess is right, and a hint.
Named questions whose answers are computed out of sight live in ``exercises``.

Accepted forms: ``30.0`` for 30, ``1/5`` or ``20%`` for 0.2, ``Cat`` for cat, ``yes``/``no``
for True/False, ``"the, cat"`` or ``["the", "cat"]`` for a set, and ``all`` for a set
answer that holds every word of ``everything``.
"""

import html

import ipywidgets as widgets
import numpy as np

RIGHT = "✓ Right."
WRONG = "✗ Not quite."
ASK_FIRST = "Type your prediction first, then check."
ALL_WORDS = ("all", "every word", "all of them", "everything", "every", "all words")

# Set to a list to collect a dict (prompt, answer, choices) for every question asked or
# checked: the browser test uses it to know which answers must not be on screen.
answer_log = None


def _is_int(x):
    return isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_))


def _number(text):
    """'30', '30.0', '1/5', '20%', '1e-3' -> float; ValueError if it is not a number."""
    text = text.strip().replace("−", "-").replace(" ", "")
    if text.endswith("%"):
        return _number(text[:-1]) / 100
    if "/" in text:
        top, _, bottom = text.partition("/")
        if not bottom or float(bottom) == 0:
            raise ValueError(f"not a fraction: {text!r}")
        return float(top) / float(bottom)
    return float(text)


def _word(x):
    return str(x).strip().strip("'\"").strip().lower()


def _parse(given, answer, everything=None):
    """Turn the learner's input into the answer's type; raise ValueError if impossible."""
    if isinstance(answer, (set, frozenset)):
        if isinstance(given, str):
            if everything is not None and _word(given) in ALL_WORDS:
                given = everything
            else:
                given = [s for s in given.replace(",", " ").split() if s]
        elif not isinstance(given, (set, frozenset, list, tuple, np.ndarray)):
            given = [given]
        if all(_is_int(a) for a in answer):
            values = {_number(g) if isinstance(g, str) else float(g) for g in given}
            if any(v != int(v) for v in values):
                raise ValueError("not whole numbers")
            return {int(v) for v in values}
        return {_word(g) for g in given}
    if isinstance(answer, (bool, np.bool_)):
        low = _word(given)
        if low in ("yes", "true", "y"):
            return True
        if low in ("no", "false", "n"):
            return False
        raise ValueError(f"answer yes or no, not {given!r}")
    if _is_int(answer) or isinstance(answer, (float, np.floating)):
        if isinstance(given, (bool, np.bool_)):
            raise ValueError("a yes/no is not a number")
        if isinstance(given, str):
            return _number(given)
        return float(given)
    return _word(given)


def grade(given, answer, hint="", *, tol=1e-2, everything=None):
    """The verdict on ``given``: a line starting with RIGHT or WRONG (or asking for input).

    given      : the learner's answer (a value, or the text typed in a box)
    answer     : the right answer, computed by w2v_lib (int, float, str, bool or set)
    hint       : shown after a wrong answer (never the answer itself)
    tol        : for float answers, accepted relative/absolute difference (default 1e-2)
    everything : for a set answer, the set that "all" stands for (e.g. every vocabulary word)
    """
    if given is None or (isinstance(given, str) and not given.strip()):
        return ASK_FIRST
    try:
        value = _parse(given, answer, everything)
    except (ValueError, TypeError, ArithmeticError):
        return f"{WRONG} Could not read {given!r} as {_kind(answer)}."
    if isinstance(answer, (float, np.floating)):
        ok = bool(np.isclose(value, float(answer), rtol=tol, atol=tol))
    elif _is_int(answer):
        ok = value == int(answer)
    elif isinstance(answer, (set, frozenset)):
        expect = {int(a) for a in answer} if all(_is_int(a) for a in answer) \
            else {_word(a) for a in answer}
        ok = value == expect
    elif isinstance(answer, (bool, np.bool_)):
        ok = value == bool(answer)
    else:
        ok = value == _word(answer)
    return RIGHT if ok else f"{WRONG} Hint: {hint}" if hint else WRONG


def _kind(answer):
    if isinstance(answer, (set, frozenset)):
        return "a list of items separated by commas"
    if isinstance(answer, (bool, np.bool_)):
        return "yes or no"
    if _is_int(answer):
        return "a whole number"
    if isinstance(answer, (float, np.floating)):
        return "a number"
    return "a word"


def _log(prompt, answer, choices):
    if answer_log is not None:
        answer_log.append({"prompt": prompt, "answer": answer, "choices": choices})


def check(given, answer, hint="", *, choices=None, everything=None, prompt=None):
    """For exercise cells: print the verdict on ``given`` (the answer is never printed).

    choices : optional, the words the answer is one of (for the browser test's log)
    """
    _log(prompt, answer, choices)
    print(grade(given, answer, hint, everything=everything))


def ask(prompt, answer, hint="", *, choices=None, everything=None):
    """A question widget: type a prediction, press Check, read the verdict.

    An ``explorer.Explorer`` (kind "quiz"): its ``.children`` are (prompt HTML,
    HBox(Text box, Check button), feedback HTML, message line); attributes quiz_input,
    quiz_check, quiz_feedback, message.
    """
    from .explorer import Explorer

    _log(prompt, answer, choices)
    checked = {"yet": False}

    def render(quiz_input):
        if not checked["yet"]:
            return {"quiz_feedback": ""}
        return {"quiz_feedback": html.escape(grade(quiz_input, answer, hint,
                                                   everything=everything))}

    controls = {"quiz_input": widgets.Text(placeholder="your prediction",
                                           layout=widgets.Layout(width="16em")),
                "quiz_check": widgets.Button(description="Check", button_style="primary")}
    out = Explorer("quiz", controls, {"quiz_feedback": widgets.HTML("")}, render, live=[],
                   rows=[widgets.HTML(f"<b>Predict:</b> {prompt}"), ["quiz_input", "quiz_check"],
                         "quiz_feedback", "message"])
    out.on_click("quiz_check", lambda: checked.update(yet=True))
    return out
