"""The teaching layer: figures, explorers, questions and the step-through view.

It sits on top of the maths modules of ``w2v_lib`` and is the only part that imports
matplotlib or ipywidgets (tests/test_layers.py checks that nothing below imports it):

    from w2v_lib.teach import plots, quiz, widgets, stepper
"""
