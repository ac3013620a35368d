"""Do the vectors agree with people? Spearman correlation with human similarity ratings.

A test set (wordsim353.tsv, simlex999.txt in gensim's test data) lists word pairs with a
mean human rating; we rank the pairs by our cosine similarity and by the rating and ask how
well the two orders agree (Spearman's rho: 1 same order, 0 unrelated, -1 reversed).
"""

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass
class PairScore:
    """What evaluate_word_pairs returns.

    Attributes
    ----------
    spearman : float in [-1, 1]
        Spearman's rho between our cosines and the human ratings (pairs in vocabulary);
        nan if every cosine is equal.
    oov_share : float in [0, 1]
        Share of the pairs with a word not in the vocabulary.
    n_pairs : int >= 1
        Pairs in the file.
    n_used : int >= 2
        Pairs scored (both words known).
    ci : tuple (low, high) of float, default (nan, nan)
        The 95 % confidence interval of ``spearman`` (see fisher_ci).
    """

    spearman: float
    oov_share: float
    n_pairs: int
    n_used: int
    ci: tuple = (float("nan"), float("nan"))


def fisher_ci(rho, n, z=1.96):
    """The confidence interval of a correlation rho over n pairs, by Fisher's transform.

    Parameters
    ----------
    rho : float in [-1, 1], or nan
        The correlation (outside [-1, 1]: ValueError; nan gives (nan, nan)).
    n : int
        The number of pairs; the interval is defined for n > 3 ((nan, nan) otherwise).
    z : float > 0, default 1.96
        The normal quantile: 1.96 gives a 95 % interval.

    Returns
    -------
    (low, high) : tuple of float in [-1, 1]
        tanh(atanh(rho) -/+ z / sqrt(n - 3)); (rho, rho) if |rho| = 1; (nan, nan) if
        n <= 3 or rho is nan.

    >>> [round(x, 3) for x in fisher_ci(0.2, 130)]
    [0.029, 0.36]
    """
    if math.isnan(rho):  # no correlation (e.g. every similarity equal)
        return (float("nan"), float("nan"))
    if not -1 <= rho <= 1:
        raise ValueError(f"rho must be a correlation in [-1, 1], got {rho!r}")
    if n <= 3:
        return (float("nan"), float("nan"))
    if abs(rho) == 1:
        return (float(rho), float(rho))
    half = z / math.sqrt(n - 3)
    return (math.tanh(math.atanh(rho) - half), math.tanh(math.atanh(rho) + half))


def read_word_pairs(path):
    """(word_a, word_b, rating) triples of a tab-separated file; '#' lines are comments."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no word-pair file at {str(path)!r}")
    triples = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            try:
                a, b, rating = parts
                triples.append((a, b, float(rating)))
            except ValueError:
                raise ValueError(
                    f"{path.name} line {number}: expected 'word<TAB>word<TAB>rating', "
                    f"got {line!r:.60}"
                ) from None
    return triples


def evaluate_word_pairs(wv, path):
    """Spearman correlation of wv's cosine similarities with the ratings in ``path``.

    Words are matched ignoring case (as gensim does); pairs with an unknown word are left
    out and counted in ``oov_share``.

    Parameters
    ----------
    wv : WordVectors
        The vectors to score.
    path : str or Path
        A tab-separated file of word, word, rating per line ('#' lines are comments), e.g.
        gensim_test_file("wordsim353.tsv"). No such file: FileNotFoundError; a bad line:
        ValueError naming it.

    Returns
    -------
    PairScore
        With ``ci`` the 95 % confidence interval of Spearman's rho over the ``n_used``
        pairs scored (``fisher_ci``). Fewer than 2 pairs with both words known: ValueError.
    """
    triples = read_word_pairs(path)
    folded = {}
    for word in wv.words:  # the first (most frequent) spelling wins, as in gensim
        folded.setdefault(word.upper(), word)
    ours, theirs = [], []
    for a, b, rating in triples:
        if a.upper() in folded and b.upper() in folded:
            ours.append(wv.similarity(folded[a.upper()], folded[b.upper()]))
            theirs.append(rating)
    if len(ours) < 2:
        raise ValueError(f"only {len(ours)} pairs of {path} have both words in the vocabulary")
    from scipy import stats  # imported here: scipy.stats alone takes ~2 s to import

    rho = stats.spearmanr(np.array(theirs), np.array(ours)).statistic
    n = len(triples)
    rho = float(rho)
    return PairScore(rho, (n - len(ours)) / n, n, len(ours), fisher_ci(rho, len(ours)))
