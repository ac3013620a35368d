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
_BATCH = 256  # questions answered by one matrix product


@dataclass
class AnalogyScore:
    """What evaluate_analogies returns.

    accuracy : correct / covered (nan if no question is covered)
    correct  : questions answered right;  covered : questions whose four words are all among
    the ``restrict_vocab`` most frequent;  total : questions in the file
    sections : dict section name -> (correct, covered), in file order
    method   : "add" or "mul";  restrict_vocab : the number of words searched
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


def _answers(unit, a, b, c, spellings, method):
    """The row answering each question: (q,) int, from (q,) rows a, b, c of ``unit`` (R, d).

    spellings : dict row -> the other rows spelling the same word in another case; like
    a, b and c themselves, they are never the answer.
    """
    q = len(a)
    if method == "add":
        scores = (unit[b] - unit[a] + unit[c]) @ unit.T  # (q, R): cos(x, b - a + c) * |.|
    else:
        cos = unit[np.concatenate([a, b, c])] @ unit.T  # (3q, R): cos(x, a), (x, b), (x, c)
        cos += 1
        cos *= 0.5  # cos' = (cos + 1) / 2, in [0, 1]
        scores = cos[q:2 * q] * cos[2 * q:]
        scores /= cos[:q] + EPS
    rows = np.arange(q)
    for inputs in (a, b, c):
        scores[rows, inputs] = -np.inf
        for k, row in enumerate(inputs.tolist()):
            scores[k, spellings.get(row, [])] = -np.inf
    return np.argmax(scores, axis=1)


def evaluate_analogies(wv, path=None, restrict_vocab=30000, method="add"):
    """Accuracy of wv on analogy questions: the answer must be the best word exactly.

    wv : WordVectors (rows in frequency order, most frequent first)
    path : analogy file; default gensim's questions-words.txt (19,544 questions)
    restrict_vocab : int >= 1, default 30,000: only the first ``restrict_vocab`` words are
        searched, and a question with a word outside them is not covered (as gensim does)
    method : "add" (3CosAdd, default) or "mul" (3CosMul)
    Words match ignoring case; the first (most frequent) spelling wins. With "add" the
    result equals gensim's ``KeyedVectors.evaluate_word_analogies(path, restrict_vocab)``.
    Returns AnalogyScore.
    """
    check_int("restrict_vocab", restrict_vocab)
    if method not in METHODS:
        raise ValueError(f"method must be 'add' (3CosAdd) or 'mul' (3CosMul), got {method!r}")
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
    for start in range(0, len(covered), _BATCH):
        batch = covered[start:start + _BATCH]
        a, b, c, expected = np.array([rows[k] for k in batch]).T
        right = fold[_answers(unit, a, b, c, spellings, method)] == expected
        for k, ok in zip(batch, right.tolist(), strict=True):
            sections[questions[k][0]][0] += ok
            sections[questions[k][0]][1] += 1
    correct = sum(right for right, _ in sections.values())
    accuracy = correct / len(covered) if covered else float("nan")
    return AnalogyScore(accuracy, correct, len(covered), len(questions),
                        {name: tuple(counts) for name, counts in sections.items()},
                        method, restrict_vocab)
