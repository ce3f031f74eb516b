import {
  hasBidiControl,
  hasVisibleCharacter,
  isWellFormedText,
  quoteValue,
  TEXT_MESSAGES,
  textProblem,
} from './text-rules';

describe('text rules', () => {
  describe('well-formed UTF-16', () => {
    it.each([
      ['plain text', 'Migration talks'],
      ['accents and non-Latin scripts', 'Fernández de Cossío — 哈瓦那 — هافانا'],
      ['a surrogate pair (emoji)', 'talks 🇺🇸🇨🇺'],
      ['the empty string', ''],
    ])('given %s, then it is well formed', (_name, text) =>
      expect(isWellFormedText(text)).toBe(true),
    );

    it.each([
      ['a lone high surrogate', 'a\uD800b'],
      ['a lone low surrogate', 'a\uDC00b'],
      ['a high surrogate at the end', 'talks\uD83C'],
      ['two halves in the wrong order', '\uDC00\uD800'],
    ])('given %s, then it is not', (_name, text) => expect(isWellFormedText(text)).toBe(false));
  });

  describe('visible characters', () => {
    it.each([
      ['a letter', 'a'],
      ['a digit', '7'],
      ['punctuation', '?'],
      ['a symbol (emoji)', '🙂'],
      ['a CJK ideograph', '会'],
      ['a letter among invisible characters', '\u200B\u2060x\uFEFF'],
    ])('given %s, then the text shows something', (_name, text) =>
      expect(hasVisibleCharacter(text)).toBe(true),
    );

    it.each([
      ['spaces and tabs', ' \t '],
      ['a no-break and an ideographic space', '\u00A0\u3000'],
      ['control characters', '\u0001\u007F\u0085'],
      ['zero-width space, word joiner and BOM', '\u200B\u2060\uFEFF'],
      ['a soft hyphen and zero-width joiners', '\u00AD\u200C\u200D'],
      ['Hangul fillers', '\u3164\u115F\u1160\uFFA0'],
      ['a blank braille pattern', '\u2800'],
      ['variation selectors', '\uFE0F\u{E0100}'],
      ['a lone combining mark', '\u0301'],
      ['bidirectional controls', '\u202E\u2066'],
      ['tag characters', '\u{E0041}\u{E0042}'],
    ])('given only %s, then it shows nothing', (_name, text) =>
      expect(hasVisibleCharacter(text)).toBe(false),
    );
  });

  describe('bidirectional controls', () => {
    it.each(['202A', '202B', '202C', '202D', '202E', '2066', '2067', '2068', '2069'])(
      'given U+%s in a name, then it is found',
      (hex) => expect(hasBidiControl(`abc${String.fromCharCode(parseInt(hex, 16))}def`)).toBe(true),
    );

    it('given only directional marks (U+200E, U+200F), then none is found', () =>
      expect(hasBidiControl('abc\u200Edef\u200F')).toBe(false));
  });

  describe('textProblem', () => {
    it('given a good single-line text, then there is no problem', () =>
      expect(textProblem('U.S.-Cuba migration talks', { singleLine: true })).toBeUndefined());

    it('given a lone surrogate, then the malformed message comes first', () =>
      expect(textProblem('\u202E\uD800', { singleLine: true })).toBe(TEXT_MESSAGES.malformed));

    it('given a right-to-left override in a single-line text, then it is refused', () =>
      expect(textProblem('evil\u202Etxt.exe', { singleLine: true })).toBe(
        TEXT_MESSAGES.bidiControl,
      ));

    it('given an isolate in a multi-line text, then it is allowed (a summary may quote RTL text)', () =>
      expect(textProblem('Quote: \u2067שלום\u2069', { singleLine: false })).toBeUndefined());

    it('given only invisible characters, then it must show something', () =>
      expect(textProblem('\u200B\u3164', { singleLine: false })).toBe(TEXT_MESSAGES.invisible));
  });

  describe('quoteValue', () => {
    it('given a short value, then it is quoted whole', () =>
      expect(quoteValue('USAX')).toBe('"USAX"'));

    it('given a long value, then it is cut to the limit with an ellipsis', () =>
      expect(quoteValue('x'.repeat(100_000), 24)).toBe(`"${'x'.repeat(24)}…"`));

    it('given emoji across the cut, then no surrogate pair is split', () => {
      const quoted = quoteValue('😀'.repeat(30), 5);
      expect(quoted).toBe(`"${'😀'.repeat(5)}…"`);
      expect(isWellFormedText(quoted)).toBe(true);
    });

    it('given a number, then it is quoted as text', () => expect(quoteValue(42)).toBe('"42"'));
  });
});
