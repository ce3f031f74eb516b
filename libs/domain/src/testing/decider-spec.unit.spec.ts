import { DomainError } from '../errors';
import { deciderSpec } from './decider-spec';

/** A toy decider: refuses `missing`, else answers the command tagged with how many events came before. */
const given = deciderSpec<string, string, string[]>({
  decide: (command, past) => {
    if (command === 'missing') throw new DomainError('NOT_FOUND', 'no such thing');
    return [`${command}@${past.length}`];
  },
  evolve: (past, event) => [...past, event],
  initialState: () => [],
});

// The kit is what makes every decider spec able to fail: each of its checks must fail when wrong.
describe('deciderSpec', () => {
  it('folds the given events before deciding', () => given('a', 'b').when('c').then(['c@2']));

  it('fails on other events than those decided', () =>
    expect(() => given('a').when('c').then(['c@0'])).toThrow());

  it('fails when a command expected to be refused is accepted', () =>
    expect(() => given().when('c').thenThrows('NOT_FOUND')).toThrow(/accepted/));

  it('fails on a refusal with another code, or one its check rejects', () => {
    expect(() => given().when('missing').thenThrows('RETRACTED')).toThrow();
    expect(() =>
      given()
        .when('missing')
        .thenThrows('NOT_FOUND', (error) => expect(error.details).toEqual({ eventId: 'x' })),
    ).toThrow();
  });
});
