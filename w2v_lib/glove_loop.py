"""GloVe's training loop, compiled: one nonzero X_ij at a time, AdaGrad, as glove.c 1.0 does.

For each entry (i, j, x) in a shuffled order, with diff = w_i . w~_j + b_i + b~_j - log x,
glove.c steps on the gradient of J / 2, scaled by the learning rate lr:

    s = lr f(x) diff                       (lr times d(J/2)/d(score))
    w_i  -= s w~_j / sqrt(G_w_i),   G_w_i  += (s w~_j)^2      (per coordinate, old w~_j)
    w~_j -= s w_i / sqrt(G_w~_j),   G_w~_j += (s w_i)^2       (old w_i)
    b_i  -= s / sqrt(G_b_i),        G_b_i  += s^2             (the same for b~_j)

with every G starting at 1. So the first steps are lr times the gradient, and once the G have
grown, a step is about g / sqrt(sum of g^2): AdaGrad with rate 1 (glove.c's behaviour, which
this copies). numba compiles the loop to machine code; it imports only when train_glove runs.

Where it differs from glove.c: float32, not double; a fresh shuffle every epoch (glove.c
shuffles its file once); a loss J / N twice the cost glove.c prints (it sums 0.5 f diff^2);
no skipping of NaN steps (train_glove raises instead). Since 2019 glove.c also clips each
f diff w~_jk to [-100, 100] before scaling it by lr, and its bias steps lost the lr factor
(b_i -= f diff / sqrt(G_b_i)); this loop keeps the 1.0 release's rule above.

Several threads, as glove.c: ``_glove_epoch`` runs without the Python interpreter
(``nogil``), so with ``workers`` threads the epoch's shuffled order is cut into ``workers``
contiguous parts (glove.c's split: each N // workers entries, the last one the remainder too),
all trained at once on the same arrays without locks ("hogwild", see sgns_loop). Two
threads rarely touch one row at the same moment, so an update lost now and then does not
hurt; but which thread writes first varies from run to run, so results are not
reproducible with more than one worker.
"""

import numpy as np
from numba import njit

from .sgns_loop import _run_threads


@njit(nogil=True, cache=True, fastmath=True)
def _glove_epoch(w, w_ctx, b, b_ctx, g_w, g_w_ctx, g_b, g_b_ctx, rows, cols, log_x, weight,
                 order, lr):
    """One AdaGrad pass over the entries in ``order``; all arrays updated in place.

    w, w_ctx, g_w, g_w_ctx : (V, d) float32;  b, b_ctx, g_b, g_b_ctx : (V,) float32
    rows, cols : (N,) int32 ids;  log_x, weight : (N,) float32 log X_ij and f(X_ij)
    order : (N,) int64 permutation.  Returns J, the summed f diff^2 before each step.
    """
    dim = w.shape[1]
    total = 0.0
    for n in order:
        i, j = rows[n], cols[n]
        diff = b[i] + b_ctx[j] - log_x[n]
        for k in range(dim):
            diff += w[i, k] * w_ctx[j, k]
        total += weight[n] * diff * diff
        s = lr * weight[n] * diff
        for k in range(dim):
            step_w = s * w_ctx[j, k]
            step_c = s * w[i, k]
            w[i, k] -= step_w / np.sqrt(g_w[i, k])
            w_ctx[j, k] -= step_c / np.sqrt(g_w_ctx[j, k])
            g_w[i, k] += step_w * step_w
            g_w_ctx[j, k] += step_c * step_c
        b[i] -= s / np.sqrt(g_b[i])
        b_ctx[j] -= s / np.sqrt(g_b_ctx[j])
        g_b[i] += s * s
        g_b_ctx[j] += s * s
    return total


def _glove_epoch_threads(params, grads_sq, rows, cols, log_x, weight, order, lr, workers):
    """One epoch of ``_glove_epoch`` over ``order``, cut into ``workers`` parts run at once.

    params : (w, w_ctx, b, b_ctx);  grads_sq : their (g_w, g_w_ctx, g_b, g_b_ctx), as in
    ``_glove_epoch``, updated in place;  workers : int >= 1 threads (1: this thread alone).
    Returns J summed over all parts (each entry's f diff^2 before its own step).
    """
    if workers == 1:
        return _glove_epoch(*params, *grads_sq, rows, cols, log_x, weight, order, lr)
    size = len(order) // workers  # glove.c: the last part also takes the remainder
    bounds = [part * size for part in range(workers)] + [len(order)]
    totals = [0.0] * workers

    def run(part):
        totals[part] = _glove_epoch(*params, *grads_sq, rows, cols, log_x, weight,
                                    order[bounds[part] : bounds[part + 1]], lr)

    _run_threads(run, workers, workers)  # re-raises a thread's error here
    return sum(totals)
