import type { NewEvent } from '@app/event-store';

export const STREAM_COUNT = 1000;

export function streamName(index: number): string {
  return `diplomatic-event-${String(index % STREAM_COUNT).padStart(4, '0')}`;
}

/** A recorded diplomatic event of about 470 bytes of JSON, varied by `n`. */
export function sampleEvent(n: number): NewEvent {
  return {
    type: 'DiplomaticEventRecorded',
    data: {
      actor: 'FRA',
      target: 'DEU',
      occurred: `19${String(50 + (n % 50)).padStart(2, '0')}-01-22`,
      cameo: '057',
      title: 'Élysée Treaty signed: friendship and cooperation between France and West Germany',
      summary:
        'Both governments commit to regular consultations on foreign policy, defence and ' +
        'education, with summits at least twice a year and youth exchange programmes.',
      sources: [{ title: 'Treaty text', url: `https://example.org/treaties/${n}` }],
      sequence: n,
    },
    metadata: { correlationId: `bench-${n}`, recordedBy: 'bench' },
  };
}
