import { buildSchema, getIntrospectionQuery, GraphQLError, parse } from 'graphql';
import { OperationGuard } from './operation-guard';
import { timeBudgetExceeded, withTimeBudget } from './time-budget';

const schema = buildSchema(`
  type Revision { revision: Int! }
  type DiplomaticEvent { id: ID! title: String! history: [Revision!]! }
  type DiplomaticEventEdge { cursor: String! node: DiplomaticEvent! }
  type DiplomaticEventConnection { edges: [DiplomaticEventEdge!]! totalCount: Int! }
  type RelationshipChange { date: String! event: DiplomaticEvent }
  type Query {
    events(first: Int, last: Int): DiplomaticEventConnection!
    relationshipChanges(first: Int): [RelationshipChange!]!
  }
`);

const guard = new OperationGuard(schema, { maxDepth: 12, maxFields: 2_000, maxCost: 100_000 });
const measure = (query: string, variables?: Record<string, unknown>) => {
  const document = parse(query);
  return guard.check(document, guard.operationOf(document, undefined), variables);
};
const refusal = (query: string, variables?: Record<string, unknown>) => {
  try {
    measure(query, variables);
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected a refusal');
};

describe('OperationGuard', () => {
  it('multiplies what a list holds by its page size, from a literal or a variable', () => {
    // events (1 + 1,000) + edges (1) + per item: node (1) + title (1) = 1,002 + 2 × size
    expect(measure('{ events(first: 10) { edges { node { title } } } }').cost).toBe(1_022);
    expect(
      measure('query($n: Int) { events(first: $n) { edges { node { title } } } }', { n: 100 }).cost,
    ).toBe(1_202);
    // No size asked: the default page (20); past the largest page: the largest (200).
    expect(measure('{ events { edges { node { title } } } }').cost).toBe(1_042);
    expect(measure('{ events(first: 5000) { edges { node { title } } } }').cost).toBe(1_402);
  });

  it('weighs every store read, and counts every alias', () => {
    const one = measure(
      '{ relationshipChanges(first: 10) { event { history { revision } } } }',
    ).cost;
    // 2,001 + 10 × (event 101 + history 101 + 10 revisions)
    expect(one).toBe(2_001 + 10 * (101 + 101 + 10));
    const three = measure(
      `{ ${[1, 2, 3].map((i) => `a${i}: relationshipChanges(first: 10) { event { history { revision } } }`).join(' ')} }`,
    ).cost;
    expect(three).toBe(3 * one);
  });

  it('refuses past the cost limit naming the cost and the limit', () => {
    const aliases = Array.from(
      { length: 285 },
      (_, i) => `a${i}: relationshipChanges { date event { title history { revision } } }`,
    );
    const error = refusal(`{ ${aliases.join(' ')} }`);
    expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 100_000 });
    expect(error.message).toMatch(/would cost \d+ units .* the limit is 100000/);
  });

  it('measures a fragment once however often it is spread', () => {
    const fragments = Array.from(
      { length: 30 },
      (_, i) => `fragment F${i} on DiplomaticEvent { ...F${i + 1} ...F${i + 1} }`,
    );
    const error = refusal(
      `{ events { edges { node { ...F0 } } } } ${fragments.join(' ')} fragment F30 on DiplomaticEvent { title }`,
    );
    expect(error.extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('measures a variable left out at its declared default, as it runs', () => {
    const query = 'query($n: Int = 200) { events(first: $n) { edges { node { title } } } }';
    expect(measure(query).cost).toBe(1_402);
    expect(measure(query, { n: 10 }).cost).toBe(1_022);
  });

  it('measures a fragment in each page it is spread in, not once for the first', () => {
    const fragment = 'fragment F on DiplomaticEventConnection { edges { node { title } } }';
    const primed = measure(
      `{ z: events(first: 1) { ...F } a: events(first: 200) { ...F } } ${fragment}`,
    );
    const alone = measure(`{ a: events(first: 200) { ...F } } ${fragment}`);
    const one = measure(`{ z: events(first: 1) { ...F } } ${fragment}`);
    expect(primed.cost).toBe(alone.cost + one.cost);
  });

  it('answers the standard introspection query within the limits (its depth is not counted)', () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    });
    expect(measure(query).depth).toBe(0);
  });

  it('multiplies nested introspection lists too', () => {
    const level = (depth: number): string =>
      depth === 0 ? 'name' : `fields { type { ${level(depth - 1)} } }`;
    const nested = (depth: number) => measure(`{ __schema { types { ${level(depth)} } } }`).cost;
    expect(nested(3) / nested(2)).toBeGreaterThan(2);
    expect(nested(4) / nested(3)).toBeGreaterThan(2);
  });

  it('refuses an operation name that is not a string, or that names nothing', () => {
    const document = parse('query A { events { totalCount } }');
    expect(() => guard.operationOf(document, 5)).toThrow('operationName must be a string');
    expect(() => guard.operationOf(document, 'B')).toThrow('Unable to identify the operation');
  });
});

describe('withTimeBudget', () => {
  it('wraps resolvers: a request past its deadline gets QUERY_TOO_COMPLEX naming the budget', () => {
    const schemaWithResolver = buildSchema('type Query { slow: Int }');
    schemaWithResolver.getQueryType()!.getFields().slow.resolve = () => 42;
    const wrapped = withTimeBudget(schemaWithResolver, 250).getQueryType()!.getFields()
      .slow.resolve!;
    const info = {} as never;
    expect(wrapped(undefined, {}, { deadline: Number.POSITIVE_INFINITY }, info)).toBe(42);
    expect(wrapped(undefined, {}, {}, info)).toBe(42);
    expect(() => wrapped(undefined, {}, { deadline: 0 }, info)).toThrow(
      timeBudgetExceeded(250).message,
    );
  });
});
