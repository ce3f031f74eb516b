/**
 * Structural equality of JSON-like data. A property whose value is `undefined` counts as absent,
 * so facts freshly parsed and the same facts read back from the store compare equal.
 */
export const deepEqual = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => deepEqual(item, b[i]))
    );
  }
  const left = definedKeys(a);
  const right = definedKeys(b);
  return (
    left.length === right.length &&
    left.every(
      (key) =>
        right.includes(key) &&
        deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
};

const definedKeys = (value: object): string[] =>
  Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
