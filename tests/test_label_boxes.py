"""place_boxes: labels beside their points, never on each other, a mark, or the frame edge."""

import numpy as np

from w2v_lib.teach.label_boxes import place_boxes


def meet(a, b):
    """Two (x0, y0, x1, y1) boxes share area (a plain comparison, by hand)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_ten_labels_of_one_point_do_not_overlap_and_stay_inside():
    points = np.full((10, 2), [150.0, 100.0])
    sizes = np.array([[24.0, 9.0]] * 10)
    boxes = place_boxes(points, sizes, np.zeros((0, 4)), 300, 200)
    assert not any(meet(boxes[i], boxes[j]) for i in range(10) for j in range(i))
    assert (boxes[:, 0] >= 0).all() and (boxes[:, 2] <= 300).all()
    assert (boxes[:, 1] >= 0).all() and (boxes[:, 3] <= 200).all()
    assert np.allclose(boxes[:, 2:] - boxes[:, :2], sizes)  # each box has its label's size


def test_the_first_choice_is_just_right_of_the_point():
    box = place_boxes(np.array([[100.0, 100.0]]), np.array([[20.0, 8.0]]), np.zeros((0, 4)),
                      300, 200)[0]
    assert box[0] > 100 and box[0] - 100 < 10 and box[1] < 100 < box[3]  # right, centred


def test_a_mark_and_the_frame_edge_push_the_label_elsewhere():
    mark = np.array([[104.0, 90.0, 140.0, 110.0]])  # covers the place right of the point
    box = place_boxes(np.array([[100.0, 100.0]]), np.array([[20.0, 8.0]]), mark, 300, 200)[0]
    assert not meet(box, mark[0])
    at_edge = place_boxes(np.array([[295.0, 100.0]]), np.array([[20.0, 8.0]]), np.zeros((0, 4)),
                          300, 200)[0]
    assert at_edge[2] <= 300 and at_edge[0] < 295  # no room on the right: it goes left


def test_a_label_does_not_cover_another_point():
    points = np.array([[100.0, 100.0], [112.0, 100.0]])  # the second point sits just where
    box = place_boxes(points, np.array([[20.0, 8.0]] * 2), np.zeros((0, 4)), 300, 200)[0]
    assert not meet(box, [108, 96, 116, 104])  # the first label would go first
