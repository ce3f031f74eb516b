/**
 * Why a value would not come back from JSON as it went in, or undefined when it would.
 * `JSON.stringify` silently drops functions and `undefined`, turns NaN into null, a Date into a
 * string and a Map into `{}`; stored events must read back exactly as they were written, so
 * anything but plain JSON data is refused. An object property whose value is `undefined` is the
 * one exception: it reads back as an absent property, which is what optional fields mean.
 */
export function jsonProblem(value: unknown): { path: string; problem: string } | undefined {
  return check(value, '', new Set());
}

function check(
  value: unknown,
  path: string,
  ancestors: Set<object>,
): { path: string; problem: string } | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : { path, problem: `${value} is not valid JSON` };
    case 'undefined':
      return { path, problem: 'undefined is not valid JSON' };
    case 'bigint':
      return { path, problem: 'a BigInt is not valid JSON (store it as a string)' };
    case 'function':
    case 'symbol':
      return { path, problem: `a ${typeof value} is not valid JSON` };
    case 'object':
      return value === null ? undefined : checkObject(value, path, ancestors);
  }
}

function checkObject(
  value: object,
  path: string,
  ancestors: Set<object>,
): { path: string; problem: string } | undefined {
  if (ancestors.has(value)) return { path, problem: 'a circular reference is not valid JSON' };
  const isArray = Array.isArray(value);
  if (!isArray && !isPlainObject(value)) {
    const kind = value.constructor?.name ?? 'object';
    return { path, problem: `a ${kind} is not plain JSON data` };
  }
  ancestors.add(value);
  try {
    if (isArray) {
      for (let i = 0; i < value.length; i++) {
        const found = check(value[i], `${path}[${i}]`, ancestors);
        if (found) return found;
      }
    } else {
      for (const [key, item] of Object.entries(value)) {
        if (item === undefined) continue;
        const found = check(item, `${path}.${key}`, ancestors);
        if (found) return found;
      }
    }
    return undefined;
  } finally {
    ancestors.delete(value);
  }
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
