"""CBOW with the full softmax, small enough to watch: the step-through's second model.

Skip-gram predicts each context word from the center; CBOW predicts the center word c_t
from its whole context C_t (the words within m of position t, in the same sentence):

    h_t = (1/|C_t|) sum_{j in C_t} v_j                    (v: rows of center_vecs, "input")
    P(w | C_t) = exp(u_w . h_t) / sum_w' exp(u_w' . h_t)  (u: rows of outside_vecs, "output")
    J = mean over the examples of -log P(c_t | C_t)

For one example, with E[u] = sum_w P(w | C) u_w:

    dJ / du_w = (P(w | C) - [w = c]) h
    dJ / dv_j = (1/|C|) (E[u] - u_c)      for each occurrence of j in C

so the step on a context vector v_j is a pull toward u_c and a push away from E[u], like
skip-gram's step on v_c, shared out over the |C| context words. With V = 5 the full
softmax costs nothing, so no sampling is needed; ``train_cbow`` (``cbow.py``, notebook 10)
trains CBOW on real text with negative sampling instead. ``CBOWRecording`` records it one
update at a time, with the update and divergence rules of ``Recording``.
"""

import math
from collections import Counter

import numpy as np

from .checks import as_params, check_id
from .softmax import softmax
from .windows import skipgram_pairs


def cbow_examples(tokens, window):
    """The CBOW examples of a text: one (context, center) per position, in text order.

    >>> cbow_examples("a b c".split(), window=1)
    [(('b',), 'a'), (('a', 'c'), 'b'), (('b',), 'c')]

    Parameters
    ----------
    tokens : sequence of T items
        Words or ids, in text order (a bare str is refused: tokenize it first).
    window : int >= 1
        m: the context is the words within m positions of t, left to right, truncated at
        the edges (a word repeated inside the window counts each time).

    Returns
    -------
    list of (tuple, item)
        (C_t, c_t) for every position t with a non-empty context: T examples when T >= 2
        (whose contexts hold count_pairs(T, m) words in all), none when T = 1.
    """
    if isinstance(tokens, str):
        raise TypeError("cbow_examples expects a sequence of tokens, got a str: tokenize it first")
    tokens = list(tokens)
    contexts = {}  # position t -> its context words: skip-gram's pairs of positions, grouped
    for t, j in skipgram_pairs(range(len(tokens)), window):  # checks window
        contexts.setdefault(t, []).append(tokens[j])
    return [(tuple(context), tokens[t]) for t, context in contexts.items()]


def _as_examples(examples, vocab_size):
    """Checked examples -> (A (B, V) averaging weights, targets (B,) int).

    A[e, j] = (occurrences of j in C_e) / |C_e|, so h = A @ center_vecs.
    """
    if isinstance(examples, (str, bytes)) or not hasattr(examples, "__len__") or not examples:
        raise ValueError(f"examples must be a non-empty list of (context ids, center id), "
                         f"got {examples!r}")
    weights, targets = np.zeros((len(examples), vocab_size)), np.zeros(len(examples), np.int64)
    for e, example in enumerate(examples):
        if not isinstance(example, (tuple, list)) or len(example) != 2:
            raise ValueError(f"example {e} must be (context ids, center id), got {example!r}")
        context, target = example
        if len(context) == 0:
            raise ValueError(f"example {e} has an empty context: CBOW needs at least one "
                             f"context word, got {example!r}")
        for j in context:
            check_id(j, vocab_size, name=f"example {e}: context id")
            weights[e, j] += 1 / len(context)
        check_id(target, vocab_size, name=f"example {e}: center id")
        targets[e] = target
    return weights, targets


def _forward(center_vecs, outside_vecs, weights):
    """(h (B, d), P (B, V)): each example's mean context vector and P(. | C)."""
    hidden = weights @ center_vecs
    return hidden, softmax(hidden @ outside_vecs.T)


def cbow_probs(center_vecs, outside_vecs, context_ids):
    """P(w | C) for every word w, h being the mean of v_j over the context C.

    >>> import numpy as np
    >>> cbow_probs(np.zeros((3, 2)), np.ones((3, 2)), [0, 1]).round(3).tolist()
    [0.333, 0.333, 0.333]

    Parameters
    ----------
    center_vecs, outside_vecs : array-like of float, shape (V, d)
        Rows v_w (averaged into h) and u_w (scored against h).
    context_ids : sequence of int, length >= 1
        C, ids in [0, V) (a repeated id counts twice in the mean).

    Returns
    -------
    ndarray of shape (V,)
        softmax(outside_vecs @ h), summing to 1.
    """
    center_vecs, outside_vecs = as_params(center_vecs, outside_vecs)
    weights, _ = _as_examples([(context_ids, 0)], len(center_vecs))
    return _forward(center_vecs, outside_vecs, weights)[1][0]


