import type { StoredEvent } from '@app/event-store';
import type { AccessTokenEvent, Role } from '@app/domain/access-token/access-token';
import type { Projection } from '../projection';
import type { ReadModelDb } from '../read-model-db';

export interface AccessTokenRow {
  readonly name: string;
  readonly role: Role;
  readonly issuedAt: string;
  readonly revokedAt: string | null;
}

/** Token hashes by name, so a bearer token is checked with one indexed lookup. */
export const accessTokensProjection: Projection = {
  name: 'access-tokens',
  version: 1,
  eventTypes: ['AccessTokenIssued', 'AccessTokenRevoked'],
  createSchema(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS access_tokens (
      name TEXT PRIMARY KEY, role TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
      issued_at TEXT NOT NULL, revoked_at TEXT)`);
  },
  dropSchema(db) {
    db.exec('DROP TABLE IF EXISTS access_tokens');
  },
  prepare(db) {
    const issue = db.prepare(
      'INSERT INTO access_tokens (name, role, token_hash, issued_at) VALUES (?, ?, ?, ?)',
    );
    const revoke = db.prepare('UPDATE access_tokens SET revoked_at = ? WHERE name = ?');
    return (stored: StoredEvent) => {
      const event = { type: stored.type, data: stored.data } as AccessTokenEvent;
      const at = stored.recordedAt.toISOString();
      if (event.type === 'AccessTokenIssued') {
        issue.run(event.data.name, event.data.role, event.data.tokenHash, at);
      } else {
        revoke.run(at, event.data.name);
      }
    };
  },
};

export class AccessTokenQueries {
  private readonly byHash;
  private readonly all;

  constructor(db: ReadModelDb) {
    this.byHash = db.prepare(
      'SELECT name, role FROM access_tokens WHERE token_hash = ? AND revoked_at IS NULL',
    );
    this.all = db.prepare(
      'SELECT name, role, issued_at AS issuedAt, revoked_at AS revokedAt FROM access_tokens ORDER BY name',
    );
  }

  /** The active token with this hash, if any. */
  findActive(tokenHash: string): { name: string; role: Role } | undefined {
    return this.byHash.get(tokenHash) as { name: string; role: Role } | undefined;
  }

  list(): AccessTokenRow[] {
    return this.all.all() as AccessTokenRow[];
  }
}
