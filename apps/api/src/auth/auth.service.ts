import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ReadSide } from '../infrastructure/read-side';
import type { Actor } from './actor';

const TOKEN_PREFIX = 'dtk_';

/** Tokens are 256 random bits, so one SHA-256 is enough to store them safely (no need to stretch). */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const newToken = (): string => `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;

@Injectable()
export class AuthService {
  constructor(private readonly readSide: ReadSide) {}

  /**
   * The actor an `Authorization` value stands for: `Bearer <token>` and nothing else (a bare
   * token, another scheme or a malformed value verifies as nobody).
   */
  verify(credential: unknown): Actor | undefined {
    if (typeof credential !== 'string') return undefined;
    const match = /^Bearer +(\S{1,200})$/i.exec(credential.trim());
    if (!match) return undefined;
    const token = match[1];
    if (!token.startsWith(TOKEN_PREFIX)) return undefined;
    return this.readSide.accessTokens.findActive(hashToken(token));
  }
}
