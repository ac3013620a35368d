"""One BLAS thread while a loop makes many small BLAS calls (L-BFGS, PROPACK).

numpy and scipy each ship an OpenBLAS that starts one thread per core. For the small
vectors of an L-BFGS step or an SVD iteration, waking those threads costs more than the
arithmetic, and on a busy machine (other processes on every core) a call can wait a whole
time slice for a sibling thread: here a 300-step fit went from 1.4 s to 90 s. ``one_thread``
sets every loaded OpenBLAS to one thread for the block and restores it after, through
OpenBLAS's own ``*_set_num_threads`` (found in /proc/self/maps; elsewhere it does nothing).
"""

import contextlib
import ctypes
from pathlib import Path

_FUNCTIONS = [("scipy_openblas_get_num_threads64_", "scipy_openblas_set_num_threads64_"),
              ("scipy_openblas_get_num_threads", "scipy_openblas_set_num_threads"),
              ("openblas_get_num_threads", "openblas_set_num_threads")]


def _openblas_libraries():
    """(get, set) function pairs of every OpenBLAS mapped into this process."""
    maps = Path("/proc/self/maps")
    if not maps.is_file():
        return []
    paths = sorted({line.split()[-1] for line in maps.read_text().splitlines()
                    if "openblas" in line.lower() and line.split()[-1].startswith("/")})
    found = []
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for get_name, set_name in _FUNCTIONS:
            if hasattr(lib, get_name) and hasattr(lib, set_name):
                found.append((getattr(lib, get_name), getattr(lib, set_name)))
                break
    return found


@contextlib.contextmanager
def one_thread():
    """Run the block with every loaded OpenBLAS on one thread; restore the counts after."""
    libraries = _openblas_libraries()
    before = [get() for get, _ in libraries]
    try:
        for _, set_threads in libraries:
            set_threads(1)
        yield
    finally:
        for (_, set_threads), count in zip(libraries, before, strict=True):
            set_threads(count)