def cbow_softmax_loss_and_grad(center_vecs, outside_vecs, examples):
    """J over a batch of CBOW examples and its gradient with respect to both matrices.

    Parameters
    ----------
    center_vecs, outside_vecs : array-like of float, shape (V, d)
        Rows v_w (the context side, averaged into h) and u_w (the predicted side).
    examples : list of (context ids, center id), length B >= 1
        Each context a non-empty sequence of ids in [0, V); the center an id in [0, V)
        (ValueError naming the example otherwise, TypeError for a non-integer id).

    Returns
    -------
    loss : float >= 0
        J, the mean over the B examples of -log P(c | C).
    (grad_center_vecs, grad_outside_vecs) : tuple of ndarray of shape (V, d)
        The batch means of (1/|C|)(E[u] - u_c) on each context occurrence's row of v, and
        of (P(w | C) - [w = c]) h on every row of u.

    >>> import numpy as np
    >>> loss, (g_v, g_u) = cbow_softmax_loss_and_grad(np.zeros((2, 1)), np.ones((2, 1)),
    ...                                               [((1,), 0)])
    >>> round(loss, 4), g_v.ravel().tolist()   # log 2; E[u] - u_0 = 1 - 1 = 0
    (0.6931, [0.0, 0.0])
    """
    center_vecs, outside_vecs = as_params(center_vecs, outside_vecs)
    weights, targets = _as_examples(examples, len(center_vecs))
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run: Recording says so
        return _loss_and_grad(center_vecs, outside_vecs, weights, targets)[:2]


def _loss_and_grad(center_vecs, outside_vecs, weights, targets):
    """(loss, (grad_v, grad_u), h, P) for checked inputs (see cbow_softmax_loss_and_grad)."""
    hidden, probs = _forward(center_vecs, outside_vecs, weights)
    rows, n = np.arange(len(targets)), len(targets)
    loss = float(-np.log(probs[rows, targets]).mean())
    delta = probs.copy()  # P(w | C_e) - [w = c_e]
    delta[rows, targets] -= 1.0
    grad_outside = delta.T @ hidden / n
    grad_center = weights.T @ (delta @ outside_vecs) / n  # (E[u] - u_c) / |C| per occurrence
    return loss, (grad_center, grad_outside), hidden, probs


def cbow_softmax_loss(center_vecs, outside_vecs, examples):
    """J = mean over the examples of -log P(c | C) (as ``cbow_softmax_loss_and_grad``).

    Parameters
    ----------
    center_vecs, outside_vecs : array-like of float, shape (V, d)
        Rows v_w and u_w.
    examples : list of (context ids, center id), length >= 1
        As in ``cbow_softmax_loss_and_grad``.

    Returns
    -------
    float >= 0
        J; log V when every vector is zero.
    """
    return cbow_softmax_loss_and_grad(center_vecs, outside_vecs, examples)[0]


def cbow_best_loss(examples):
    """The lowest J any model of h can reach: the text's own cross-entropy given the context.

    h depends only on the context's proportions of each word, so examples whose contexts
    have the same proportions share one P(. | C); J is lowest when that P is their own
    distribution of centers. When every context differs (the toy sentence) it is 0, a limit
    that no finite vectors reach: P(c | C) = 1 needs infinitely large scores.

    >>> cbow_best_loss([((0, 1), 2), ((1, 0), 3)])   # the same context, two centers: log 2
    0.6931471805599453

    Parameters
    ----------
    examples : list of (context ids, center id), length >= 1
        Context ids a non-empty sequence of ints (any ids >= 0).

    Returns
    -------
    float >= 0
        In nats.
    """
    try:  # the vocabulary size only matters for the checks, which name any bad value
        size = 1 + max(int(j) for context, center in examples for j in (*context, center))
    except (TypeError, ValueError):
        size = 1
    _as_examples(examples, size)
    keys = []
    for context, _ in examples:
        counts = Counter(int(j) for j in context)
        common = math.gcd(*counts.values())
        keys.append(tuple(sorted((j, k // common) for j, k in counts.items())))
    by_context = Counter(keys)
    by_pair = Counter(zip(keys, (int(t) for _, t in examples), strict=True))
    total = sum(n * math.log(n / by_context[key]) for (key, _), n in by_pair.items())
    return 0.0 - total / len(examples)  # 0.0, not -0.0, when every context differs
