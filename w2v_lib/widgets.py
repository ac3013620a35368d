"""Explorers for the notebooks: one builder per explorer.

Each builder returns an ipywidgets container (display it as a cell's last expression) whose
controls and outputs are also attributes (e.g. ``ex.window``, ``ex.count``), so tests can set
a control's value and assert what the learner sees change. The work is done by plain
functions; a bad value a learner types shows a readable message, never a traceback.
DOM classes (``w2v-*``) let the browser tests find each control.
"""

import html

import ipywidgets as widgets
import numpy as np

# --- 01 vectors, 02 windows -------------------------------------------------------------

# --- 03 softmax, 04 loss, 05 mini-batches -------------------------------------------------
