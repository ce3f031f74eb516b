import type { DiplomaticEventFacts } from '@app/domain';
import { FeedVersionView, PageDetails } from '@app/projections';
import { FeedEvent, toGraphqlEvent } from './to-graphql';

const facts: DiplomaticEventFacts = {
  kind: 'TALKS',
  title: 'Migration talks',
  summary: 'Delegations meet on migration.',
  occurred: { edtf: '2018', start: '2018-01-01', end: '2018-12-31', precision: 'year' },
  countries: ['CUB', 'USA'],
  participants: [{ name: 'Delegate', role: 'envoy', country: 'USA' }],
  location: 'Washington',
  cameo: '046',
  effects: [{ type: 'DIALOGUE', topic: 'migration', status: 'ACTIVE', held: true }],
  sources: [{ title: 'A source', publisher: 'A publisher', publishedOn: '2018-06-01' }],
  tags: ['migration'],
};

/** A version as a feed reads it, and how many times its page's details were read. */
const feedView = (json: string) => {
  const reads = { count: 0 };
  const details = new PageDetails([42], () => {
    reads.count += 1;
    return [[42n, 2, 'ACTIVE', '2024-01-01T00:00:00.000Z', 'editor', json]];
  });
  const view = new FeedVersionView(
    [
      '0194c1a2-0000-7000-8000-000000000001',
      '2024-02-01T00:00:00.000Z',
      42n,
      'AMENDED',
      'Migration talks',
    ],
    details,
  );
  return { view, reads };
};

describe('FeedEvent', () => {
  it('reads the id, the title and when it changed without the details, the rest without the facts', () => {
    const { view, reads } = feedView('not json');
    const event = new FeedEvent(view);
    expect([event.id, event.title, event.updatedAt]).toEqual([
      '0194c1a2-0000-7000-8000-000000000001',
      'Migration talks',
      '2024-02-01T00:00:00.000Z',
    ]);
    expect(reads.count).toBe(0);
    expect([event.status, event.revision, event.recordedAt]).toEqual([
      'ACTIVE',
      2,
      '2024-01-01T00:00:00.000Z',
    ]);
    expect(reads.count).toBe(1);
    expect(() => event.summary).toThrow(SyntaxError);
  });

  it('gives every field as the full mapping does, and serialises the same', () => {
    const { view } = feedView(JSON.stringify(facts));
    const whole = toGraphqlEvent(view);
    const event = new FeedEvent(view);
    // As they serialise: instants are ISO strings here and Dates there.
    for (const field of Object.keys(whole) as (keyof typeof whole)[]) {
      expect(JSON.stringify(event[field])).toEqual(JSON.stringify(whole[field]));
    }
    expect(JSON.stringify(event)).toBe(JSON.stringify(whole));
  });
});
