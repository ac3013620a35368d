"""Counting instead of predicting: the co-occurrence matrix, PPMI, and truncated SVD.

X[c, o] counts how often o occurs within m positions of c (one sentence at a time). Then

    PMI(c, o)  = log( P(c, o) / (P(c) P_alpha(o)) ),  P(c, o) = X[c, o] / |D|,  |D| = sum X
    P(c)       = X[c, .] / |D|,   P_alpha(o) = X[., o]^alpha / sum_o' X[., o']^alpha
    PPMI       = max(0, PMI - log k)      (k = 1: plain PPMI; k > 1: shifted PPMI)

and word vectors are the rows of U_d Sigma_d^p, from the truncated SVD M ~ U_d Sigma_d V_d^T.
Everything stays sparse: a V x V matrix with V = 20,000 would hold 400 million numbers, while
a corpus of 2 million words has only a few million distinct (c, o) pairs.
"""

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from .blas_threads import one_thread
from .checks import check_int, check_positive
from .keyed import WordVectors

_DENSE_SVD_MAX = 600  # below this many rows or columns, LAPACK's full SVD is faster and exact


def _word_index(vocab):
    """dict word -> id from a Vocab / WordVectors (their ``.index``) or a sequence of words."""
    index = getattr(vocab, "index", None)
    if isinstance(index, dict):
        return index
    if isinstance(vocab, str) or not hasattr(vocab, "__iter__"):
        raise TypeError(f"vocab must be a Vocab or a list of words, got {type(vocab).__name__}")
    words = list(vocab)
    index = {word: i for i, word in enumerate(words)}
    if len(index) != len(words):
        raise ValueError("vocab lists a word twice")
    return index


def _ids_and_sentences(sentences, index):
    """The corpus as word ids (T,) and sentence numbers (T,), out-of-vocabulary words dropped."""
    if isinstance(sentences, str):
        raise TypeError("sentences must be lists of tokens, got a str: tokenize it first")
    ids, sent = [], []
    for k, sentence in enumerate(sentences):
        if isinstance(sentence, str):
            raise TypeError(f"each sentence must be a list of str tokens, got {sentence!r:.40}")
        kept = [index[t] for t in sentence if t in index]
        ids.extend(kept)
        sent.extend([k] * len(kept))
    if not ids:
        raise ValueError("the corpus is empty: no token of the sentences is in vocab")
    return np.array(ids, np.int64), np.array(sent, np.int64)


def cooccurrence_matrix(sentences, vocab, window, weighting="count"):
    """X (V, V) scipy.sparse CSR: X[c, o] = times o occurs within ``window`` positions of c.

    >>> X = cooccurrence_matrix([["a", "b", "a"]], ["a", "b"], window=1)
    >>> X.toarray().tolist()
    [[0.0, 2.0], [2.0, 0.0]]

    Parameters
    ----------
    sentences : iterable of lists of str
        The corpus, each sentence a list of tokens; windows never cross a sentence. No token
        in ``vocab`` at all: ValueError.
    vocab : Vocab, WordVectors or list of V str
        Row/column i is word i; words not in it are dropped before windows are formed (as
        word2vec does).
    window : int >= 1
        m, context words on each side.
    weighting : "count" or "harmonic", default "count"
        "count": each co-occurrence adds 1; "harmonic": adds 1 / distance (GloVe).

    Returns
    -------
    scipy.sparse.csr_matrix of shape (V, V)
        float64, symmetric (the window is symmetric); with "count", X.sum() = the number of
        pairs.
    """
    check_int("window", window)
    if weighting not in ("count", "harmonic"):
        raise ValueError(f"weighting must be 'count' or 'harmonic', got {weighting!r}")
    index = _word_index(vocab)
    ids, sent = _ids_and_sentences(sentences, index)
    size = len(index)
    forward = sp.csr_matrix((size, size))
    for distance in range(1, window + 1):  # pairs (t, t + distance), one distance at a time
        same = sent[:-distance] == sent[distance:]
        if not same.any():
            break
        weight = 1.0 if weighting == "count" else 1.0 / distance
        rows, cols = ids[:-distance][same], ids[distance:][same]
        data = np.full(len(rows), weight)
        forward = forward + sp.csr_matrix((data, (rows, cols)), shape=(size, size))
    counts = (forward + forward.T).tocsr()
    counts.sum_duplicates()
    return counts


def _check_counts(counts):
    """counts as a float CSR with no negative entry and a positive total, square."""
    if not sp.issparse(counts):
        counts = np.asarray(counts, dtype=float)
        if counts.ndim != 2:
            raise ValueError(f"counts must be a (V, V) matrix, got shape {counts.shape}")
    counts = sp.csr_matrix(counts, dtype=float)
    if counts.shape[0] != counts.shape[1]:
        raise ValueError(f"counts must be square (V, V), got shape {counts.shape}")
    if counts.nnz and counts.data.min() < 0:
        raise ValueError(f"counts must be >= 0, found the count {counts.data.min():g}")
    if not np.all(np.isfinite(counts.data)) or counts.sum() <= 0:
        raise ValueError("counts must be finite and sum to more than 0")
    return counts


