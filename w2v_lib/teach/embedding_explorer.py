"""The embedding explorer of notebook 08: neighbours, analogies and a map of trained vectors.

The plain functions (``neighbours_html``, ``parse_analogy``, ``analogy_html``,
``parse_map_words``, ``map_png``) do the work and raise ValueError/KeyError with a readable
message on bad input; ``embedding_explorer`` wires them to three text boxes, three
``Explorer`` skeletons (teach/explorer.py) that show such a message in place of the result.
Words are matched in lower case, as ``tokenize`` makes them.
"""

import html
import re

import ipywidgets as widgets

from ..checks import check_int
from .explorer import Explorer
from .vector_plots import plot_word_map
from .views import figure_png, html_table, png_html

MAP_PRESETS = {
    "countries and capitals": "countries: france germany italy spain russia england; "
                              "capitals: paris berlin rome madrid moscow london",
    "people and royalty": "male: king man boy father son brother; "
                          "female: queen woman girl mother daughter sister",
    "animals, food, numbers": "animals: dog cat horse bird fish; food: bread cheese meat rice; "
                              "numbers: one two three four five",
}
RULES = {"3CosAdd": "add", "3CosMul": "mul"}  # the rule toggle's labels -> analogy's method
_BAR = "<div style='background:#8cb8e0;height:0.8em;width:{:.0f}px'></div>"


def _word(wv, word):
    """``word`` in lower case if wv knows it; KeyError naming it (and V) if not."""
    key = word.strip().lower()
    if key not in wv:
        raise KeyError(f"{word.strip()!r} is not in the vocabulary ({len(wv):,} words, each "
                       f"seen at least min_count times): try another word")
    return key


def _rows(pairs, full=1.0):
    """Table rows (rank, word, score, bar) for (word, score) pairs; a bar of 120 px = full."""
    return [(k, html.escape(word), f"{score:.3f}", _BAR.format(max(score, 0) / full * 120))
            for k, (word, score) in enumerate(pairs, start=1)]


def neighbours_html(wv, text, topn=10):
    """The ``topn`` nearest words to the one word typed in ``text``, as an HTML table.

    wv : WordVectors;  text : str, one word (any case);  topn : int >= 1.
    Columns: rank, word, cosine, a bar. Raises ValueError for an empty box or several
    words, KeyError for a word not in the vocabulary.
    """
    check_int("topn", topn)
    words = str(text).replace(",", " ").split()
    if not words:
        raise ValueError("The box is empty: type a word, e.g. king.")
    if len(words) > 1:
        raise ValueError(f"Type one word for its neighbours, got {len(words)}: {text.strip()!r}")
    word = _word(wv, words[0])
    title = f"<b>nearest to {html.escape(word)}</b> (cosine of unit vectors)"
    return title + html_table(["rank", "word", "cosine", ""], _rows(wv.most_similar(word, topn)))


def parse_analogy(text):
    """'a : b :: c' (or 'a b c') -> (a, b, c) in lower case: a is to b as c is to ?

    Raises ValueError with an example when ``text`` does not hold exactly three words.
    """
    words = [w for w in re.split(r"[\s:,]+", str(text).strip().lower()) if w]
    if len(words) != 3:
        got = "an empty box" if not words else f"{len(words)} word{'s' * (len(words) > 1)}"
        raise ValueError(f"An analogy needs three words, a : b :: c (e.g. man : king :: woman "
                         f"asks man is to king as woman is to ?); got {got}.")
    return tuple(words)


def analogy_html(wv, text, topn=5, rule="3CosAdd"):
    """Answers to the analogy typed in ``text`` ('a : b :: c') by 3CosAdd or 3CosMul.

    wv : WordVectors;  text : str;  topn : int >= 1;  rule : a key of RULES, "3CosAdd"
    (the words nearest b − a + c; column "cosine") or "3CosMul" (``wv.analogy(...,
    method="mul")``; column "3CosMul score", its bars relative to the best answer's).
    a, b and c themselves are excluded (as in gensim). Returns an HTML table (rank, word,
    score, bar) under the question, whose title names the rule and the score.
    """
    check_int("topn", topn)
    if rule not in RULES:
        raise ValueError(f"rule must be one of {', '.join(RULES)}, got {rule!r}")
    a, b, c = (_word(wv, word) for word in parse_analogy(text))
    answers = wv.analogy(a, b, c, topn, method=RULES[rule])
    a, b, c = (html.escape(word) for word in (a, b, c))
    question, left_out = f"<b>{a} : {b} :: {c} : ?</b> &nbsp; ", f"({a}, {b}, {c} left out)"
    if rule == "3CosAdd":
        title = f"{question}ranked by 3CosAdd, nearest to {b} − {a} + {c}; score: cosine {left_out}"
        return title + html_table(["rank", "word", "cosine", ""], _rows(answers))
    title = (f"{question}ranked by 3CosMul; score: 3CosMul score = cos′(x, {b}) cos′(x, {c}) "
             f"/ (cos′(x, {a}) + 0.001), cos′ = (cos + 1) / 2 {left_out}")
    full = answers[0][1] if answers and answers[0][1] > 0 else 1.0
    return title + html_table(["rank", "word", "3CosMul score", ""], _rows(answers, full))


