"""Execute notebooks in a fresh kernel and store their outputs, reproducibly.

    python tools/execute_notebooks.py notebooks/*.ipynb

Cells tagged ``nbval-ignore-output`` (live widgets, timings) keep their execution count
but not their output, and widget state is dropped: such output only means something in a
live kernel, and storing it would make every re-run differ. Running this twice leaves
``git diff`` empty.
"""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", record_timing=False,
        resources={"metadata": {"path": str(Path(path).parent)}},
    )
    client.execute()
    for cell in nb.cells:
        if cell.cell_type == "code" and "nbval-ignore-output" in cell.metadata.get("tags", []):
            cell.outputs = []
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(f"executing {arg}", flush=True)
        execute(arg)
