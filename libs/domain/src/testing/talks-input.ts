/** Raw inputs shared by tests: a valid record input, tweaked per case. */
export const EVENT_ID = '7d9f2c4e-5a1b-4c3d-8e9f-0a1b2c3d4e5f';

export const talksInput = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: EVENT_ID,
  kind: 'TALKS',
  title: 'U.S.-Cuba migration talks in Washington',
  summary: 'The first Migration Accord talks since 2018.',
  occurred: '2022-04-21',
  countries: ['usa', 'CUB'],
  participants: [
    { name: 'Emily Mendrala', role: 'Deputy Assistant Secretary of State', country: 'USA' },
    { name: 'Carlos Fernández de Cossío', role: null, country: 'cub' },
  ],
  location: 'Washington, D.C.',
  cameo: '046',
  plover: { event: 'consult', mode: null, context: 'Diplomatic' },
  effects: [{ type: 'DIALOGUE', topic: 'migration', status: 'ACTIVE', held: true }],
  sources: [
    {
      title: 'U.S.-Cuba Migration Talks',
      publisher: 'U.S. Department of State',
      publishedOn: '2022-04-21',
      url: 'https://www.state.gov/u-s-cuba-migration-talks/',
      quote: 'The talks underscore our commitment to pursuing constructive discussions.',
    },
  ],
  tags: ['migration', 'talks'],
  ...overrides,
});
