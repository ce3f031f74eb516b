/**
 * Rules every piece of stored or searched text obeys, as small pure predicates. Input readers
 * turn a broken rule into a field issue with the message below, so every field says the same.
 */

// A lone surrogate cannot be encoded as UTF-8: stores, exports and other clients would each
// replace or reject it differently. With the `u` flag, `\p{Cs}` matches only unpaired halves.
const LONE_SURROGATE = /\p{Cs}/u;

// Overrides, embeddings and isolates reorder what follows them, so a name can display as
// something other than what it is (the "Trojan Source" trick). Marks such as U+200F stay allowed.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;

// Letters, digits, punctuation and symbols, less what renders as nothing: default-ignorable
// code points (U+200B, U+2060, U+FEFF, Hangul fillers such as U+3164, variation selectors...)
// and the blank braille pattern U+2800, which is a symbol that draws no dots.
const VISIBLE = /(?![\p{Default_Ignorable_Code_Point}\u2800])[\p{L}\p{N}\p{P}\p{S}]/u;

export const TEXT_MESSAGES = {
  malformed: 'must be well-formed Unicode text (it holds a lone surrogate)',
  invisible: 'must contain at least one visible character',
  bidiControl:
    'must not contain bidirectional override, embedding or isolate controls (U+202A-U+202E, U+2066-U+2069)',
} as const;

/** True when every UTF-16 surrogate in the text is part of a pair. */
export const isWellFormedText = (text: string): boolean => !LONE_SURROGATE.test(text);

/** True when at least one character of the text draws something on screen. */
export const hasVisibleCharacter = (text: string): boolean => VISIBLE.test(text);

export const hasBidiControl = (text: string): boolean => BIDI_CONTROL.test(text);

/**
 * The message of the first rule a non-empty text breaks, or undefined. Single-line text is a
 * name or a title, shown on its own and in lists, so it may not reorder its neighbours.
 */
export const textProblem = (text: string, options: { singleLine: boolean }): string | undefined => {
  if (!isWellFormedText(text)) return TEXT_MESSAGES.malformed;
  if (options.singleLine && hasBidiControl(text)) return TEXT_MESSAGES.bidiControl;
  if (!hasVisibleCharacter(text)) return TEXT_MESSAGES.invisible;
  return undefined;
};

/**
 * A user value quoted inside an error message, cut to `max` characters, so that an error never
 * grows with the input it refuses. Cuts between code points, never inside a pair.
 */
export const quoteValue = (value: unknown, max = 24): string => {
  const text = typeof value === 'string' ? value : String(value);
  if (text.length <= max) return `"${text}"`;
  // `max` code points span at most 2 * max code units: only that much is split.
  const chars = [...text.slice(0, 2 * max)];
  return chars.length <= max && text.length <= 2 * max
    ? `"${text}"`
    : `"${chars.slice(0, max).join('')}…"`;
};
