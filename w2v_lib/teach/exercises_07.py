"""The named questions of notebook 07 (the step-through), added to ``exercises``.

Importing this module registers them; the notebook asks and checks them by name, passing
its own arrays, so no question or exercise cell holds an answer:

    from w2v_lib.teach import exercises, exercises_07
    exercises.ask("07-q1", step=step)
    your_answer = None
    exercises.check("07-2", your_answer, center_vecs=center_vecs, outside_vecs=outside_vecs,
                    pairs=pairs)

Every answer is computed here with w2v_lib (a ``Recording``, or a ``CBOWRecording`` for
CBOW, from the notebook's start).
"""

import numpy as np

from ..cbow_recording import CBOWRecording
from ..recording import Recording
from ..toy import TOY_SENTENCE
from . import exercises

_WORDS = ["the", "cat", "sits", "on", "mat"]  # the toy vocabulary, in id order (tested)


def _check_toy(pairs):
    if len(pairs) != 18:
        raise ValueError(f"the 07 questions are about the 18 pairs of {TOY_SENTENCE!r}, "
                         f"got {len(pairs)} pairs")


def loss_direction(step):
    """'down' if update ``step`` (a Recording's Step) lowered its own batch's loss, else 'up'."""
    return "down" if step.loss_after < step.loss else "up"


def changed_outside_words(step, words=_WORDS):
    """The words whose u (row of outside_vecs) update ``step`` changes, as a set.

    step : a Recording's Step;  words : the V words by id (default the toy vocabulary).
    """
    return {words[i] for i in step.changed_outside_rows()}


def first_epoch_below(center_vecs, outside_vecs, pairs, *, level=1.5, lr=0.5, batch_size=1,
                      max_epochs=200):
    """The first whole epoch after which J over all pairs is below ``level``.

    Parameters
    ----------
    center_vecs, outside_vecs : ndarray of shape (V, d)
        The start.
    pairs : ndarray of shape (N, 2)
        The pairs, in order.
    level : float, default 1.5
        The J to get below.
    lr, batch_size : float, int, default 0.5, 1
        The training settings.
    max_epochs : int, default 200
        Give up (ValueError) after this many epochs.
    """
    rec = Recording(center_vecs, outside_vecs, pairs, lr=lr, batch_size=batch_size)
    for epoch in range(1, max_epochs + 1):
        rec.step(rec.updates_per_epoch)
        if rec.loss < level:
            return epoch
    raise ValueError(f"J stayed at or above {level} for {max_epochs} epochs")


def farthest_moved_center(center_vecs, outside_vecs, pairs, *, updates=90, lr=0.5):
    """The word whose v ends farthest from its start after ``updates`` SGD updates.

    center_vecs, outside_vecs : (V, d) the start;  pairs : the toy text's 18 pairs (else
    ValueError);  updates : int, default 90;  lr : float, default 0.5 (B = 1).
    """
    _check_toy(pairs)
    rec = Recording(center_vecs, outside_vecs, pairs, lr=lr, batch_size=1)
    rec.step(updates)
    moved = np.linalg.norm(rec.center_vecs - np.asarray(center_vecs), axis=1)
    return _WORDS[int(np.argmax(moved))]


def full_batch_changed_centers(center_vecs, outside_vecs, pairs):
    """How many rows of center_vecs the single update of a full-batch epoch changes.

    center_vecs, outside_vecs : (V, d) the start;  pairs : (N, 2) ids (c, o).
    """
    rec = Recording(center_vecs, outside_vecs, pairs, lr=0.5, batch_size=len(pairs))
    return len(rec.step().changed_center_rows())


def batch4_changed_centers(center_vecs, outside_vecs, pairs):
    """How many rows of center_vecs update 1 changes at B = 4.

    center_vecs, outside_vecs : (V, d) the start;  pairs : (N, 2) ids (c, o).
    """
    rec = Recording(center_vecs, outside_vecs, pairs, lr=0.5, batch_size=4)
    return len(rec.step().changed_center_rows())


def cbow_changed_center_words(center_vecs, outside_vecs, examples, words=_WORDS):
    """The words whose v (row of center_vecs) CBOW's update 1 changes (B = 1), as a set.

    center_vecs, outside_vecs : (V, d) the start;  examples : the toy text's 6 CBOW examples
    (``cbow_examples``; else ValueError);  words : the V words by id.
    """
    if len(examples) != 6:
        raise ValueError(f"07-q4 is about the 6 CBOW examples of {TOY_SENTENCE!r}, "
                         f"got {len(examples)} examples")
    rec = CBOWRecording(center_vecs, outside_vecs, examples, lr=0.5, batch_size=1)
    return {words[i] for i in rec.step().changed_center_rows()}


QUESTIONS_07 = {
    "07-q1": ("After update 1, does −log P(cat | the) go up or down?", loss_direction,
              "the update moves θ against the gradient of this very loss, by a small step"),
    "07-q2": ("Which rows of outside_vecs (which words' u) does update 1 change?",
              changed_outside_words,
              "the gradient for u_w is (P(w | c) − [w = o]) v_c: when is that zero?"),
    "07-q3": ("At B = 4, how many rows of center_vecs does update 1 change?",
              batch4_changed_centers,
              "only the v of a word that is the center of a pair in the batch gets a gradient"),
    "07-q4": ("CBOW update 1 (the context cat, sits predicts the): whose rows of center_vecs "
              "change?", cbow_changed_center_words,
              "which v's does h = the mean of the context's v depend on?"),
    "07-1": ("With B = 18, how many rows of center_vecs does the one update of epoch 1 change?",
             full_batch_changed_centers,
             "a row of center_vecs changes when its word is the center of some pair"),
    "07-2": ("With lr = 0.5 and B = 1, after how many whole epochs is J first below 1.5?",
             first_epoch_below, "rec.step(18) takes one epoch; print rec.loss after each"),
    "07-3": ("Whose center vector ends farthest from its start after the 90 updates?",
             farthest_moved_center,
             "not the word with the most pairs: a v pulled toward many different contexts "
             "goes back and forth, one whose few contexts pull the same way keeps going. "
             "Compare np.linalg.norm(rec.center_vecs - center_vecs, axis=1) word by word"),
}

for _name, (_prompt, _answer, _hint) in QUESTIONS_07.items():
    if _name not in exercises.QUESTIONS:  # importing twice (a reload) registers once
        exercises.register(_name, _prompt, _answer, _hint,
                           choices=(lambda: _WORDS) if _name in ("07-q2", "07-q4") else None)
