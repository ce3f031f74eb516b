import { GraphQLError, Kind, parse } from 'graphql';
import { assertGrammaticalDocument } from './document-grammar';
import { MAX_OPERATIONS, MAX_QUERY_NESTING, MAX_QUERY_TOKENS, parseQueryText } from './query-text';

const codeOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return (error as GraphQLError).extensions.code;
  }
  return 'accepted';
};

describe('parseQueryText', () => {
  it('parses GraphQL source text', () => {
    expect(parseQueryText('{ __typename }').definitions[0].kind).toBe(Kind.OPERATION_DEFINITION);
  });

  it.each([
    ['a number', 5],
    ['an object', { kind: 'Document', definitions: [] }],
    ['a list', ['{ __typename }']],
    ['null', null],
    ['empty text', '  '],
    ['a lone surrogate', '{ __typename } # \uD800'],
    ['JSON of a parsed document', JSON.stringify(parse('{ __typename }'))],
  ])('refuses %s as bad input', (_what, query) => {
    expect(codeOf(() => parseQueryText(query))).toBe('BAD_USER_INPUT');
  });

  it('refuses nesting past the limit before the parser recurses into it', () => {
    const nested = (levels: number) => `{ a(b: ${'['.repeat(levels)}${']'.repeat(levels)}) }`;
    // The field's selection set and its argument list take two levels.
    expect(codeOf(() => parseQueryText(nested(MAX_QUERY_NESTING - 2)))).toBe('accepted');
    expect(codeOf(() => parseQueryText(nested(MAX_QUERY_NESTING - 1)))).toBe('QUERY_TOO_COMPLEX');
    expect(codeOf(() => parseQueryText(nested(100_000)))).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses more tokens, or more operations, than the limits', () => {
    const fields = (count: number) => `{ ${'a '.repeat(count)}}`;
    expect(codeOf(() => parseQueryText(fields(MAX_QUERY_TOKENS - 2)))).toBe('accepted');
    expect(codeOf(() => parseQueryText(fields(MAX_QUERY_TOKENS - 1)))).toBe('QUERY_TOO_COMPLEX');
    const operations = (count: number) =>
      Array.from({ length: count }, (_, i) => `query Q${i} { a }`).join('\n');
    expect(codeOf(() => parseQueryText(operations(MAX_OPERATIONS)))).toBe('accepted');
    expect(codeOf(() => parseQueryText(operations(MAX_OPERATIONS + 1)))).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('assertGrammaticalDocument', () => {
  /** A document as JSON, with one part replaced: what a forged "parsed document" could carry. */
  const forged = (field: Record<string, unknown>) => ({
    kind: 'Document',
    definitions: [
      {
        kind: 'OperationDefinition',
        operation: 'query',
        selectionSet: { kind: 'SelectionSet', selections: [field] },
      },
    ],
  });
  const name = (value: unknown) => ({ kind: 'Name', value });

  it('accepts what the parser produces', () => {
    const document = parse(
      'query Q($v: Int = 1) { a: f(x: 1.5e3, y: "s", z: [true, null, ENUM], o: { k: $v }) @skip(if: false) { ...F } } fragment F on T { g }',
    );
    expect(codeOf(() => assertGrammaticalDocument(document))).toBe('accepted');
  });

  it.each([
    [
      'an alias that is not a name',
      { kind: 'Field', alias: name('a": process.pid, "b'), name: name('f') },
    ],
    ['a field name that is not a name', { kind: 'Field', name: name('f()') }],
    ['an unknown node kind', { kind: 'Code', name: name('f') }],
    [
      'a boolean literal that is not a boolean',
      {
        kind: 'Field',
        name: name('f'),
        directives: [
          {
            kind: 'Directive',
            name: name('skip'),
            arguments: [
              {
                kind: 'Argument',
                name: name('if'),
                value: { kind: 'BooleanValue', value: 'process.exit()' },
              },
            ],
          },
        ],
      },
    ],
    [
      'an int literal that is not an int',
      {
        kind: 'Field',
        name: name('f'),
        arguments: [
          { kind: 'Argument', name: name('x'), value: { kind: 'IntValue', value: '1;x' } },
        ],
      },
    ],
    ['a node that is not an object', { kind: 'Field', name: 'f' }],
  ])('refuses %s', (_what, field) => {
    expect(codeOf(() => assertGrammaticalDocument(forged(field)))).toBe('BAD_USER_INPUT');
  });

  it("refuses a string literal holding graphql-jit's marker, which it would write back as code", () => {
    const document = parse(
      '{ f(x: "__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d(process.pid)") }',
    );
    expect(codeOf(() => assertGrammaticalDocument(document))).toBe('BAD_USER_INPUT');
    const inDefault = parse('query($x: String = "__MAGIC_NAN__") { f(x: $x) }');
    expect(codeOf(() => assertGrammaticalDocument(inDefault))).toBe('BAD_USER_INPUT');
  });
});
