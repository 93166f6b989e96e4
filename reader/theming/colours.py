"""Which colours a theme file may use, and which text colour reads on a colour.

Theme colours are ``#rgb``, ``#rrggbb`` or one of the 148 CSS named colours:
the forms Textual's CSS accepts and every theme author knows.  (Rich's colour
names are a different set, so they are not used here.)
"""

from __future__ import annotations

import re

CSS_COLOUR_NAMES = frozenset(
    """
    aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue
    blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue
    cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey
    darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon
    darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet
    deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen
    fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew
    hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon
    lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen lightgrey
    lightpink lightsalmon lightseagreen lightskyblue lightslategray lightslategrey
    lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine
    mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue
    mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream mistyrose
    moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid
    palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink
    plum powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon
    sandybrown seagreen seashell sienna silver skyblue slateblue slategray slategrey
    snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white
    whitesmoke yellow yellowgreen
    """.split()  # noqa: SIM905 - a list of 148 names reads better as words
)
"""The named colours of CSS Color Level 4 (``transparent`` is not a theme colour)."""

_HEX = re.compile(r"#(?:[0-9a-f]{3}|[0-9a-f]{6})")


def normal_colour(text: str) -> str | None:
    """`text` as a lower-case ``#rgb``/``#rrggbb``/CSS colour name, or None if it is not one."""
    colour = text.strip().lower()
    if _HEX.fullmatch(colour) or colour in CSS_COLOUR_NAMES:
        return colour
    return None


BLACK, WHITE = "#000000", "#ffffff"


def readable_text(red: int, green: int, blue: int) -> str:
    """Black or white, whichever contrasts more with the colour (WCAG 2 contrast ratio)."""
    lum = relative_luminance(red, green, blue)
    on_black = (lum + 0.05) / 0.05
    on_white = 1.05 / (lum + 0.05)
    return BLACK if on_black >= on_white else WHITE


def relative_luminance(red: int, green: int, blue: int) -> float:
    """WCAG 2 relative luminance of an sRGB colour with 0-255 channels."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
