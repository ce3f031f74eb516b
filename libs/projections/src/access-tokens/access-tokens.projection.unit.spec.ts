import { projectionSpec, stored } from '../testing/projection-spec';
import { AccessTokenQueries, accessTokensProjection } from './index';

const spec = projectionSpec(accessTokensProjection);

const issued = (name: string, role: string, tokenHash: string, position: bigint, at: string) =>
  stored(
    { type: 'AccessTokenIssued', data: { name, role, tokenHash } },
    { stream: `access-token-${name}`, streamRevision: 0, globalPosition: position, recordedAt: at },
  );
const revoked = (name: string, position: bigint, at: string) =>
  stored(
    { type: 'AccessTokenRevoked', data: { name } },
    { stream: `access-token-${name}`, streamRevision: 1, globalPosition: position, recordedAt: at },
  );

const ALL = 'SELECT name, role, token_hash, issued_at, revoked_at FROM access_tokens ORDER BY name';

describe('access-tokens read model', () => {
  it('holds one row per issued token, stamped with when the log recorded it', () =>
    spec
      .given(
        issued('bob', 'reader', 'hash-b', 2n, '2024-03-01T10:00:00.000Z'),
        issued('alice', 'editor', 'hash-a', 1n, '2024-03-01T09:00:00.000Z'),
      )
      .thenRows(ALL, [
        {
          name: 'alice',
          role: 'editor',
          token_hash: 'hash-a',
          issued_at: '2024-03-01T09:00:00.000Z',
          revoked_at: null,
        },
        {
          name: 'bob',
          role: 'reader',
          token_hash: 'hash-b',
          issued_at: '2024-03-01T10:00:00.000Z',
          revoked_at: null,
        },
      ]));

  it('keeps a revoked token, marked with when it was revoked', () =>
    spec
      .given(
        issued('alice', 'editor', 'hash-a', 1n, '2024-03-01T09:00:00.000Z'),
        revoked('alice', 2n, '2024-03-02T09:00:00.000Z'),
      )
      .thenRows(ALL, [
        {
          name: 'alice',
          role: 'editor',
          token_hash: 'hash-a',
          issued_at: '2024-03-01T09:00:00.000Z',
          revoked_at: '2024-03-02T09:00:00.000Z',
        },
      ]));

  it('finds an active token by its hash, and a revoked one no longer', () => {
    const model = spec.given(
      issued('alice', 'editor', 'hash-a', 1n, '2024-03-01T09:00:00.000Z'),
      issued('bob', 'admin', 'hash-b', 2n, '2024-03-01T10:00:00.000Z'),
      revoked('bob', 3n, '2024-03-02T09:00:00.000Z'),
    );
    const queries = new AccessTokenQueries(model.db);
    expect(queries.findActive('hash-a')).toEqual({ name: 'alice', role: 'editor' });
    expect(queries.findActive('hash-b')).toBeUndefined();
    expect(queries.list().map((t) => [t.name, t.revokedAt])).toEqual([
      ['alice', null],
      ['bob', '2024-03-02T09:00:00.000Z'],
    ]);
  });
});
