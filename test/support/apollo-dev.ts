/**
 * Apollo Client reads `globalThis.__DEV__` when it loads: set first, its development checks
 * and warnings (such as "Cache data may be lost") are on, as in a front end being built.
 */
(globalThis as { __DEV__?: boolean }).__DEV__ = true;
