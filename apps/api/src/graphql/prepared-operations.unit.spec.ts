import { buildSchema, GraphQLError } from 'graphql';
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
  const operations = new PreparedOperations(schema, 4);

  it('prepares an operation once per text and finds it again by its document', () => {
    const first = operations.prepare('subscription { ticks { id } }');
    const second = operations.prepare('subscription { ticks { id } }');
    expect(second).toBe(first);
    if (!('document' in first)) throw new Error('expected a preparation');
    expect(operations.of(first.document)).toBe(first);
    expect(first.operation.operation).toBe('subscription');
    expect(first.compiled.query({ ticks: { id: 'a', child: null } }, {}, {})).toEqual({ data: { ticks: { id: 'a' } } });
  });

  it('refuses syntax and validation errors as bad input', () => {
    expect(codesOf(operations.prepare('subscription { ticks {'))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(operations.prepare('subscription { ticks { nope } }'))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(operations.prepare('query A { node { id } } query B { node { id } }'))).toEqual(['BAD_USER_INPUT']);
  });

  it('picks the named operation', () => {
    const prepared = operations.prepare('query A { node { id } } subscription B { ticks { id } }', 'B');
    expect('document' in prepared && prepared.operation.name?.value).toBe('B');
  });

  it('counts depth through fields and fragments, and refuses past the limit', () => {
    // ticks + 3 levels = depth 4: allowed; one more is not.
    expect(codesOf(operations.prepare(`subscription { ticks { ${nested(3)} } }`))).toEqual([]);
    expect(codesOf(operations.prepare(`subscription { ticks { ${nested(4)} } }`))).toEqual(['QUERY_TOO_COMPLEX']);
    const throughFragments = `subscription { ticks { ...F } } fragment F on Node { child { ... on Node { child { child { child { id } } } } } }`;
    expect(codesOf(operations.prepare(throughFragments))).toEqual(['QUERY_TOO_COMPLEX']);
  });
});