def parse_map_words(text):
    """The groups typed for the map: 'name: w1 w2; other: w3 w4' -> {name: [w1, w2], ...}.

    Groups are separated by ';' and words by spaces or commas; a group without 'name:' is
    called 'group k'. Raises ValueError if fewer than two words are given or a word repeats.
    """
    groups = {}
    for k, part in enumerate(str(text).split(";"), start=1):
        name, _, words = part.rpartition(":")
        words = [word.lower() for word in words.replace(",", " ").split()]
        if words:
            groups[name.strip() or f"group {k}"] = words
    every = [word for members in groups.values() for word in members]
    if len(every) < 2:
        raise ValueError("Type at least two words for the map, e.g. "
                         "'countries: france italy; capitals: paris rome'.")
    repeated = sorted({word for word in every if every.count(word) > 1})
    if repeated:
        raise ValueError(f"Each word can appear once on the map; repeated: {', '.join(repeated)}")
    return groups


def map_png(wv, text, *, figsize=(7.4, 4.4), dpi=100):
    """The PNG bytes of plot_word_map for the groups typed in ``text`` (parse_map_words).

    Every word must be in wv: the KeyError names the unknown ones.
    """
    groups = parse_map_words(text)
    unknown = [word for members in groups.values() for word in members if word not in wv]
    if unknown:
        raise KeyError(f"not in the vocabulary: {', '.join(unknown)}")
    return figure_png(plot_word_map(wv, groups, figsize=figsize).figure, dpi=dpi)


def map_html(wv, text):
    """map_png as an HTML <img> (a data URL, so the page needs no file)."""
    return png_html(map_png(wv, text), alt="word map")


def embedding_explorer(wv, *, word="king", analogy="man : king :: woman", rule="3CosAdd",
                       presets=None, topn=10):
    """Three explorers on trained vectors ``wv`` (WordVectors): neighbours, analogy, map.

    Type a word (press Enter) for its ``topn`` nearest words; 'a : b :: c' for the best
    answers by the ``rule`` toggled beside it ("3CosAdd", the words nearest b − a + c, or
    "3CosMul"; analogy_html); words in groups ('name: w1 w2; other: w3') or a preset for a 2-D map.
    presets : dict name -> map text (default MAP_PRESETS); the first is shown at the start.
    Each part is an Explorer with its own message line (DOM classes w2v-embedding-neighbours,
    w2v-embedding-analogy, w2v-embedding-map), so a bad word in one box leaves the others.
    Attributes: word, neighbours; analogy, rule, answers; map_words, preset, word_map; and
    neighbours_message, analogy_message, map_message (the three message lines).
    """
    presets = dict(MAP_PRESETS if presets is None else presets)
    box = dict(continuous_update=False, layout=widgets.Layout(width="34em"))
    first = next(iter(presets), None)
    parts = [
        Explorer("embedding_neighbours",
                 {"word": widgets.Text(value=word, description="word", **box)},
                 {"neighbours": widgets.HTML()},
                 lambda word: {"neighbours": neighbours_html(wv, word, topn)}),
        Explorer("embedding_analogy",
                 {"analogy": widgets.Text(value=analogy, description="a : b :: c", **box),
                  "rule": widgets.ToggleButtons(options=list(RULES), value=rule,
                                                description="rule")},
                 {"answers": widgets.HTML()},
                 lambda analogy, rule: {"answers": analogy_html(wv, analogy, rule=rule)}),
        Explorer("embedding_map",
                 {"map_words": widgets.Text(value=presets.get(first, ""), description="words",
                                            **box),
                  "preset": widgets.Dropdown(options=["(typed)", *presets],
                                             value=first or "(typed)", description="or pick")},
                 {"word_map": widgets.HTML()},
                 lambda map_words, preset: {"word_map": map_html(wv, map_words)},
                 rows=["map_words", "preset", "message", "word_map"], live=[]),
    ]
    neighbours, analogies, word_map = parts

    def pick():  # a preset fills the box
        if word_map.preset.value in presets:
            word_map.map_words.value = presets[word_map.preset.value]

    def typed():  # a typed text is no longer the preset
        if presets.get(word_map.preset.value) != word_map.map_words.value:
            word_map.preset.value = "(typed)"

    word_map.on_change("preset", pick)
    word_map.on_change("map_words", typed)
    titles = ["Neighbours: type a word, press Enter",
              "Analogy: a : b :: c asks a is to b as c is to ? (press Enter); "
              "pick the rule that ranks the answers",
              "Map: words in groups, 'name: w1 w2; other: w3 w4', or pick a set"]
    ex = widgets.VBox([widgets.VBox([widgets.HTML(f"<b>{title}</b>"), part])
                       for title, part in zip(titles, parts, strict=True)])
    ex.add_class("w2v-embedding-explorer")
    ex.parts = parts
    ex.word, ex.neighbours, ex.neighbours_message = (
        neighbours.word, neighbours.neighbours, neighbours.message)
    ex.analogy, ex.rule, ex.answers, ex.analogy_message = (
        analogies.analogy, analogies.rule, analogies.answers, analogies.message)
    ex.map_words, ex.preset, ex.word_map, ex.map_message = (
        word_map.map_words, word_map.preset, word_map.word_map, word_map.message)
    return ex
