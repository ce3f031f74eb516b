import { createHash, randomBytes } from 'node:crypto';

/** Every token starts with this, so a leaked one is easy to recognise (and to scan for). */
export const TOKEN_PREFIX = 'dtk_';

/** Tokens are 256 random bits, so one SHA-256 is enough to store them safely (no need to stretch). */
export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

export const newToken = (): string => `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
