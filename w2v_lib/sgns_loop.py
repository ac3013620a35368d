"""SGNS as word2vec.c trains it: one pair at a time, compiled, on several threads.

The numpy trainer of notebook 06 updates a batch of pairs at once; this one follows
word2vec.c (and gensim's Cython loop) instead. For every center c and outside word o in
its window it scores o and K noise words n_k against v_c and updates at once, with the
gradients of ``w2v_lib.sgns`` (sigma(x) = 1 / (1 + exp(-x)), label 1 for o, 0 for n_k):

    g_t = lr * (label_t - sigma(u_t . v_c))     for t = o, n_1 .. n_K
    u_t += g_t v_c                              (each with the old v_c)
    v_c += sum_t g_t u_t                        (after all K + 1 terms, with the old u_t)

``_train_job`` is that loop, compiled by numba into machine code that runs without the
Python interpreter (``nogil``), so Python threads can each run it on their own share of
the sentences at the same time. They write to the same two matrices without locks
("hogwild", as word2vec.c and gensim do): two threads rarely touch one row at the same
moment, and an update lost now and then does not hurt SGD.

As in word2vec.c: sigma and log sigma are read from tables of 1000 values on [-6, 6]
(scores beyond count as +-6), and the random numbers come from its linear congruential
generator, one per job of about 10,000 words, seeded from (seed, epoch, job). With one
worker a seed gives the same vectors on every run; with more, which thread's update
lands first varies from run to run, so results are not bit-reproducible (as in gensim).
"""

import threading

import numpy as np
from numba import njit

_MULTIPLIER, _INCREMENT = np.uint64(25214903917), np.uint64(11)  # word2vec.c's generator
_MASK48 = np.uint64((1 << 48) - 1)  # its state has 48 bits
_SHIFT16, _SHIFT32 = np.uint64(16), np.uint64(32)
_MAX_SCORE, _TABLE_SIZE = 6.0, 1000
_GRID = -_MAX_SCORE + (np.arange(_TABLE_SIZE) + 0.5) * (2 * _MAX_SCORE / _TABLE_SIZE)
_SIGMOID = (1 / (1 + np.exp(-_GRID))).astype(np.float32)  # sigma at the bins' midpoints
_LOG_SIGMOID = np.log(_SIGMOID).astype(np.float32)  # log sigma at the same points
_WORDS_PER_JOB = 10_000


@njit(nogil=True, cache=True, fastmath=True)
def _next_random(state):
    """The generator's next state: (state * 25214903917 + 11) mod 2**48."""
    return (state * _MULTIPLIER + _INCREMENT) & _MASK48


@njit(nogil=True, cache=True, fastmath=True)
def _below(state, n):
    """A random int in 0 .. n-1 from the state's top 32 bits: floor(bits * n / 2**32)."""
    return np.int64(((state >> _SHIFT16) * np.uint64(n)) >> _SHIFT32)


@njit(nogil=True, cache=True, fastmath=True)
def _uniform(state):
    """A random float32 in [0, 1) from the state's top 32 bits."""
    return np.float32(state >> _SHIFT16) * np.float32(2.0**-32)


@njit(nogil=True, cache=True, fastmath=True)
def _draw_noise(state, noise_keep, noise_alias):
    """One noise word n ~ P_n by Walker's alias method (see sgns.NegativeSampler).

    noise_keep, noise_alias : (V,) float32 and int32.  Returns (n, the generator's new state).
    """
    state = _next_random(state)
    column = _below(state, len(noise_keep))  # one of V columns, uniformly
    state = _next_random(state)
    if _uniform(state) < noise_keep[column]:
        return column, state  # the column's own word
    return np.int64(noise_alias[column]), state  # or the other word it holds


@njit(nogil=True, cache=True, fastmath=True)
def _subsample(ids, first, end, keep, kept, state):
    """Keep each of ids[first:end] with chance keep[w], into kept[0:n]; returns (n, state)."""
    n = 0
    for t in range(first, end):
        state = _next_random(state)
        if _uniform(state) < keep[ids[t]]:
            kept[n] = ids[t]
            n += 1
    return n, state


