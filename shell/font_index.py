"""Writes fallback.idx: for each fallback font, the code points it is the one to use for.

    python3 font_index.py OUT.idx FONT [FONT...]

One line per font, in the order given: its file name, then hexadecimal ranges "lo-hi" of the
code points it has that no earlier font has. ASCII is left out (the UI font always has it).
The app reads this at start-up to know, without loading any fallback font, which file holds a
code point, so that a browser fetches only the file it needs, and a code point no file has is
drawn as the replacement box at once.
"""
import os
import sys

from fontTools.ttLib import TTFont


def ranges(code_points):
    out = []
    for c in sorted(code_points):
        if out and c == out[-1][1] + 1:
            out[-1][1] = c
        else:
            out.append([c, c])
    return out


def main(out_path, fonts):
    taken = set(range(0x80))
    lines = []
    for path in fonts:
        mine = set(TTFont(path).getBestCmap()) - taken
        taken |= mine
        spans = " ".join(f"{lo:x}-{hi:x}" for lo, hi in ranges(mine))
        lines.append(f"{os.path.basename(path)} {spans}\n")
    with open(out_path, "w", encoding="ascii") as f:
        f.writelines(lines)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
