"""Sliding a window over text: the (center, context) pairs of skip-gram.

With window m, every position t gives pairs (w_t, w_{t+j}) for -m <= j <= m, j != 0,
as far as the text reaches (windows are truncated at both edges).
"""

from .checks import check_int


def skipgram_pairs(tokens, window):
    """All (center, context) pairs: centers in text order, contexts left to right.

    The center is excluded by position, so a word repeated inside its own window
    (e.g. "the" ... "the") still pairs with itself.

    >>> skipgram_pairs("a b c".split(), window=1)
    [('a', 'b'), ('b', 'a'), ('b', 'c'), ('c', 'b')]

    Parameters
    ----------
    tokens : sequence of T items
        Words or ids, in text order; a bare str is refused (TypeError): tokenize it first.
    window : int >= 1
        m, the context words taken on each side of the center (truncated at the edges).

    Returns
    -------
    list of (center, context) tuples
        count_pairs(T, window) of them, centers in text order, contexts left to right.
    """
    check_int("window", window)
    if isinstance(tokens, str):
        raise TypeError("skipgram_pairs expects a sequence of tokens, got a str: tokenize it first")
    tokens = list(tokens)
    pairs = []
    for t, center in enumerate(tokens):
        for j in range(max(0, t - window), min(len(tokens), t + window + 1)):
            if j != t:
                pairs.append((center, tokens[j]))
    return pairs


def count_pairs(n_tokens, window):
    """Number of skip-gram pairs in a text of ``n_tokens`` words, without enumerating.

    Every unordered pair of positions at distance k (1 <= k <= min(m, T-1)) gives two
    ordered pairs, and there are T - k of them: 2 * sum_k (T - k).

    Parameters
    ----------
    n_tokens : int >= 0
        T, the number of tokens in the text.
    window : int >= 1
        m, the window size, as in skipgram_pairs.

    Returns
    -------
    int >= 0
        len(skipgram_pairs(tokens, window)) for any text of T tokens.
    """
    check_int("window", window)
    check_int("n_tokens", n_tokens, minimum=0)
    k = min(window, max(n_tokens - 1, 0))
    return int(2 * (k * n_tokens - k * (k + 1) // 2))
