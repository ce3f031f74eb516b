import { Injectable } from '@nestjs/common';
import { hashToken, ReadSide, TOKEN_PREFIX, type Actor } from '@app/application';

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
