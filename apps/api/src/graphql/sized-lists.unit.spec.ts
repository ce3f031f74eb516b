import { buildSchema, GraphQLError, parse } from 'graphql';
import { OperationGuard } from './operation-guard';

const schema = buildSchema(`
  enum StatsInterval { YEAR MONTH DAY }
  input EventFilter { occurredFrom: String occurredTo: String }
  type QuadClassCount { quadClass: Int! count: Int! }
  type EventStatsBucket { period: String! count: Int! byQuadClass: [QuadClassCount!]! }
  type Relationship { asOf: String! eventCount: Int! }
  type Query {
    eventStats(filter: EventFilter, interval: StatsInterval!): [EventStatsBucket!]!
    relationshipSeries(from: String, to: String, every: StatsInterval, at: [String!]): [Relationship!]!
  }
`);

const guard = new OperationGuard(schema, { maxDepth: 12, maxFields: 2_000, maxCost: 100_000 });
const cost = (query: string, variables?: Record<string, unknown>) => {
  const document = parse(query);
  return guard.check(document, guard.operationOf(document, undefined), variables).cost;
};

/** Lists sized by their arguments are counted before the query runs, not guessed. */
describe('sized lists in the cost measure', () => {
  // relationshipSeries: 1 + 2,000 + points × (asOf 1 + eventCount 1)
  const series = (points: number) => 2_001 + points * 2;

  it('relationshipSeries: the dates from..to by every, or the length of at', () => {
    const q = (args: string) => `{ relationshipSeries(${args}) { asOf eventCount } }`;
    expect(cost(q('from: "1960", to: "2023"'))).toBe(series(64));
    expect(cost(q('from: "2015-01", to: "2015-12", every: MONTH'))).toBe(series(12));
    expect(cost(q('at: ["2016", "2017", "2018"]'))).toBe(series(3));
    expect(
      cost('query($at: [String!]) { relationshipSeries(at: $at) { asOf eventCount } }', {
        at: Array(40).fill('2016'),
      }),
    ).toBe(series(40));
    // Unknown or invalid dates: the most a series may hold.
    expect(cost(q('from: "x", to: "y"'))).toBe(series(5_000));
  });

  it('relationshipSeries: a wide series with a heavy selection is refused before it runs', () => {
    const fields = Array.from({ length: 20 }, (_, i) => `a${i}: asOf`).join(' ');
    const document = parse(
      `query($at: [String!]) { relationshipSeries(at: $at) { eventCount ${fields} } }`,
    );
    const check = (n: number) =>
      guard.check(document, guard.operationOf(document, undefined), { at: Array(n).fill('2016') });
    expect(check(4_000).cost).toBe(2_001 + 4_000 * 21);
    expect(() => check(5_000)).toThrow(GraphQLError);
  });

  it('eventStats: periods of the filter range, or an estimate by interval', () => {
    const q = (args: string) => `{ eventStats(${args}) { period count byQuadClass { count } } }`;
    // 1 + 2,000 + buckets × (period 1 + count 1 + byQuadClass (1 + 4 × 1))
    const stats = (buckets: number) => 2_001 + buckets * 7;
    expect(cost(q('interval: YEAR, filter: { occurredFrom: "2000", occurredTo: "2009" }'))).toBe(
      stats(10),
    );
    expect(cost(q('interval: YEAR'))).toBe(stats(300));
    expect(cost(q('interval: MONTH'))).toBe(stats(3_600));
    expect(cost(q('interval: DAY'))).toBe(stats(5_000));
    expect(cost(q('interval: DAY, filter: { occurredFrom: "2015-07" }'))).toBe(stats(5_000));
  });
});
