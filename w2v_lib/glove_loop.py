"""GloVe's training loop, compiled: one nonzero X_ij at a time, AdaGrad, as glove.c does.

For each entry (i, j, x) in a shuffled order, with diff = w_i . w~_j + b_i + b~_j - log x and
g = 2 f(x) diff (the derivative of f(x) diff^2 with respect to the score):

    grad w_i = g w~_j,  grad w~_j = g w_i,  grad b_i = grad b~_j = g
    G += grad^2,  theta -= lr * grad / sqrt(G)          (AdaGrad, per coordinate)

with every G starting at 1 (as glove.c, so the first steps are at most lr). numba compiles
the loop to machine code; it imports only when train_glove runs.
"""

import numpy as np
from numba import njit


@njit(cache=True, fastmath=True)
def _glove_epoch(w, w_ctx, b, b_ctx, g_w, g_w_ctx, g_b, g_b_ctx, rows, cols, log_x, weight,
                 order, lr):
    """One AdaGrad pass over the entries in ``order``; all arrays updated in place.

    w, w_ctx, g_w, g_w_ctx : (V, d) float32;  b, b_ctx, g_b, g_b_ctx : (V,) float32
    rows, cols : (N,) int32 ids;  log_x, weight : (N,) float32 log X_ij and f(X_ij)
    order : (N,) int64 permutation.  Returns the summed loss sum f diff^2 before each step.
    """
    dim = w.shape[1]
    total = 0.0
    for n in order:
        i, j = rows[n], cols[n]
        diff = b[i] + b_ctx[j] - log_x[n]
        for k in range(dim):
            diff += w[i, k] * w_ctx[j, k]
        total += weight[n] * diff * diff
        g = 2.0 * weight[n] * diff
        for k in range(dim):
            gw = g * w_ctx[j, k]
            gc = g * w[i, k]
            g_w[i, k] += gw * gw
            g_w_ctx[j, k] += gc * gc
            w[i, k] -= lr * gw / np.sqrt(g_w[i, k])
            w_ctx[j, k] -= lr * gc / np.sqrt(g_w_ctx[j, k])
        g_b[i] += g * g
        g_b_ctx[j] += g * g
        b[i] -= lr * g / np.sqrt(g_b[i])
        b_ctx[j] -= lr * g / np.sqrt(g_b_ctx[j])
    return total
