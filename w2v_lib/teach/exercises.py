"""Questions and exercises whose answers are computed out of the learner's sight.

A question cell holds no answer, only a name (and, if the answer depends on the notebook's
own arrays, those arrays as keyword arguments):

    exercises.ask("02-q1")                          # a predict box (widget)
    your_answer = None
    exercises.check("01-1", your_answer)            # an exercise: prints right or wrong
    exercises.check("04-2", your_answer, center_vecs=center_vecs, outside_vecs=outside_vecs)

The questions of notebooks 00-05 are in ``questions.QUESTIONS``; a later notebook adds its
own with ``register``. The **Write it yourself** checkers (``check_softmax``,
``check_naive_softmax_loss_and_grad``, ``check_minibatch_update``,
``check_neg_sampling_loss_and_grad``) come from ``write_it`` and ``write_it_sgns``.

Importing this module in IPython also installs ``install_name_error_message``: a word typed
without quotes in an exercise cell (``your_answer = cat``) then gives a one-line message
instead of a NameError traceback.
"""

import linecache
import re

from . import quiz
from .questions import QUESTIONS, Question
from .write_it import (  # noqa: F401  (re-exported for the notebooks)
    NOT_YET,
    check_minibatch_update,
    check_naive_softmax_loss_and_grad,
    check_softmax,
    diagnose_minibatch_update,
    diagnose_naive_softmax_loss_and_grad,
    diagnose_softmax,
)
from .write_it_sgns import (  # noqa: F401
    check_neg_sampling_loss_and_grad,
    diagnose_neg_sampling_loss_and_grad,
)

UNQUOTED = ('{name} is not a name Python knows. To answer with a word, put it in quotes: '
            'your_answer = "{name}"')


def register(name, prompt, answer, hint="", choices=None):
    """Add a named question (for a later notebook's own module of questions).

    name    : str, "NN-k" for exercise k of notebook NN, "NN-qk" for its k-th predict box
    prompt  : str, the question as the widget shows it
    answer  : callable(**context) -> the answer (int, float, str, bool or set)
    hint    : str, shown after a wrong answer
    choices : callable() -> the words a word answer is one of (optional)
    """
    if name in QUESTIONS:
        raise ValueError(f"a question named {name!r} exists already")
    QUESTIONS[name] = Question(prompt, answer, hint, choices)


def _question(name):
    try:
        return QUESTIONS[name]
    except KeyError:
        raise KeyError(f"no question named {name!r}; known: {', '.join(sorted(QUESTIONS))}") \
            from None


def _answer(question, context):
    answer = question.answer(**context)
    choices = question.choices() if question.choices else None
    everything = set(choices) if choices and isinstance(answer, (set, frozenset)) else None
    return answer, choices, everything


def check(name, your_answer, **context):
    """Print whether ``your_answer`` answers question ``name`` (never the answer itself).

    context : the notebook's own arrays the answer is computed from (see the question)
    """
    question = _question(name)
    answer, choices, everything = _answer(question, context)
    quiz.check(your_answer, answer, question.hint, choices=choices, everything=everything,
               prompt=question.prompt)


def ask(name, **context):
    """The predict box (a quiz.ask widget) for question ``name``."""
    question = _question(name)
    answer, choices, everything = _answer(question, context)
    return quiz.ask(question.prompt, answer, question.hint, choices=choices,
                    everything=everything)


def unquoted_word_message(error, line):
    """The one-line message for a NameError raised by ``line``, or None if not an answer."""
    if not re.match(r"\s*your_answer\s*=", line or ""):
        return None
    name = getattr(error, "name", None)
    if name is None:
        found = re.search(r"name '(\w+)' is not defined", str(error))
        name = found.group(1) if found else "the word"
    return UNQUOTED.format(name=name)


def _failing_line(tb):
    while tb.tb_next is not None:
        tb = tb.tb_next
    return linecache.getline(tb.tb_frame.f_code.co_filename, tb.tb_lineno)


def _on_name_error(shell, etype, value, tb, tb_offset=None):
    message = unquoted_word_message(value, _failing_line(tb))
    if message is None:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
    else:
        shell._showtraceback(etype, value, [message])


def install_name_error_message(shell=None):
    """Make a NameError on a ``your_answer = ...`` line a one-line message (other
    NameErrors keep their traceback). shell: an IPython shell (default: the running one,
    if any). Returns True if installed."""
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None:
        return False
    shell.set_custom_exc((NameError,), _on_name_error)
    return True


install_name_error_message()
