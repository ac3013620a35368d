"""Tests for w2v_lib.widgets: set a control, assert what the learner sees."""

import numpy as np
import pytest

import w2v_lib as w
from w2v_lib import widgets

# --- 01 vectors, 02 windows

# --- 03 softmax, 04 loss, 05 mini-batches
