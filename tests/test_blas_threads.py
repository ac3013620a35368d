"""one_thread: every loaded OpenBLAS runs on one thread inside the block, as before after it."""

import numpy as np
import pytest

from w2v_lib import blas_threads


def test_one_thread_inside_and_restored_after():
    libraries = blas_threads._openblas_libraries()
    assert libraries, "numpy's OpenBLAS should be found in /proc/self/maps"
    before = [get() for get, _ in libraries]
    with blas_threads.one_thread():
        assert [get() for get, _ in libraries] == [1] * len(libraries)
        assert np.allclose(np.eye(3) @ np.ones(3), 1)
    assert [get() for get, _ in libraries] == before


def test_restored_after_an_error():
    libraries = blas_threads._openblas_libraries()
    before = [get() for get, _ in libraries]
    with pytest.raises(ZeroDivisionError), blas_threads.one_thread():
        1 / 0  # noqa: B018
    assert [get() for get, _ in libraries] == before