@njit(nogil=True, cache=True, fastmath=True)
def _score_terms(outside_vecs, vec, true_word, negative, alpha, grad, loss, state, noise_keep,
                 noise_alias):
    """The K + 1 terms of one input vector ``vec`` (d,): v_c for SGNS, h for CBOW.

    Scores true_word (label 1) and K noise words (label 0; one equal to true_word is
    skipped, as in word2vec.c); for each, g_t = alpha (label - sigma(u_t . vec)), adds
    g_t u_t (the old u_t) to ``grad`` (d,) and steps u_t += g_t vec in place. Returns
    (loss plus -log sigma(x) for true_word and -log sigma(-x) per noise word, state).
    """
    to_bin = _TABLE_SIZE / (2 * _MAX_SCORE)
    for k in range(negative + 1):
        if k == 0:  # the true word, label 1
            target, label = true_word, np.float32(1.0)
        else:  # a noise word n_k ~ P_n, label 0
            target, state = _draw_noise(state, noise_keep, noise_alias)
            if target == true_word:  # skipped, as in word2vec.c
                continue
            label = np.float32(0.0)
        score = np.float32(0.0)  # x = u_t . vec
        for d in range(len(vec)):
            score += outside_vecs[target, d] * vec[d]
        x = min(max(score, -_MAX_SCORE), _MAX_SCORE - 1e-3)  # clip to the table
        b = int((x + _MAX_SCORE) * to_bin)  # the table bin of x
        g = alpha * (label - _SIGMOID[b])  # g_t = lr (label - sigma(x))
        # loss: -log sigma(x) for the true word; -log sigma(-x) = -log sigma(x) + x for n_k
        loss -= _LOG_SIGMOID[b] - (0.0 if k == 0 else x)
        for d in range(len(vec)):
            grad[d] += g * outside_vecs[target, d]  # with the old u_t
            outside_vecs[target, d] += g * vec[d]  # u_t += g_t vec
    return loss, state


@njit(nogil=True, cache=True, fastmath=True)
def _train_job(center_vecs, outside_vecs, ids, starts, keep, noise_keep, noise_alias,
               window, negative, lr, min_lr, word0, total_words, state):
    """Train on one job, the sentences ids[starts[s] : starts[s + 1]], in place.

    center_vecs, outside_vecs : (V, d) float32, rows v_w and u_w, updated in place
    ids     : (T,) int32 word ids of the job's sentences, one after another
    starts  : (S + 1,) int64, where each sentence begins in ids (starts[S] = T)
    keep    : (V,) float32 chance to keep each occurrence (sgns.keep_probabilities)
    noise_keep, noise_alias : (V,) float32 and int32, the alias table of P_n
              (the keep and alias of sgns.NegativeSampler)
    window, negative : m and K;  lr, min_lr : the rate falls linearly from lr to min_lr
              over ``total_words`` words, and this job starts at word ``word0``
    state   : uint64, the seed of this job's random numbers
    Returns (summed loss of the scored terms, number of (c, o) pairs).
    """
    dim = center_vecs.shape[1]
    grad_vc = np.empty(dim, np.float32)  # sum_t g_t u_t for the current pair
    kept = np.empty(len(ids), np.int32)  # the current sentence after subsampling
    loss, n_pairs = 0.0, 0
    for s in range(len(starts) - 1):
        done = (word0 + starts[s]) / total_words  # share of all training words done
        alpha = np.float32(lr - (lr - min_lr) * done)  # linear decay, once per sentence
        n, state = _subsample(ids, starts[s], starts[s + 1], keep, kept, state)
        for i in range(n):
            state = _next_random(state)
            span = 1 + _below(state, window)  # this center's window: 1 .. m words each side
            c = kept[i]
            for j in range(max(0, i - span), min(n, i + span + 1)):
                if j == i:
                    continue
                n_pairs += 1  # the pair (c, o = kept[j])
                grad_vc[:] = 0.0
                loss, state = _score_terms(outside_vecs, center_vecs[c], kept[j], negative,
                                           alpha, grad_vc, loss, state, noise_keep, noise_alias)
                for d in range(dim):
                    center_vecs[c, d] += grad_vc[d]  # v_c += sum_t g_t u_t
    return loss, n_pairs


