import { DomainError } from '../errors';
import {
  decideIssue,
  decideRevoke,
  evolveAccessToken,
  type AccessTokenEvent,
  type AccessTokenState,
} from './access-token';

const fold = (events: AccessTokenEvent[]): AccessTokenState =>
  events.reduce(evolveAccessToken, { status: 'none' } as AccessTokenState);

const issued: AccessTokenEvent = {
  type: 'AccessTokenIssued',
  data: { name: 'alice', role: 'editor', tokenHash: 'h' },
};

describe('access tokens', () => {
  it('given no token, when issued, then AccessTokenIssued', () => {
    expect(decideIssue(fold([]), { name: 'alice', role: 'editor', tokenHash: 'h' })).toEqual([
      issued,
    ]);
  });

  it('given an issued name, when issued again, then ALREADY_EXISTS', () => {
    expect(() =>
      decideIssue(fold([issued]), { name: 'alice', role: 'admin', tokenHash: 'x' }),
    ).toThrow(expect.objectContaining({ code: 'ALREADY_EXISTS' }));
  });

  it('refuses a bad name and an unknown role, naming both fields', () => {
    try {
      decideIssue(fold([]), { name: 'no spaces', role: 'root', tokenHash: 'h' });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).issues.map((i) => i.path)).toEqual(['name', 'role']);
    }
  });

  it('revokes an active token once; revoking again changes nothing', () => {
    const revoked = decideRevoke(fold([issued]), 'alice');
    expect(revoked).toEqual([{ type: 'AccessTokenRevoked', data: { name: 'alice' } }]);
    expect(fold([issued, ...revoked]).status).toBe('revoked');
    expect(decideRevoke(fold([issued, ...revoked]), 'alice')).toEqual([]);
  });

  it('refuses to revoke an unknown token', () => {
    expect(() => decideRevoke(fold([]), 'bob')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });
});
