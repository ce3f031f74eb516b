import { buildSchema, GraphQLError } from 'graphql';
import { OperationGuard } from './operation-guard';
import { PreparedOperations, type PreparedOperation } from './prepared-operations';

const schema = buildSchema(`
  type Node { id: ID!, child: Node }
  type Query { node: Node }
  type Subscription { ticks: Node }
`);

const codesOf = (result: PreparedOperation | readonly GraphQLError[]) =>
  'document' in result ? [] : result.map((error) => error.extensions.code);

const nested = (depth: number) => `${'child { '.repeat(depth - 1)}id${' }'.repeat(depth - 1)}`;

describe('PreparedOperations', () => {
  const operations = new PreparedOperations(
    schema,
    new OperationGuard(schema, { maxDepth: 4, maxFields: 2_000, maxCost: 50_000 }),
  );

  it('prepares an operation once per text and finds it again by its document', () => {
    const first = operations.prepare('subscription { ticks { id } }');
    const second = operations.prepare('subscription { ticks { id } }');
    expect(second).toBe(first);
    if (!('document' in first)) throw new Error('expected a preparation');
    expect(operations.of(first.document)).toBe(first);
    expect(first.operation.operation).toBe('subscription');
    expect(first.compiled.query({ ticks: { id: 'a', child: null } }, {}, {})).toEqual({
      data: { ticks: { id: 'a' } },
    });
  });

  it('refuses syntax and validation errors as bad input', () => {
    expect(codesOf(operations.prepare('subscription { ticks {'))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(operations.prepare('subscription { ticks { nope } }'))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codesOf(operations.prepare('query A { node { id } } query B { node { id } }'))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('picks the named operation', () => {
    const prepared = operations.prepare(
      'query A { node { id } } subscription B { ticks { id } }',
      'B',
    );
    expect('document' in prepared && prepared.operation.name?.value).toBe('B');
  });

  it('counts depth through fields and fragments, and refuses past the limit', () => {
    // ticks + 3 levels = depth 4: allowed; one more is not.
    expect(codesOf(operations.prepare(`subscription { ticks { ${nested(3)} } }`))).toEqual([]);
    expect(codesOf(operations.prepare(`subscription { ticks { ${nested(4)} } }`))).toEqual([
      'QUERY_TOO_COMPLEX',
    ]);
    // Through a fragment and an inline fragment (which adds no level): 4 allowed, 5 refused.
    const viaFragments = (levels: number) =>
      `subscription { ticks { ...F } } fragment F on Node { ... on Node { ${nested(levels)} } }`;
    expect(codesOf(operations.prepare(viaFragments(3)))).toEqual([]);
    expect(codesOf(operations.prepare(viaFragments(4)))).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('measures each fragment once, and refuses what would select too many fields once spread out', () => {
    // Spread out, this selects 2^40 fields: walking (or compiling) every spread would never end.
    const fragments = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on Node { ...F${i + 1} ...F${i + 1} }`,
    );
    const bomb = `subscription { ticks { ...F0 } } ${fragments.join(' ')} fragment F40 on Node { id }`;
    const refused = operations.prepare(bomb);
    expect(codesOf(refused)).toEqual(['QUERY_TOO_COMPLEX']);
    expect('document' in refused ? '' : refused[0].message).toContain(String(2 ** 40 + 1));
    // Aliases count too: 2,001 fields is one too many, 2,000 is fine.
    const aliases = (count: number) =>
      Array.from({ length: count }, (_, i) => `a${i}: id`).join(' ');
    expect(codesOf(operations.prepare(`subscription { ticks { ${aliases(1999)} } }`))).toEqual([]);
    expect(codesOf(operations.prepare(`subscription { ticks { ${aliases(2000)} } }`))).toEqual([
      'QUERY_TOO_COMPLEX',
    ]);
  });

  it('names the variables a response can depend on: below the root field, not its arguments', () => {
    const schemaWithLabels = buildSchema(`
      type Node { id: ID!, label(upper: Boolean): String }
      type Query { node: Node }
      type Subscription { ticks(after: String): Node }
    `);
    const prepared = new PreparedOperations(
      schemaWithLabels,
      new OperationGuard(schemaWithLabels),
    ).prepare(
      'subscription($after: String, $upper: Boolean, $withId: Boolean!) { ticks(after: $after) { id @include(if: $withId) label(upper: $upper) } }',
    );
    expect('document' in prepared && prepared.responseVariables).toEqual(['upper', 'withId']);
  });
});
