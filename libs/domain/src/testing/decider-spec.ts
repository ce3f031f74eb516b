import { DomainError, type DomainErrorCode } from '../errors';

/** The three pure functions of one stream, as its tests see them. */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/**
 * Given/when/then over events for one decider, in the manner of Emmett's DeciderSpecification:
 *
 *   const given = deciderSpec(decider);
 *   given(recorded).when(amend(...)).then([amended]);
 *   given().when(amend(...)).thenThrows('NOT_FOUND');
 *   given().when(record(...)).thenThrows('INVALID_INPUT', (e) => expect(e.issues).toEqual([...]));
 *
 * The past events are folded with the decider's own `evolve`, so a test states history as the
 * store would hold it rather than building a state by hand.
 */
export const deciderSpec =
  <Command, Event, State>(decider: Decider<Command, Event, State>) =>
  (...past: readonly Event[]) => ({
    when: (command: Command) => {
      const state = past.reduce(
        (s: State, e: Event) => decider.evolve(s, e),
        decider.initialState(),
      );
      const run = () => decider.decide(command, state);
      return {
        /** The command succeeds and yields exactly these events (`[]`: nothing to do). */
        then: (expected: readonly Event[]): void => {
          expect(run()).toEqual(expected);
        },
        /** The command is refused with this code; `check` looks further into the error. */
        thenThrows: (code: DomainErrorCode, check?: (error: DomainError) => void): void => {
          const error = refusalOf(run);
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe(code);
          check?.(error as DomainError);
        },
      };
    },
  });

const refusalOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the command to be refused, but it was accepted');
};
