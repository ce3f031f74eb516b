import { initialState, type DiplomaticEventEvent } from '@app/domain';
import { ChangeDiplomaticEvent } from './diplomatic-event-command';
import { changeDiplomaticEvent } from './change-diplomatic-event';

const ID = '7d9f2c4e-5a1b-4c3d-8e9f-0a1b2c3d4e5f';
const NEW_ID = '0190a5c2-0000-7000-8000-000000000001';
const editor = { name: 'ana', role: 'editor' } as const;

const recordInput = {
  kind: 'TALKS',
  title: 'U.S.-Cuba migration talks in Washington',
  occurred: '2022-04-21',
  countries: ['USA', 'CUB'],
  sources: [{ title: 'U.S.-Cuba Migration Talks', publisher: 'U.S. Department of State' }],
};

/** A runner that decides on an empty stream and keeps what it was asked, without a store. */
function fakeRunner() {
  const calls: {
    stream: string;
    events: readonly DiplomaticEventEvent[];
    metadata: unknown;
    options: unknown;
  }[] = [];
  const runner = {
    run: async (
      stream: string,
      _decider: unknown,
      decide: (s: unknown) => readonly DiplomaticEventEvent[],
      metadata: unknown,
      options: unknown,
    ) => {
      const events = decide(initialState());
      calls.push({ stream, events, metadata, options });
      return { state: initialState(), position: events.length ? 1n : undefined };
    },
  };
  return { runner: runner as unknown as Parameters<typeof changeDiplomaticEvent>[0], calls };
}

describe('changing a diplomatic event record', () => {
  it('records under a new id when none is given, retrying a lost race, with the actor as metadata', async () => {
    const { runner, calls } = fakeRunner();
    const result = await changeDiplomaticEvent(
      runner,
      () => NEW_ID,
      new ChangeDiplomaticEvent('RecordDiplomaticEvent', recordInput, editor, 'req-1'),
    );
    expect(result).toEqual({ id: NEW_ID, changed: true });
    expect(calls).toHaveLength(1);
    expect(calls[0].stream).toContain(NEW_ID);
    expect(calls[0].events.map((e) => e.type)).toEqual(['DiplomaticEventRecorded']);
    expect(calls[0].metadata).toEqual({ recordedBy: 'ana', correlationId: 'req-1' });
    expect(calls[0].options).toEqual({ retryOnConflict: true });
  });

  it('keeps the id a record input carries', async () => {
    const { runner } = fakeRunner();
    const result = await changeDiplomaticEvent(
      runner,
      () => NEW_ID,
      new ChangeDiplomaticEvent('RecordDiplomaticEvent', { ...recordInput, id: ID }, editor),
    );
    expect(result.id).toBe(ID);
  });

  it.each(['AmendDiplomaticEvent', 'RetractDiplomaticEvent'] as const)(
    'routes %s to its own parser and to the decider, without retrying',
    async (type) => {
      const { runner, calls } = fakeRunner();
      const input =
        type === 'AmendDiplomaticEvent'
          ? { id: ID, expectedRevision: 1, reason: 'typo', title: 'Talks' }
          : { id: ID, expectedRevision: 1, reason: 'duplicate' };
      // The fake stream is empty, so the decider refuses: the command reached it parsed.
      await expect(
        changeDiplomaticEvent(runner, () => NEW_ID, new ChangeDiplomaticEvent(type, input, editor)),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(calls).toHaveLength(0);
    },
  );

  it('refuses an input its parser rejects, before touching the stream', async () => {
    const { runner, calls } = fakeRunner();
    await expect(
      changeDiplomaticEvent(
        runner,
        () => NEW_ID,
        new ChangeDiplomaticEvent('RetractDiplomaticEvent', { id: 'nope' }, editor),
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(calls).toHaveLength(0);
  });
});
