"""Per-redraw time of the 07 step-through explorer (budget: 50 ms per replay redraw).

    .venv/bin/python bench/stepper.py            # skip-gram, then CBOW

Drives the explorer the way a learner does (observers fire synchronously) and prints the
median and worst time of: a replay redraw (slider to a recorded update), Step (record one
update and redraw), Step x10 (record ten, redraw once), Run 5 epochs (90 updates), and, for
comparison, a full redraw of the figure (what every redraw would cost without the saved
background; it happens only when an axis range grows); then the same in CBOW mode (the
model toggle, then its replay, Step and Run 5 epochs). Wall and CPU time are both printed:
with other work on the machine the wall time includes waiting for a core. A benchmark, not
a test: it asserts nothing.
"""

import io
import os
import statistics
import time

import numpy as np

from w2v_lib.teach import widgets

REPEATS = 40


def report(name, times):
    wall = [t[0] * 1000 for t in times]
    cpu = [t[1] * 1000 for t in times]
    print(f"{name:<46} median {statistics.median(wall):7.2f} ms   max {max(wall):7.2f} ms"
          f"   (CPU median {statistics.median(cpu):7.2f} ms)")


def timed(action):
    """(wall, CPU) seconds of one call: on a busy machine the CPU time is the fairer one."""
    start, start_cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - start, time.process_time() - start_cpu


def main():
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; {REPEATS} repeats")
    ex = widgets.step_through(np.random.default_rng(0), lr=0.5, batch_size=1)
    for _ in range(5):
        ex.step10.click()  # 50 recorded updates to scrub through
    ex.replay.value = 1  # the axes have settled: later redraws reuse the background
    rng = np.random.default_rng(1)
    targets = rng.integers(1, 51, size=REPEATS)
    report("replay slider: redraw a recorded update", [
        timed(lambda k=int(k): setattr(ex.replay, "value", k)) for k in targets])
    report("  of which the figure (draw + JPEG)", [
        timed(lambda k=int(k): (ex.view.draw(k), ex.view.jpeg())) for k in targets])
    report("Step: record one update, redraw", [
        timed(ex.step.click) for _ in range(REPEATS)])
    report("Step x10: record ten updates, redraw once", [
        timed(ex.step10.click) for _ in range(REPEATS // 4)])
    report("Run 5 epochs: record 90 updates, redraw once", [
        timed(ex.epochs5.click) for _ in range(4)])

    def full_redraw():
        buf = io.BytesIO()
        ex.view.fig.savefig(buf, format="jpeg", pil_kwargs={"quality": 95})

    report("full figure redraw (when an axis range grows)", [
        timed(full_redraw) for _ in range(REPEATS // 4)])
    ex.batch_size.value = 4  # restarts
    print(f"the figure was redrawn whole {ex.view.rebuilds} times (an axis range grew)")
    report("batch-size slider: restart and redraw", [
        timed(lambda b=b: setattr(ex.batch_size, "value", b)) for b in [1, 4, 18, 2] * 3])
    cbow(ex)


def cbow(ex):
    ex.batch_size.value = 1
    report("CBOW model toggle: restart and redraw (the first switch)",
           [timed(lambda: setattr(ex.model, "value", "CBOW"))])
    for _ in range(5):
        ex.step10.click()
    ex.replay.value = 1
    targets = np.random.default_rng(2).integers(1, 51, size=REPEATS)
    report("CBOW replay slider: redraw a recorded update", [
        timed(lambda k=int(k): setattr(ex.replay, "value", k)) for k in targets])
    report("CBOW Step: record one update, redraw", [timed(ex.step.click) for _ in range(REPEATS)])
    report("CBOW Run 5 epochs: record 30 updates, redraw once", [
        timed(ex.epochs5.click) for _ in range(4)])
    report("model toggle back and forth: restart and redraw", [
        timed(lambda m=m: setattr(ex.model, "value", m)) for m in ["skip-gram", "CBOW"] * 3])


if __name__ == "__main__":
    main()
