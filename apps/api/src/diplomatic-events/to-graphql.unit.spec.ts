import type { DiplomaticEventFacts } from '@app/domain';
import { FeedVersionView, type VersionColumns } from '@app/projections';
import { FeedEvent, toGraphqlEvent } from './to-graphql';

const facts = {
  kind: 'TALKS',
  title: 'Migration talks',
  summary: 'Delegations meet on migration.',
  occurred: { edtf: '2018', start: '2018-01-01', end: '2018-12-31', precision: 'year' },
  countries: ['CUB', 'USA'],
  participants: [{ name: 'Delegate', role: 'envoy', country: 'USA' }],
  location: 'Washington',
  cameo: '046',
  effects: [{ type: 'DIALOGUE', name: 'migration', status: 'HELD' }],
  sources: [{ title: 'A source', publisher: 'A publisher', publishedOn: '2018-06-01' }],
  tags: ['migration'],
} as unknown as DiplomaticEventFacts;

const columns = (json: string): VersionColumns => [
  '0194c1a2-0000-7000-8000-000000000001',
  2,
  'ACTIVE',
  '2024-02-01T00:00:00.000Z',
  42n,
  '2024-01-01T00:00:00.000Z',
  'editor',
  json,
];

describe('FeedVersionView', () => {
  it('parses its facts only when they are read', () => {
    const view = new FeedVersionView(columns('not json'), 'Migration talks');
    expect([view.id, view.revision, view.title, view.position]).toEqual([
      '0194c1a2-0000-7000-8000-000000000001',
      2,
      'Migration talks',
      42n,
    ]);
    expect(() => view.facts).toThrow(SyntaxError);
    expect(new FeedVersionView(columns(JSON.stringify(facts)), 'x').facts).toEqual(facts);
  });
});

describe('FeedEvent', () => {
  it('reads the row fields and the title without the facts', () => {
    const event = new FeedEvent(new FeedVersionView(columns('not json'), 'Migration talks'));
    expect([event.id, event.status, event.title, event.recordedAt]).toEqual([
      '0194c1a2-0000-7000-8000-000000000001',
      'ACTIVE',
      'Migration talks',
      '2024-01-01T00:00:00.000Z',
    ]);
    expect(() => event.summary).toThrow(SyntaxError);
  });

  it('gives every field as the full mapping does, and serialises the same', () => {
    const view = new FeedVersionView(columns(JSON.stringify(facts)), 'Migration talks');
    const whole = toGraphqlEvent(view);
    const event = new FeedEvent(view);
    // As they serialise: instants are ISO strings here and Dates there.
    for (const field of Object.keys(whole) as (keyof typeof whole)[]) {
      expect(JSON.stringify(event[field])).toEqual(JSON.stringify(whole[field]));
    }
    expect(JSON.stringify(event)).toBe(JSON.stringify(whole));
  });
});
