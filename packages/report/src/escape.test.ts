import { describe, expect, it } from 'vitest';

import { jsonText, oneLine, tapText, visibleDetail, xmlAttribute, xmlText } from './escape.js';

describe('escaping', () => {
  it('oneLine: every line break and control character visible, nothing else touched', () => {
    expect(oneLine('a\nb\rc\td\u0000e\u001bf\u0085g\u2028h\u2029i')).toBe('a\\nb\\rc\\td\\u0000e\\u001bf\\u0085g\\u2028h\\u2029i');
    expect(oneLine('plain <&> "quotes" # ü 日本')).toBe('plain <&> "quotes" # ü 日本');
  });

  it('visibleDetail: a diff keeps its line breaks and tabs; the file name inside it cannot add a line', () => {
    expect(visibleDetail('--- a\nb\n+x\ty\u001b[31m', 'a\nb')).toBe('--- a\\nb\n+x\ty\\u001b[31m');
  });

  it('tapText: backslash doubled before # is escaped, so \\# in a name stays distinguishable from an escaped #', () => {
    expect(tapText('a # SKIP')).toBe('a \\# SKIP');
    expect(tapText('a\\#b')).toBe('a\\\\\\#b');
    expect(tapText('x\nok 2')).toBe('x\\nok 2');
  });

  it('xmlAttribute and xmlText: markup escaped, forbidden characters as \\uXXXX, line breaks kept as references in attributes', () => {
    expect(xmlAttribute('<a href="x">&\'\n\r\t')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&#10;&#13;&#9;');
    expect(xmlText('<a>\n\r&')).toBe('&lt;a&gt;\n&#13;&amp;');
    expect(xmlAttribute('\u0000\u0008\u000b\ufffe\ud800x\udc00')).toBe('\\u0000\\u0008\\u000b\\ufffe\\ud800x\\udc00');
    // A valid surrogate pair is one character and stays.
    expect(xmlText('😀')).toBe('😀');
    expect(xmlText('a\u2028b')).toBe('a&#x2028;b');
  });

  it('jsonText: parses back to the same value; NEL and U+2028/U+2029 escaped for line-based readers', () => {
    const value = { name: 'a\u0085b\u2028c\u2029d\u0000e' };
    const text = jsonText(value);
    expect(text).not.toMatch(/[\u0085\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
