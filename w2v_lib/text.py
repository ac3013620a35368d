"""Text to ids: tokenize a string, build a vocabulary, encode and decode.

Data flow: text -> tokens (list of str) -> ids (int array of shape (T,)).
"""

import re
import unicodedata
from collections import Counter

import numpy as np

from .checks import check_int


def _mark_class():
    """A regex character class of every combining mark (Unicode category M).

    Marks live below U+20000 except the variation selectors U+E0100..U+E01EF.
    """
    codes = [c for c in range(0x20000) if unicodedata.category(chr(c))[0] == "M"]
    ranges, start = [], codes[0]
    for prev, code in zip(codes, codes[1:] + [None], strict=True):
        if code is None or code != prev + 1:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
            start = code
    return "".join(ranges) + "\U000E0100-\U000E01EF"


# A word: letters or digits in any script (Korean included), with the combining
# marks some scripts need (Hindi vowel signs); "_" and punctuation separate words.
_WORD = re.compile(rf"[^\W_](?:[^\W_]|[{_mark_class()}])*")


def tokenize(text):
    """Lowercase words of letters/digits in any script; punctuation dropped.

    Parameters
    ----------
    text : str
        Any text; it is NFC-normalized and lowercased, then split into runs of letters,
        digits and combining marks ("_" and punctuation separate words). Not a str:
        TypeError.

    Returns
    -------
    list of str
        The T tokens in text order (empty for "").

    >>> tokenize("The cat sits on the mat.")
    ['the', 'cat', 'sits', 'on', 'the', 'mat']
    """
    if not isinstance(text, str):
        raise TypeError(f"tokenize expects a str, got {type(text).__name__}: {text!r:.60}")
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


class Vocab:
    """A vocabulary: word <-> id.

    Usually made by build_vocab, which orders the words by count.

    Parameters
    ----------
    words : iterable of str, length V
        The words in id order (build_vocab: count descending, ties by first appearance);
        kept as the list ``.words``, with ``.index`` the dict word -> id.
    counts : array-like of int, shape (V,)
        counts[i] = occurrences of words[i]; kept as ``.counts``, an int64 array.
    """

    def __init__(self, words, counts):
        self.words = list(words)
        self.index = {w: i for i, w in enumerate(self.words)}
        self.counts = np.asarray(counts, dtype=np.int64)

    def __len__(self):
        return len(self.words)

    def __contains__(self, word):
        return word in self.index

    def __repr__(self):
        return f"Vocab(V={len(self)}, words={self.words[:8]}{'...' if len(self) > 8 else ''})"

    def encode(self, tokens):
        """tokens : list of T words -> (T,) int array of ids. Unknown word -> KeyError."""
        try:
            return np.array([self.index[t] for t in tokens], dtype=np.int64)
        except KeyError as err:
            raise KeyError(f"word {err.args[0]!r} is not in the vocabulary") from None

    def decode(self, ids):
        """ids : sequence of T ints -> list of T words. Out-of-range id -> ValueError."""
        out = []
        for i in ids:
            if not 0 <= int(i) < len(self):
                raise ValueError(f"id {i} is out of range for a vocabulary of {len(self)} words")
            out.append(self.words[int(i)])
        return out


def build_vocab(tokens, min_count=1):
    """Vocabulary of the words occurring at least ``min_count`` times in ``tokens``.

    Parameters
    ----------
    tokens : iterable of str
        One tokenized text (e.g. tokenize(text)); a bare str is refused (TypeError), as is
        a token that is not a str.
    min_count : int >= 1, default 1
        Words seen fewer times are left out.

    Returns
    -------
    Vocab
        The kept words, count descending (ties by first appearance), with their counts.
    """
    check_int("min_count", min_count)
    if isinstance(tokens, str):
        raise TypeError("build_vocab expects a list of tokens, got a str: tokenize(text) first")
    counts = Counter()
    for t in tokens:
        if not isinstance(t, str):
            raise TypeError(f"tokens must be str, got {type(t).__name__}: {t!r:.60}")
        counts[t] += 1
    # Counter keeps first-appearance order; a stable sort on -count keeps it for ties.
    kept = sorted((w for w in counts if counts[w] >= min_count), key=lambda w: -counts[w])
    return Vocab(kept, [counts[w] for w in kept])
