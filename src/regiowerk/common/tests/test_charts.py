"""The SVG building blocks: scales, step lines, escaping, legends. No database."""

from regiowerk.common.charts import Scale, Series, Svg, step_points


def test_a_scale_maps_a_range_onto_pixels_either_way_round():
    down = Scale(0, 1, 200, 20)  # a y axis: higher values further up
    assert (down(0), down(0.5), down(1)) == (200, 110, 20)
    assert Scale(5, 5, 10, 90)(5) == 10  # a range of zero width


def test_a_step_line_holds_each_value_until_the_next_step():
    x, y = Scale(0, 10, 0, 100), Scale(0, 1, 100, 0)
    assert step_points([(0, 1.0), (4, 0.5)], x, y, until=10) == [
        (0, 0),
        (40, 0),
        (40, 50),
        (100, 50),
    ]


def test_an_svg_is_an_image_with_a_title_and_escaped_text():
    svg = Svg(width=100, height=50, title="A & B", title_id="t")
    svg.text(1, 2, "<b>", anchor="end", bold=True)
    svg.legend(
        0, 40, [Series("Plan", "#111", dash="6 4"), Series("Geld", "#222", width=None)]
    )
    markup = str(svg)
    assert markup.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="chart"')
    assert 'role="img" aria-labelledby="t"><title id="t">A &amp; B</title>' in markup
    assert (
        '<text x="1" y="2" font-size="11" text-anchor="end" font-weight="bold">&lt;b&gt;'
        in markup
    )
    assert 'stroke="#111" stroke-width="2" stroke-dasharray="6 4"/>' in markup
    assert 'stroke="#222"/>' in markup  # no width: the default stroke
    assert markup.endswith("</svg>")