def pmi_parts(counts, alpha=1.0):
    """The pieces of PMI: (CSR X, log P(c) per row (V,), log P_alpha(o) per column (V,)).

    A row or column with no counts gets log P = -inf (it holds no nonzero entry anyway).
    """
    counts = _check_counts(counts)
    check_positive("alpha", alpha)
    total = counts.sum()
    row = np.asarray(counts.sum(axis=1)).ravel()
    col = np.asarray(counts.sum(axis=0)).ravel() ** alpha
    with np.errstate(divide="ignore"):
        return counts, np.log(row / total), np.log(col / col.sum())


def ppmi(counts, alpha=1.0, shift=1.0):
    """Positive (shifted, smoothed) PMI of a co-occurrence matrix, CSR (V, V).

    >>> ppmi([[0, 2], [2, 0]]).toarray().round(4).tolist()  # log(2 * 4 / (2 * 2)) = log 2
    [[0.0, 0.6931], [0.6931, 0.0]]

    Parameters
    ----------
    counts : sparse or array-like of float, shape (V, V)
        X[c, o], finite counts >= 0 with a total > 0 (else ValueError).
    alpha : float > 0, default 1.0
        Context-distribution smoothing: P_alpha(o) ~ X[., o]^alpha (1 = none; 0.75 as Levy,
        Goldberg & Dagan 2015).
    shift : float > 0, default 1.0
        k: subtract log k before clipping at 0 (1 = none; SGNS with K negatives corresponds
        to k = K).

    Returns
    -------
    scipy.sparse.csr_matrix of shape (V, V)
        max(0, log(P(c, o) / (P(c) P_alpha(o))) - log shift); zeros stay zeros (a pair never
        seen has PMI -inf, clipped to 0), and entries that clip to 0 are dropped.
    """
    check_positive("shift", shift)
    counts, log_row, log_col = pmi_parts(counts, alpha)
    total = counts.sum()
    coo = counts.tocoo()
    pmi = np.log(coo.data / total) - log_row[coo.row] - log_col[coo.col] - np.log(shift)
    keep = pmi > 0
    out = sp.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=counts.shape)
    out.sum_duplicates()
    return out


def _fix_signs(u, vt):
    """Flip each singular pair so the largest |entry| of u's column is positive (repeatable)."""
    big = np.argmax(np.abs(u), axis=0)
    signs = np.sign(u[big, np.arange(u.shape[1])])
    signs[signs == 0] = 1
    return u * signs, vt * signs[:, None]


def truncated_svd(matrix, dim, seed=0):
    """The dim largest singular triples (U (V, dim), s (dim,) descending, Vt (dim, n)).

    Sign-fixed (see _fix_signs). A small matrix goes through numpy.linalg.svd; a large one
    (sparse) through PROPACK (scipy.sparse.linalg.svds, solver="propack", seeded): about 15x
    faster than ARPACK on a PPMI matrix, with the same singular values.
    """
    n_rows, n_cols = matrix.shape
    check_int("dim", dim, maximum=min(n_rows, n_cols))
    if min(n_rows, n_cols) <= _DENSE_SVD_MAX or dim >= min(n_rows, n_cols) - 1:
        dense = matrix.toarray() if sp.issparse(matrix) else np.asarray(matrix, float)
        u, s, vt = np.linalg.svd(dense, full_matrices=False)
        u, s, vt = u[:, :dim], s[:dim], vt[:dim]
    else:
        matrix = sp.csr_matrix(matrix, dtype=float)
        with one_thread():  # many small BLAS calls: see blas_threads
            try:
                u, s, vt = spla.svds(matrix, k=dim, solver="propack", maxiter=min(
                    min(n_rows, n_cols), 20 * dim + 100), random_state=np.random.default_rng(seed))
            except np.linalg.LinAlgError:  # PROPACK did not converge: ARPACK, slower but sure
                start = np.random.default_rng(seed).random(min(n_rows, n_cols))
                u, s, vt = spla.svds(matrix, k=dim, v0=start)
        order = np.argsort(-s)
        u, s, vt = u[:, order], s[order], vt[order]
    u, vt = _fix_signs(u, vt)
    return u, s, vt


def svd_vectors(matrix, words, dim, power=0.5):
    """Word vectors from a truncated SVD of a word-by-context matrix (PPMI, say).

    Parameters
    ----------
    matrix : sparse or array-like of float, shape (V, n)
        Row i for words[i], e.g. ppmi(cooccurrence_matrix(...)).
    words : iterable of str, length V
        One word per row (another count: ValueError).
    dim : int in [1, min(V, n)]
        d, the number of singular directions kept.
    power : float >= 0, default 0.5
        p in U_d Sigma_d^p: 1 the textbook choice, 0.5 or 0 are better for similarity
        (Levy, Goldberg & Dagan 2015).

    Returns
    -------
    WordVectors
        Row i is row i of U_d Sigma_d^power, shape (V, d), with ``.singular_values``, an
        ndarray of shape (d,) in descending order.
    """
    if not sp.issparse(matrix):
        matrix = np.asarray(matrix, dtype=float)
        if matrix.ndim != 2:
            raise ValueError(f"matrix must be 2-D (V, n), got shape {matrix.shape}")
    words = list(words)
    if len(words) != matrix.shape[0]:
        raise ValueError(f"need one word per row: {len(words)} words, {matrix.shape[0]} rows")
    check_positive("power", power, allow_zero=True)
    u, s, _ = truncated_svd(matrix, dim)
    wv = WordVectors(words, u * s**power)
    wv.singular_values = s
    return wv
