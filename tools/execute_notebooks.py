"""Execute notebooks in a fresh kernel and store their outputs, reproducibly.

    python tools/execute_notebooks.py notebooks/*.ipynb

Consecutive chunks of one stream are merged (as nbval does when it compares). Cells tagged
``nbval-ignore-output`` (live widgets, timings) keep their execution count
but not their output, and widget state is dropped: such output only means something in a
live kernel, and storing it would make every re-run differ. Running this twice leaves
``git diff`` empty.
"""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def merge_streams(outputs):
    """Join consecutive stdout (or stderr) chunks: a busy kernel may split one print in two."""
    merged = []
    for out in outputs:
        prev = merged[-1] if merged else None
        if out.output_type == "stream" and prev is not None and prev.output_type == "stream" \
                and prev.name == out.name:
            prev.text += out.text
        else:
            merged.append(out)
    return merged


def execute(path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", record_timing=False,
        resources={"metadata": {"path": str(Path(path).parent)}},
    )
    client.execute()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if "nbval-ignore-output" in cell.metadata.get("tags", []):
            cell.outputs = []
        cell.outputs = merge_streams(cell.outputs)
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(f"executing {arg}", flush=True)
        execute(arg)
