"""Trained word vectors: look up, compare, find neighbours and analogies, save and load.

The text format of word2vec (``save_word2vec_format``) is what gensim, word2vec.c and most
tools read: a header line "V d", then one line per word, "word x_1 ... x_d".
"""

from pathlib import Path

import numpy as np

from .analogies import _check_method, _scores
from .checks import check_int


class WordVectors:
    """V words and their vectors.

    Parameters
    ----------
    words : iterable of str, length V
        The words in id order (the trainers: most frequent first); distinct, non-empty and
        without whitespace (else ValueError). Kept as the list ``.words``, with ``.index``
        the dict word -> row.
    vectors : array-like of float, shape (V, d)
        Row i is the vector of words[i]. Kept as ``.vectors``, a read-only float32 copy:
        assign a new (V, d) array to ``.vectors`` to change them, so cosines are never stale.
    counts : array-like of int, shape (V,), or None, default None
        Training counts of the words, kept as ``.counts``.
    outside_vectors : array-like of float, shape (V, d), or None, default None
        The context vectors u_w of the same words, kept as ``.outside_vectors`` (float32);
        another shape than ``vectors``: ValueError.

    The trainers also set ``.epoch_losses`` (a list of floats, empty here) and
    ``.train_seconds`` (None here).

    A word is looked up by its exact spelling first, then in lower case (``tokenize``
    lowercases), so ``wv["Paris"]`` and ``"Paris" in wv`` find "paris".
    """

    def __init__(self, words, vectors, *, counts=None, outside_vectors=None):
        vectors = np.array(vectors, dtype=np.float32)
        words = list(words)
        if vectors.ndim != 2 or len(words) != len(vectors):
            raise ValueError(
                f"need V words and (V, d) vectors, got {len(words)} and {vectors.shape}"
            )
        for word in words:
            if not isinstance(word, str) or not word or any(ch.isspace() for ch in word):
                raise ValueError(f"a word must be a non-empty str without spaces, got {word!r}")
        self.words, self.vectors = words, vectors
        self.index = {word: i for i, word in enumerate(words)}
        if len(self.index) != len(words):
            raise ValueError("words must be distinct")
        self.counts = None if counts is None else np.asarray(counts)
        if outside_vectors is not None:
            outside_vectors = np.array(outside_vectors, dtype=np.float32)
            if outside_vectors.shape != vectors.shape:
                raise ValueError(f"outside_vectors must be (V, d) = {vectors.shape} like the "
                                 f"vectors, got {outside_vectors.shape}")
        self.outside_vectors = outside_vectors
        self.epoch_losses, self.train_seconds = [], None

    @property
    def vectors(self):
        """(V, d) float32, read-only; assigning a new (V, d) array replaces it."""
        return self._vectors

    @vectors.setter
    def vectors(self, new):
        new = np.array(new, dtype=np.float32)
        if hasattr(self, "_vectors") and new.shape != self._vectors.shape:
            raise ValueError(f"vectors must stay {self._vectors.shape}, got {new.shape}")
        new.flags.writeable = False  # in-place edits would leave unit_vectors stale
        self._vectors, self._unit = new, None

    def __len__(self):
        return len(self.words)

    def __contains__(self, word):
        return self._find(word) is not None

    def _find(self, word):
        """The row of word (exact spelling, else lower case), or None."""
        if not isinstance(word, str):
            return None
        i = self.index.get(word)
        return self.index.get(word.lower()) if i is None else i

    def __repr__(self):
        return f"WordVectors(V={len(self)}, d={self.vectors.shape[1]})"

    def id(self, word):
        """The row of ``word`` (any case); KeyError naming it if it is not in the vocabulary."""
        i = self._find(word)
        if i is None:
            raise KeyError(f"word {word!r} is not in the vocabulary")
        return i

    def __getitem__(self, word):
        """The (d,) vector of ``word``."""
        return self.vectors[self.id(word)]

    @property
    def unit_vectors(self):
        """(V, d) float32 rows scaled to length 1 (a zero row stays zero)."""
        if self._unit is None:
            norms = np.linalg.norm(self.vectors, axis=1, keepdims=True)
            self._unit = self.vectors / np.where(norms > 0, norms, 1)
            self._unit.flags.writeable = False
        return self._unit

    def similarity(self, a, b):
        """Cosine similarity of words a and b, a float in [-1, 1]."""
        unit = self.unit_vectors
        return float(unit[self.id(a)] @ unit[self.id(b)])

    def _nearest(self, query, exclude, topn):
        """The topn words by cosine with ``query`` (d,), skipping the ids in ``exclude``."""
        norm = np.linalg.norm(query)
        return self._best(self.unit_vectors @ (query / norm if norm > 0 else query), exclude,
                          topn)

    def _best(self, scores, exclude, topn):
        """The topn words by ``scores`` (V,), changed in place, skipping the ids in ``exclude``."""
        check_int("topn", topn)
        scores[list(exclude)] = -np.inf
        best = np.argsort(-scores, kind="stable")[: min(topn, len(self) - len(exclude))]
        return [(self.words[i], float(scores[i])) for i in best]

    def most_similar(self, word, topn=10):
        """The ``topn`` words nearest to ``word`` by cosine: list of (word, cosine), best first."""
        i = self.id(word)
        return self._nearest(self.unit_vectors[i], {i}, topn)

    def analogy(self, a, b, c, topn=1, method="add"):
        """a is to b as c is to ?: the best words x by 3CosAdd or 3CosMul, a, b, c excluded.

        analogy("man", "king", "woman") -> queen? Over unit vectors, with cos = cosine:

        - "add" (3CosAdd, Mikolov et al. 2013): the words nearest to b - a + c, as gensim's
          ``most_similar(positive=[b, c], negative=[a])``;
        - "mul" (3CosMul, Levy & Goldberg 2014): argmax_x cos'(x, b) cos'(x, c) /
          (cos'(x, a) + 0.001), cos' = (cos + 1) / 2, the rule of
          ``evaluate_analogies(wv, method="mul")``.

        Parameters
        ----------
        a, b, c : str
            The question's words, any case (KeyError naming a word not in the vocabulary).
        topn : int >= 1, default 1
            How many answers (at most V - 3).
        method : "add" or "mul", default "add"
            The rule; anything else: ValueError naming it.

        Returns
        -------
        list of (str, float), length min(topn, V - 3)
            (word, score) pairs, best first. The score is the cosine of x with b - a + c for
            "add" (in [-1, 1]) and the 3CosMul objective for "mul" (from 0 to 1 / 0.001 = 1000).
        """
        _check_method(method)
        ids = [self.id(a), self.id(b), self.id(c)]
        unit = self.unit_vectors
        if method == "add":
            return self._nearest(unit[ids[1]] - unit[ids[0]] + unit[ids[2]], set(ids), topn)
        cos_a, cos_b, cos_c = unit[ids] @ unit.T  # (3, V): a, b, c with every word
        return self._best(_scores(cos_a, cos_b, cos_c, "mul"), set(ids), topn)

    def save_word2vec_format(self, path):
        """Write the word2vec text format to ``path``; returns the Path.

        Nine significant digits store a float32 exactly, so loading gives the same vectors.
        """
        path = Path(path)
        row_format = " ".join(["%.9g"] * self.vectors.shape[1])
        with open(path, "w", encoding="utf-8") as out:
            out.write(f"{len(self)} {self.vectors.shape[1]}\n")
            for word, row in zip(self.words, self.vectors.tolist(), strict=True):
                out.write(word + " " + row_format % tuple(row) + "\n")
        return path

    @classmethod
    def load_word2vec_format(cls, path):
        """Read the word2vec text format (as written by save_word2vec_format or gensim)."""
        with open(path, encoding="utf-8") as lines:
            header = lines.readline().split()
            if len(header) != 2 or not all(h.isdigit() for h in header):
                raise ValueError(f"{path}: the first line must be 'V d', got {' '.join(header)!r}")
            vocab_size, dim = int(header[0]), int(header[1])
            words, vectors = [], np.empty((vocab_size, dim), np.float32)
            for k, line in enumerate(lines):
                parts = line.rstrip("\n").rstrip(" ").split(" ")
                if k >= vocab_size or len(parts) != dim + 1:
                    raise ValueError(f"{path}: line {k + 2} is not 'word' and {dim} numbers "
                                     f"(header says {vocab_size} words)")
                words.append(parts[0])
                vectors[k] = np.array(parts[1:], dtype=np.float32)
        if len(words) != vocab_size:
            raise ValueError(f"{path}: header says {vocab_size} words, found {len(words)}")
        return cls(words, vectors)

    def save_projector_tsv(self, folder):
        """vectors.tsv and metadata.tsv for projector.tensorflow.org; returns both Paths.

        vectors.tsv: one row of d tab-separated numbers per word;  metadata.tsv: the words,
        one per line (a single column has no header, as the Projector expects).
        """
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        vec_path, meta_path = folder / "vectors.tsv", folder / "metadata.tsv"
        np.savetxt(vec_path, self.vectors, fmt="%.9g", delimiter="\t")
        meta_path.write_text("".join(word + "\n" for word in self.words), encoding="utf-8")
        return vec_path, meta_path
