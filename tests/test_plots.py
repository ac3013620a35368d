"""Tests for w2v_lib.plots: each figure draws what it claims."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import w2v_lib as w  # noqa: E402
from w2v_lib import plots  # noqa: E402

# --- 01 vectors, 02 windows

# --- 03 softmax, 04 loss, 05 mini-batches

# --- 06 negative sampling
