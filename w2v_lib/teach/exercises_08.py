"""The named questions of notebook 08 (what the vectors know), added to ``exercises``.

Importing this module registers them; the notebook asks and checks them by name, passing
its own vectors, so no question cell holds an answer:

    from w2v_lib.teach import exercises, exercises_08
    exercises.ask("08-q1", wv=wv)
    exercises.check("08-1", your_answer, wv=wv)

The answers are computed here with w2v_lib, from the vectors the notebook trained.
"""

from ..analogies import evaluate_analogies
from ..corpus import gensim_test_file
from ..evaluate import evaluate_word_pairs
from . import exercises


def nearest(wv, word):
    """The nearest neighbour of ``word`` in WordVectors ``wv`` (by cosine), a str."""
    return wv.most_similar(word, topn=1)[0][0]


def rank_of(wv, a, b, c, expected):
    """The rank (1 = first) of ``expected`` among the answers to a : b :: c (3CosAdd)."""
    answers = [word for word, _ in wv.analogy(a, b, c, topn=len(wv))]
    return answers.index(expected) + 1


def section_accuracy(wv, section, method="add"):
    """Accuracy on one section of the Google analogies (restrict_vocab 30,000), a float."""
    right, covered = evaluate_analogies(wv, method=method).sections[section]
    return right / covered


def _mul_beats_add(wv):
    return bool(evaluate_analogies(wv, method="mul").accuracy
                > evaluate_analogies(wv, method="add").accuracy)


for _name, _prompt, _answer, _hint in [
    ("08-q1", 'The nearest neighbour of "france" in our vectors?',
     lambda wv: nearest(wv, "france"),
     "what kind of word appears in the same places in a text as France?"),
    ("08-q2", "At which rank (1 = first) does queen come among the answers to "
              "man : king :: woman?",
     lambda wv: rank_of(wv, "man", "king", "woman", "queen"),
     "it is the classic example for a reason"),
    ("08-1", 'The nearest neighbour of "doctor"?', lambda wv: nearest(wv, "doctor"),
     'wv.most_similar("doctor", topn=1)'),
    ("08-2", "The accuracy (3CosAdd) on the family section of the Google analogies?",
     lambda wv: section_accuracy(wv, "family"),
     "right / covered of w.evaluate_analogies(wv).sections['family']"),
    ("08-3", "Is 3CosMul's accuracy on the Google analogies higher than 3CosAdd's here?",
     _mul_beats_add, "compare the .accuracy of method='mul' and method='add'"),
    ("08-4", "With how many SimLex-999 pairs does the Lee model score?",
     lambda wv: evaluate_word_pairs(wv, gensim_test_file("simlex999.txt")).n_used,
     "the n_used of w.evaluate_word_pairs on the Lee vectors"),
]:
    exercises.register(_name, _prompt, _answer, _hint)
