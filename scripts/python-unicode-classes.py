"""Writes src/eval/scorers/__fixtures__/python-reference/unicode-classes.json: the code points Python
treats as whitespace (str.isspace), word characters (re's \\w) and decimal digits (unicodedata.decimal),
plus the assigned code points of its Unicode version. python-text.test.ts checks Gantry's Python-text
helpers against it. Run: python3 scripts/python-unicode-classes.py (standard library only)."""
import json
import re
import sys
import unicodedata

OUT = 'src/eval/scorers/__fixtures__/python-reference/unicode-classes.json'


def runs(predicate):
    found = []
    for code in range(0x110000):
        if predicate(code):
            if found and found[-1][0] + found[-1][1] == code:
                found[-1][1] += 1
            else:
                found.append([code, 1])
    return found


word = re.compile(r'\w')
surrogate = lambda code: 0xD800 <= code <= 0xDFFF
data = {
    'python': sys.version.split()[0],
    'unicode': unicodedata.unidata_version,
    'whitespace': [code for code in range(0x110000) if chr(code).isspace()],
    'decimalRuns': runs(lambda code: unicodedata.decimal(chr(code), None) is not None),
    'wordRuns': runs(lambda code: not surrogate(code) and word.match(chr(code)) is not None),
    'assignedRuns': runs(lambda code: unicodedata.category(chr(code)) != 'Cn'),
}
with open(OUT, 'w') as handle:
    json.dump(data, handle)
print(f"{OUT}: Python {data['python']}, Unicode {data['unicode']}")
