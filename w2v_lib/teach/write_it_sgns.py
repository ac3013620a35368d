"""The **Write it yourself** checker for notebook 06: ``neg_sampling_loss_and_grad``.

    check_neg_sampling_loss_and_grad(fn)  fn(v_c (d,), o, negative_ids (K,), U (V, d))
                                          -> (loss, grad_center_vec (d,), grad_outside_vecs (V, d))

compared with ``w.neg_sampling_loss_and_grad`` on seeded random inputs (a noise word drawn
twice among them, and one equal to o, which must be skipped) and with ``w.check_gradient``,
as the checkers in ``write_it``.
"""

import numpy as np

from .. import neg_sampling_loss_and_grad
from .quiz import RIGHT, WRONG
from .write_it import (
    _array,
    _close,
    _gradcheck_both,
    _run,
    _Stop,
    _toy_inputs,
    _tuple,
    _verdict,
    _where,
)

SKIP_MISSING = (f"{WRONG} A noise word equal to the outside word o must be skipped (word2vec "
                f"and w.neg_sampling_loss_and_grad skip such a draw); yours counts it.")


@_verdict
def diagnose_neg_sampling_loss_and_grad(fn):
    """The verdict on fn(center_vec (d,), outside_id, negative_ids (K,), outside_vecs (V, d))."""
    names = ("loss", "grad_center_vec", "grad_outside_vecs")
    rng = np.random.default_rng(3)
    for v, o, u in _toy_inputs(rng, ((6, 3), (8, 4), (5, 2))):
        others = [w for w in range(len(u)) if w != o]
        negatives = np.array([others[0], *rng.choice(others[1:], 2), others[0]])  # a repeat
        out = _tuple(_run(fn, v, o, negatives, u), 3, names)
        ref_loss, ref_v, ref_u = neg_sampling_loss_and_grad(v, o, negatives, u)
        loss = float(_array(out[0], "loss", ()))
        s_o, s_k = u[o] @ v, u[negatives] @ v
        if not np.isclose(loss, ref_loss):
            if np.isclose(loss, np.logaddexp(0, -s_o)):
                raise _Stop(f"{WRONG} The loss: the noise term −Σ_k log σ(−u_k · v_c) is "
                            f"missing.")
            if np.isclose(loss, np.logaddexp(0, -s_o) + np.logaddexp(0, -s_k).sum()):
                raise _Stop(f"{WRONG} The loss: the noise words need σ(−u_k · v_c) (a minus "
                            f"sign), not σ(u_k · v_c).")
            raise _Stop(f"{WRONG} The loss is {loss:.6g}, expected {ref_loss:.6g}.")
        grad_v = _array(out[1], "grad_center_vec", v.shape)
        if not _close(grad_v, ref_v):
            if _close(grad_v, (1 / (1 + np.exp(-s_o)) - 1) * u[o]):
                raise _Stop(f"{WRONG} grad_center_vec: the noise words' term "
                            f"Σ_k σ(u_k · v_c) u_k is missing.")
            raise _Stop(_where("grad_center_vec", grad_v, ref_v))
        grad_u = _array(out[2], "grad_outside_vecs", u.shape)
        if not _close(grad_u, ref_u):
            repeat = negatives[0]
            once = ref_u.copy()
            once[repeat] /= 2  # what overwriting (grad[ids] = ...) leaves for the repeat
            if _close(grad_u, once):
                raise _Stop(f"{WRONG} grad_outside_vecs: noise word {repeat} was drawn twice "
                            f"and must get both terms: add them (np.add.at, or a loop with "
                            f"+=), do not overwrite.")
            untouched = [w for w in range(len(u)) if w != o and w not in negatives]
            if untouched and not np.allclose(grad_u[untouched], 0):
                raise _Stop(f"{WRONG} grad_outside_vecs: only rows o and the noise words "
                            f"take part; row {untouched[0]} should be zero.")
            raise _Stop(_where("grad_outside_vecs", grad_u, ref_u))
        _gradcheck_both(fn, v, u, o, negatives)
    # One more input whose noise words include o itself, which word2vec skips.
    v, u = rng.normal(size=3), rng.normal(size=(6, 3))
    o, negatives = 2, np.array([4, 2, 0])
    out = _tuple(_run(fn, v, o, negatives, u), 3, names)
    want = neg_sampling_loss_and_grad(v, o, negatives, u)
    got = (float(_array(out[0], "loss", ())), _array(out[1], "grad_center_vec", v.shape),
           _array(out[2], "grad_outside_vecs", u.shape))
    if not (np.isclose(got[0], want[0]) and _close(got[1], want[1]) and _close(got[2], want[2])):
        raise _Stop(SKIP_MISSING)
    return (f"{RIGHT} Loss and both gradients match w.neg_sampling_loss_and_grad on 3 random "
            f"inputs (a noise word drawn twice included), and check_gradient agrees. A noise "
            f"word equal to o is skipped, as in word2vec.")



def check_neg_sampling_loss_and_grad(fn):
    """Print the verdict on your ``neg_sampling_loss_and_grad`` (06)."""
    print(diagnose_neg_sampling_loss_and_grad(fn))