def _jobs(sent, words_per_job=_WORDS_PER_JOB):
    """Split the corpus into jobs of whole sentences, about ``words_per_job`` words each.

    sent : (T,) sentence number of each token, non-decreasing.
    Returns (starts (S + 1,) int64 where each sentence begins, bounds (J + 1,) int64:
    job j is sentences bounds[j] .. bounds[j + 1] - 1).
    """
    starts = np.flatnonzero(np.r_[True, sent[1:] != sent[:-1]]) if len(sent) else []
    starts = np.r_[starts, len(sent)].astype(np.int64)
    bounds, first = [0], 0
    for s in range(1, len(starts)):
        if starts[s] - starts[first] >= words_per_job or s == len(starts) - 1:
            bounds.append(s)
            first = s
    return starts, np.array(bounds, np.int64)


def _job_seed(seed, epoch, job):
    """A uint64 seed for job ``job`` of epoch ``epoch``: the same for the same triple."""
    bits = np.random.SeedSequence([seed, epoch, job]).generate_state(1, np.uint64)[0]
    return np.uint64(bits) & _MASK48


def _train_epochs(center_vecs, outside_vecs, ids, sent, keep, sampler, *, window, negative,
                 epochs, lr, min_lr, seed, workers=1, on_epoch=None, kernel=_train_job):
    """Run ``epochs`` epochs of ``kernel`` over the corpus, on ``workers`` threads.

    center_vecs, outside_vecs : (V, d) float32 C-ordered, updated in place
    ids, sent : (T,) word ids and sentence numbers (sgns._encode);  keep : (V,)
    keep probabilities;  sampler : a NegativeSampler of P_n;  seed : int >= 0
    workers : threads, each taking the next job of the epoch when it is free; with 1 the
    jobs run in order in the calling thread and the result is reproducible.
    on_epoch : called as on_epoch(epoch, mean_loss) after each epoch, in this thread.
    kernel : the compiled job, with ``_train_job``'s arguments and returns (default: it;
    cbow_loop passes its own, whose count is of examples instead of pairs).
    Returns the mean loss per pair of each epoch, a list of ``epochs`` floats.
    """
    ids = np.ascontiguousarray(ids, np.int32)
    starts, bounds = _jobs(np.asarray(sent))
    tables = (np.asarray(keep, np.float32), sampler.keep.astype(np.float32),
              sampler.alias.astype(np.int32))
    total_words = max(epochs * len(ids), 1)
    n_jobs = len(bounds) - 1
    epoch_losses = []
    for epoch in range(epochs):
        results = [None] * n_jobs  # (loss, pairs) of each job

        def run(job, epoch=epoch, results=results):
            first, last = bounds[job], bounds[job + 1]  # its sentences: first .. last - 1
            lo, hi = starts[first], starts[last]  # its words: lo .. hi - 1
            results[job] = kernel(
                center_vecs, outside_vecs, ids[lo:hi], starts[first : last + 1] - lo, *tables,
                window, negative, lr, min_lr, epoch * len(ids) + lo, total_words,
                _job_seed(seed, epoch, job))

        if workers == 1:
            for job in range(n_jobs):
                run(job)
        else:
            _run_threads(run, n_jobs, workers)
        loss = sum(r[0] for r in results) / max(sum(r[1] for r in results), 1)
        epoch_losses.append(loss)
        if on_epoch is not None:
            on_epoch(epoch, loss)
        if not np.isfinite(loss):
            break
    return epoch_losses


def _run_threads(run, n_jobs, workers):
    """Call run(job) for job 0 .. n_jobs - 1 on ``workers`` threads, each taking the next."""
    next_job, lock, errors, stop = iter(range(n_jobs)), threading.Lock(), [], threading.Event()

    def worker():
        while not stop.is_set():
            with lock:
                job = next(next_job, None)
            if job is None:
                return
            try:
                run(job)
            except BaseException as error:  # re-raised in the calling thread
                errors.append(error)
                stop.set()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(workers)]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            thread.join()
    finally:  # after an interrupt (Ctrl-C) here too: each worker stops after its job
        stop.set()
    if errors:
        raise errors[0]
