"""Fast label placement for a figure redrawn many times a second (the step-through view).

``place_boxes`` works in pixels on plain arrays, with no renderer: each label is a box of
known size put beside its point at the nearest of a few dozen places that overlaps no
label placed before it, no other point, no mark to keep clear and no frame edge. For ten
labels it takes well under a millisecond, so it can run on every redraw. (``labels`` does
the same for static figures, asking matplotlib's renderer for each text's size.)

>>> import numpy as np
>>> boxes = place_boxes(np.array([[50.0, 50.0], [52.0, 50.0]]), np.array([[20.0, 8.0]] * 2),
...                     np.zeros((0, 4)), 200, 100)
>>> bool(boxes[0, 2] <= boxes[1, 0] or boxes[1, 2] <= boxes[0, 0] or boxes[0, 3] <= boxes[1, 1]
...      or boxes[1, 3] <= boxes[0, 1])   # two labels of nearly the same point do not meet
True
"""

import numpy as np

# Where a label may sit around its point (pixels), nearest first: right, above, left,
# below, the diagonals, then the same further out.
SHIFTS = np.array([(dx * r, dy * r) for r in (4, 9, 15, 22, 30)
                   for dx, dy in ((1, 0), (0, 1), (-1, 0), (0, -1), (1, 1), (-1, 1), (-1, -1),
                                  (1, -1))], dtype=float)


def _overlap(boxes, others):
    """(n, m) True where box i of ``boxes`` (x0, y0, x1, y1) meets box j of ``others``."""
    if len(others) == 0:
        return np.zeros((len(boxes), 0), bool)
    b, o = boxes[:, None, :], np.asarray(others)[None, :, :]
    return ((b[..., 0] < o[..., 2] + 1) & (o[..., 0] < b[..., 2] + 1)
            & (b[..., 1] < o[..., 3] + 1) & (o[..., 1] < b[..., 3] + 1))


def place_boxes(points, sizes, keep_clear, width, height, *, dot=4):
    """One box per point, beside it, overlapping no other box, point or keep-clear box.

    Parameters
    ----------
    points : ndarray of shape (n, 2)
        The labelled points, in pixels from the frame's lower-left corner.
    sizes : ndarray of shape (n, 2)
        Each label's (width, height) in pixels.
    keep_clear : ndarray of shape (m, 4)
        Boxes (x0, y0, x1, y1) no label may cover (markers, arrows).
    width, height : float
        The frame; every box stays inside it when it can.
    dot : float, default 4
        Half the size of a point's marker (pixels), kept clear of the other labels.

    Returns (n, 4) boxes (x0, y0, x1, y1), in order; where no place is free, the one with
    the fewest clashes (labels count ten times more than points).
    """
    dots = np.hstack([points - dot, points + dot])
    placed = []
    for i, (xy, (w, h)) in enumerate(zip(points, sizes, strict=True)):
        lower_left = xy + SHIFTS - [w / 2, h / 2] + np.sign(SHIFTS) * [w / 2 + 3, h / 2 + 3]
        boxes = np.hstack([lower_left, lower_left + [w, h]])
        inside = ((boxes[:, 0] >= 1) & (boxes[:, 1] >= 1) & (boxes[:, 2] <= width - 1)
                  & (boxes[:, 3] <= height - 1))
        others = np.vstack([np.delete(dots, i, axis=0), np.reshape(keep_clear, (-1, 4))])
        clashes = _overlap(boxes, placed).sum(axis=1) * 10 + _overlap(boxes, others).sum(axis=1)
        placed.append(boxes[int(np.argmin(np.where(inside, clashes, 10**6)))])
    return np.array(placed)
