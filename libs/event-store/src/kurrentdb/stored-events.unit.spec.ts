import type { RecordedEvent } from '@kurrent/kurrentdb-client';
import { isSystemEvent, toEventData, toStoredEvent } from './stored-events';

const created = new Date('2022-04-21T14:00:00.000Z');

function recorded(overrides: Partial<Record<keyof RecordedEvent, unknown>> = {}): RecordedEvent {
  return {
    streamId: 'DiplomaticEvent-1',
    id: '0190f1c2-7d4e-7c3a-9f10-3b2a1c0d9e8f',
    isJson: true,
    revision: 2n,
    type: 'DiplomaticEventRecorded',
    created,
    data: { title: 'Migration talks' },
    metadata: { recordedBy: 'editor' },
    ...overrides,
  } as RecordedEvent;
}

describe('isSystemEvent', () => {
  it.each([
    ['$stats-127.0.0.1:2113', 'StatsCollected', true],
    ['$$DiplomaticEvent-1', '$metadata', true],
    ['DiplomaticEvent-1', '$>', true],
    ['DiplomaticEvent-1', 'DiplomaticEventRecorded', false],
  ])('%s / %s is a system event: %s', (streamId, type, expected) => {
    expect(isSystemEvent({ streamId, type })).toBe(expected);
  });
});

describe('toStoredEvent', () => {
  it('maps every field, recordedAt coming from the created date', () => {
    expect(toStoredEvent(recorded(), { commit: 512n, prepare: 512n })).toEqual({
      id: '0190f1c2-7d4e-7c3a-9f10-3b2a1c0d9e8f',
      stream: 'DiplomaticEvent-1',
      type: 'DiplomaticEventRecorded',
      data: { title: 'Migration talks' },
      metadata: { recordedBy: 'editor' },
      streamRevision: 2,
      globalPosition: 512n,
      recordedAt: created,
    });
  });

  it('gives empty metadata when the event has none or it is not an object', () => {
    const position = { commit: 1n, prepare: 1n };
    expect(toStoredEvent(recorded({ metadata: undefined }), position).metadata).toEqual({});
    expect(toStoredEvent(recorded({ metadata: ['x'] }), position).metadata).toEqual({});
  });

  it('reads JSON out of events stored as bytes by other tools', () => {
    const bytes = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value)));
    const event = toStoredEvent(
      recorded({ isJson: false, data: bytes({ a: 1 }), metadata: bytes({ correlationId: 'c' }) }),
      { commit: 1n, prepare: 1n },
    );
    expect(event.data).toEqual({ a: 1 });
    expect(event.metadata).toEqual({ correlationId: 'c' });
  });

  it('keeps bytes that are not JSON as bytes', () => {
    const raw = new Uint8Array([0xff, 0x00, 0x01]);
    expect(
      toStoredEvent(recorded({ isJson: false, data: raw }), { commit: 1n, prepare: 1n }).data,
    ).toBe(raw);
  });
});

describe('toEventData', () => {
  it('sends a prepared event as JSON with its settled id, data and metadata', () => {
    const prepared = {
      id: '0190f1c2-7d4e-7c3a-9f10-3b2a1c0d9e8f',
      idGiven: false,
      type: 'DiplomaticEventRecorded',
      data: { title: 'Talks' },
      metadata: { correlationId: 'c-1' },
      dataJson: '{"title":"Talks"}',
      metadataJson: '{"correlationId":"c-1"}',
    };
    expect(toEventData(prepared)).toEqual({
      id: prepared.id,
      contentType: 'application/json',
      type: 'DiplomaticEventRecorded',
      data: { title: 'Talks' },
      metadata: { correlationId: 'c-1' },
    });
  });
});
