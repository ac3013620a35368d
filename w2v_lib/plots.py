"""Figures for the notebooks: one function per figure, each drawing on a given or new Axes.

Plot functions return the Axes (or Figure) they drew on and never call plt.show();
notebook cells end with ``;`` so no repr is stored.
"""

import matplotlib.pyplot as plt
import numpy as np

# --- 01 vectors, 02 windows -------------------------------------------------------------

# --- 03 softmax, 04 loss, 05 mini-batches -------------------------------------------------

# --- 06 negative sampling on a real corpus ------------------------------------------------
