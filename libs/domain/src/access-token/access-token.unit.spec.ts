import { deciderSpec } from '../testing/decider-spec';
import {
  decideIssue,
  decideRevoke,
  evolveAccessToken,
  type AccessTokenEvent,
  type AccessTokenState,
} from './access-token';

/** The two token decisions as one command union, so the shared kit can drive them. */
type AccessTokenCommand =
  | { type: 'IssueAccessToken'; data: { name: string; role: string; tokenHash: string } }
  | { type: 'RevokeAccessToken'; data: { name: string } };

const initialState = (): AccessTokenState => ({ status: 'none' });

const given = deciderSpec<AccessTokenCommand, AccessTokenEvent, AccessTokenState>({
  decide: (command, state) =>
    command.type === 'IssueAccessToken'
      ? decideIssue(state, command.data)
      : decideRevoke(state, command.data.name),
  evolve: evolveAccessToken,
  initialState,
});

const issue = (name: string, role: string, tokenHash: string): AccessTokenCommand => ({
  type: 'IssueAccessToken',
  data: { name, role, tokenHash },
});
const revoke = (name: string): AccessTokenCommand => ({
  type: 'RevokeAccessToken',
  data: { name },
});

const issued: AccessTokenEvent = {
  type: 'AccessTokenIssued',
  data: { name: 'alice', role: 'editor', tokenHash: 'h' },
};
const revoked: AccessTokenEvent = { type: 'AccessTokenRevoked', data: { name: 'alice' } };

describe('access tokens', () => {
  it('given no token, when issued, then AccessTokenIssued', () =>
    given()
      .when(issue('alice', 'editor', 'h'))
      .then([issued]));

  it('given an issued name, when issued again, then ALREADY_EXISTS', () =>
    given(issued)
      .when(issue('alice', 'admin', 'x'))
      .thenThrows('ALREADY_EXISTS'));

  it('given a revoked name, when issued again, then ALREADY_EXISTS', () =>
    given(issued, revoked)
      .when(issue('alice', 'editor', 'y'))
      .thenThrows('ALREADY_EXISTS'));

  it('refuses a bad name and an unknown role, naming both fields', () =>
    given()
      .when(issue('no spaces', 'root', 'h'))
      .thenThrows('INVALID_INPUT', (error) =>
        expect(error.issues.map((i) => i.path)).toEqual(['name', 'role']),
      ));

  it('revokes an active token', () => given(issued).when(revoke('alice')).then([revoked]));

  it('revoking again changes nothing', () => given(issued, revoked).when(revoke('alice')).then([]));

  it('refuses to revoke an unknown token', () =>
    given().when(revoke('bob')).thenThrows('NOT_FOUND'));

  it('folds an issue and a revocation into a revoked token', () => {
    expect([issued, revoked].reduce(evolveAccessToken, initialState())).toEqual({
      status: 'revoked',
      name: 'alice',
      role: 'editor',
    });
  });
});
