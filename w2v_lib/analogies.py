"""Analogies by vector arithmetic: a is to b as c is to ?, scored on the Google analogy set.

gensim's ``questions-words.txt`` holds 19,544 questions ("Athens Greece Baghdad Iraq":
Athens is to Greece as Baghdad is to ?, answer Iraq) in 14 sections, each headed
": section-name". Two ways to answer, over unit vectors (cos = cosine similarity):

- 3CosAdd (Mikolov et al. 2013): argmax_x cos(x, b - a + c)
- 3CosMul (Levy & Goldberg 2014): argmax_x cos'(x, b) cos'(x, c) / (cos'(x, a) + eps),
  cos' = (cos + 1) / 2 (a cosine moved into [0, 1]), eps = 0.001

The answer is never a, b or c (nor another spelling of them: words match ignoring case).
"""

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .checks import check_int

METHODS = ("add", "mul")
EPS = 0.001  # 3CosMul's guard against dividing by zero (Levy & Goldberg 2014)
_BATCH = 32  # questions scored at a time: (32, R) arrays stay in the cache


@dataclass
class AnalogyScore:
    """What evaluate_analogies returns.

    Attributes
    ----------
    accuracy : float in [0, 1]
        correct / covered (nan if no question is covered).
    correct : int >= 0
        Questions answered right.
    covered : int >= 0
        Questions whose four words are all among the ``restrict_vocab`` most frequent.
    total : int >= 0
        Questions in the file.
    sections : dict of str -> (int, int)
        Section name -> (correct, covered), in file order.
    method : "add" or "mul", default "add"
        The rule used: 3CosAdd or 3CosMul.
    restrict_vocab : int >= 1, default 30000
        The number of words searched.
    """

    accuracy: float
    correct: int
    covered: int
    total: int
    sections: dict = field(repr=False)
    method: str = "add"
    restrict_vocab: int = 30000

    @property
    def coverage(self):
        """covered / total, in [0, 1]."""
        return self.covered / self.total if self.total else 0.0


def read_analogies(path):
    """The questions of an analogy file: list of (section, a, b, c, expected) str tuples.

    Lines starting with ": " open a section; a line that is not four words is skipped (as
    gensim does). ValueError naming the line if a question comes before any section.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no analogy file at {str(path)!r}")
    questions, section = [], None
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.startswith(": "):
                section = line[2:].strip()
                continue
            words = line.split()
            if len(words) != 4:
                continue
            if section is None:
                raise ValueError(f"{path.name} line {number}: a question before any ': section'")
            questions.append((section, *words))
    return questions


def _check_method(method):
    """ValueError naming ``method`` unless it is one of METHODS ("add", "mul")."""
    if method not in METHODS:
        raise ValueError(f"method must be 'add' (3CosAdd) or 'mul' (3CosMul), got {method!r}")


def _scores(cos_a, cos_b, cos_c, method):
    """The objective of every candidate x, (q, R) or (R,) like the cosines given.

    cos_a, cos_b, cos_c : cosines of every candidate x with a, b, c (unit vectors), fresh
    copies: changed in place (the result is cos_b's array). "add": cos(x, b) - cos(x, a) +
    cos(x, c), which is x . (b - a + c) for unit x; "mul": the 3CosMul objective
    cos'(x, b) cos'(x, c) / (cos'(x, a) + EPS). Exclusions are the caller's.
    """
    if method == "add":
        out = cos_b
        out -= cos_a
        out += cos_c
        return out
    # cos'(x,b) cos'(x,c) / (cos'(x,a) + eps) = (1+cos_b)(1+cos_c) / (1+cos_a+2 eps) / 2,
    # computed in place
    out = cos_b
    out += 1
    cos_c += 1
    out *= cos_c
    cos_a += 1 + 2 * EPS
    out /= cos_a
    out *= 0.5
    return out


def _answers(cos_a, cos_b, cos_c, inputs, spellings, method):
    """The row answering each of q questions: (q,) int.

    cos_a, cos_b, cos_c : (q, R) cosines of every candidate x with the question's a, b, c
    (fresh copies: changed in place);  inputs : (3, q) rows of a, b, c
    spellings : dict row -> the other rows spelling the same word in another case; like
    a, b and c themselves, they are never the answer.
    """
    best = _scores(cos_a, cos_b, cos_c, method)
    questions = np.arange(len(best))
    for rows in inputs:
        best[questions, rows] = -np.inf
        for k, row in enumerate(rows.tolist()):
            best[k, spellings.get(row, [])] = -np.inf
    return np.argmax(best, axis=1)


def evaluate_analogies(wv, path=None, restrict_vocab=30000, method="add"):
    """Accuracy of wv on analogy questions: the answer must be the best word exactly.

    Words match ignoring case; the first (most frequent) spelling wins. With "add" the
    result equals gensim's ``KeyedVectors.evaluate_word_analogies(path, restrict_vocab)``.
    The cosines of the words asked with every candidate are computed once: memory
    (distinct a, b, c words) x restrict_vocab floats, about 110 MB for the Google set.

    Parameters
    ----------
    wv : WordVectors
        The vectors, rows in frequency order (most frequent first).
    path : str or Path, or None, default None
        An analogy file (": section" lines, then "a b c expected" lines); None: gensim's
        questions-words.txt (19,544 questions). No such file: FileNotFoundError.
    restrict_vocab : int >= 1, default 30000
        Only the first ``restrict_vocab`` words are searched, and a question with a word
        outside them is not covered (as gensim does).
    method : "add" or "mul", default "add"
        "add": 3CosAdd; "mul": 3CosMul (anything else: ValueError).

    Returns
    -------
    AnalogyScore
        Accuracy, counts and per-section results.
    """
    check_int("restrict_vocab", restrict_vocab)
    _check_method(method)
    if path is None:
        from .corpus import gensim_test_file

        path = gensim_test_file("questions-words.txt")
    questions = read_analogies(path)
    words = wv.words[:restrict_vocab]
    first = {}
    for i, word in enumerate(words):
        first.setdefault(word.upper(), i)
    fold = np.array([first[word.upper()] for word in words])  # (R,) row of first spelling
    spellings = {}
    for i, canonical in enumerate(fold.tolist()):
        if i != canonical:
            spellings.setdefault(canonical, []).append(i)
    sections = {section: [0, 0] for section, *_ in questions}
    rows = [[first.get(word.upper(), -1) for word in q[1:]] for q in questions]
    covered = [k for k, row in enumerate(rows) if min(row) >= 0]
    unit = wv.unit_vectors[:len(words)]
    asked = np.unique([rows[k][:3] for k in covered]).astype(int)  # the a, b, c words
    cos = unit[asked] @ unit.T  # (words asked, R): each question word with every candidate
    for start in range(0, len(covered), _BATCH):
        batch = covered[start:start + _BATCH]
        quads = np.array([rows[k] for k in batch]).T  # (4, q): rows of a, b, c, expected
        cos_a, cos_b, cos_c = (cos[np.searchsorted(asked, x)] for x in quads[:3])
        answers = _answers(cos_a, cos_b, cos_c, quads[:3], spellings, method)
        right = fold[answers] == quads[3]
        for k, ok in zip(batch, right.tolist(), strict=True):
            sections[questions[k][0]][0] += ok
            sections[questions[k][0]][1] += 1
    correct = sum(right for right, _ in sections.values())
    accuracy = correct / len(covered) if covered else float("nan")
    return AnalogyScore(accuracy, correct, len(covered), len(questions),
                        {name: tuple(counts) for name, counts in sections.items()},
                        method, restrict_vocab)
