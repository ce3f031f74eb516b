import { DomainError } from '../errors';

/** Roles a bearer token can carry. `reader` may only read (when reads are private); `editor` may also record, amend and retract; `admin` may do everything. */
export const ROLES = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Tokens are event-sourced too, so every API node sharing the log sees issues and revocations. */
export type AccessTokenIssued = Readonly<{
  type: 'AccessTokenIssued';
  data: Readonly<{ name: string; role: Role; tokenHash: string }>;
}>;
export type AccessTokenRevoked = Readonly<{
  type: 'AccessTokenRevoked';
  data: Readonly<{ name: string }>;
}>;
export type AccessTokenEvent = AccessTokenIssued | AccessTokenRevoked;

export type AccessTokenState =
  | { readonly status: 'none' }
  | { readonly status: 'active' | 'revoked'; readonly name: string; readonly role: Role };

/** What may be asked of a token's stream. The role is unchecked text until `decide` reads it. */
export type IssueAccessToken = Readonly<{
  type: 'IssueAccessToken';
  data: Readonly<{ name: string; role: string; tokenHash: string }>;
}>;
export type RevokeAccessToken = Readonly<{
  type: 'RevokeAccessToken';
  data: Readonly<{ name: string }>;
}>;
export type AccessTokenCommand = IssueAccessToken | RevokeAccessToken;

export const initialAccessTokenState = (): AccessTokenState => ({ status: 'none' });

export const ACCESS_TOKEN_STREAM_PREFIX = 'access-token-';
export const accessTokenStream = (name: string) => `${ACCESS_TOKEN_STREAM_PREFIX}${name}`;

const NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/i;

export function evolveAccessToken(
  state: AccessTokenState,
  event: AccessTokenEvent,
): AccessTokenState {
  switch (event.type) {
    case 'AccessTokenIssued':
      return { status: 'active', name: event.data.name, role: event.data.role };
    case 'AccessTokenRevoked':
      return state.status === 'none' ? state : { ...state, status: 'revoked' };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** A name is issued once; a revoked name stays revoked so the audit trail is unambiguous. */
export function decideIssue(
  state: AccessTokenState,
  input: { name: string; role: string; tokenHash: string },
): AccessTokenIssued[] {
  const issues = [];
  if (!NAME.test(input.name)) {
    issues.push({ path: 'name', message: 'must be 1-63 letters, digits, ".", "_" or "-"' });
  }
  if (!(ROLES as readonly string[]).includes(input.role)) {
    issues.push({ path: 'role', message: `must be one of ${ROLES.join(', ')}` });
  }
  if (issues.length) throw DomainError.invalid(issues);
  if (state.status !== 'none') {
    throw new DomainError('ALREADY_EXISTS', `A token named "${input.name}" already exists`, [
      { path: 'name', message: 'already used' },
    ]);
  }
  return [
    {
      type: 'AccessTokenIssued',
      data: { name: input.name, role: input.role as Role, tokenHash: input.tokenHash },
    },
  ];
}

export function decideRevoke(state: AccessTokenState, name: string): AccessTokenRevoked[] {
  if (state.status === 'none') {
    throw new DomainError('NOT_FOUND', `No token named "${name}"`, [
      { path: 'name', message: 'unknown token' },
    ]);
  }
  if (state.status === 'revoked') return [];
  return [{ type: 'AccessTokenRevoked', data: { name } }];
}

export function decideAccessToken(
  command: AccessTokenCommand,
  state: AccessTokenState,
): AccessTokenEvent[] {
  switch (command.type) {
    case 'IssueAccessToken':
      return decideIssue(state, command.data);
    case 'RevokeAccessToken':
      return decideRevoke(state, command.data.name);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

/** The token stream's decider, in the same shape as every other stream's. */
export const accessTokenDecider = {
  initialState: initialAccessTokenState,
  evolve: evolveAccessToken,
  decide: decideAccessToken,
} as const;
