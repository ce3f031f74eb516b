import { buildSchema } from 'graphql';
import { OperationGuard } from '../graphql/operation-guard';
import { PreparedOperations, type PreparedOperation } from '../graphql/prepared-operations';
import { SharedResponses, sharingKey } from './shared-responses';

const schema = buildSchema(`
  type Node { id: ID!, label(upper: Boolean): String }
  type Query { node: Node }
  type Subscription { ticks(after: String): Node }
`);
const operations = new PreparedOperations(schema, new OperationGuard(schema));
const prepare = (query: string) => {
  const prepared = operations.prepare(query);
  if (!('document' in prepared)) throw new Error(JSON.stringify(prepared));
  return prepared as PreparedOperation;
};

describe('sharingKey', () => {
  const withLabel = prepare(
    'subscription($after: String, $upper: Boolean) { ticks(after: $after) { id label(upper: $upper) } }',
  );

  it('ignores the root field arguments (they choose what is delivered, not how it looks)', () => {
    expect(sharingKey(withLabel, { after: '1', upper: true }, 'reader')).toBe(
      sharingKey(withLabel, { after: '99', upper: true }, 'reader'),
    );
  });

  it('tells apart variables the selection reads, callers of another role, and other operations', () => {
    const key = sharingKey(withLabel, { upper: true }, 'reader');
    expect(sharingKey(withLabel, { upper: false }, 'reader')).not.toBe(key);
    expect(sharingKey(withLabel, { upper: true }, 'anonymous')).not.toBe(key);
    expect(
      sharingKey(prepare('subscription { ticks { id } }'), { upper: true }, 'reader'),
    ).not.toBe(key);
  });

  it('uses every variable when the root field is reached through a fragment', () => {
    const viaFragment = prepare(
      'subscription($after: String) { ... on Subscription { ticks(after: $after) { id } } }',
    );
    expect(sharingKey(viaFragment, { after: '1' }, 'reader')).not.toBe(
      sharingKey(viaFragment, { after: '2' }, 'reader'),
    );
  });
});

describe('SharedResponses', () => {
  const serialise = JSON.stringify;

  it('runs and serialises an operation once per change and key within a turn, and forgets after it', async () => {
    let serialised = 0;
    const responses = new SharedResponses((response) => (serialised++, serialise(response)));
    const change = { id: 'a' };
    let runs = 0;
    const run = () => ({ data: { run: ++runs } });
    const first = responses.to(change, 'k', run);
    expect(first).toBe('{"data":{"run":1}}');
    expect(responses.to(change, 'k', run)).toBe(first);
    expect(responses.to(change, 'other', run)).toBe('{"data":{"run":2}}');
    expect(responses.to({ id: 'a' }, 'k', run)).toBe('{"data":{"run":3}}');
    await new Promise((resolve) => setImmediate(resolve));
    expect(responses.to(change, 'k', run)).toBe('{"data":{"run":4}}');
    expect(runs).toBe(4);
    expect(serialised).toBe(4);
  });

  it('never shares a response with errors, and serialises each', () => {
    const responses = new SharedResponses((response) =>
      serialise({ ...response, errors: ['formatted'] }),
    );
    const change = {};
    let runs = 0;
    const failing = () => ({ errors: [], data: null, runs: ++runs }) as never;
    expect(responses.to(change, 'k', failing)).toBe(
      '{"errors":["formatted"],"data":null,"runs":1}',
    );
    expect(responses.to(change, 'k', failing)).toBe(
      '{"errors":["formatted"],"data":null,"runs":2}',
    );
  });

  it('serialises a pending response once it is ready, and never shares it', async () => {
    const responses = new SharedResponses(serialise);
    const change = {};
    let runs = 0;
    const pending = () => Promise.resolve({ data: { run: ++runs } });
    const first = responses.to(change, 'k', pending);
    const second = responses.to(change, 'k', pending);
    expect(typeof first).not.toBe('string');
    await expect(first).resolves.toBe('{"data":{"run":1}}');
    await expect(second).resolves.toBe('{"data":{"run":2}}');
  });

  it('keeps at most the given number of changes in a turn, the newest', () => {
    const responses = new SharedResponses(serialise, 2);
    const [a, b, c] = [{}, {}, {}];
    let runs = 0;
    const run = () => ({ data: { run: ++runs } });
    responses.to(a, 'k', run);
    const second = responses.to(b, 'k', run);
    const third = responses.to(c, 'k', run);
    expect(responses.to(c, 'k', run)).toBe(third);
    expect(responses.to(b, 'k', run)).toBe(second);
    expect(runs).toBe(3);
    // The oldest made room for the newest.
    responses.to(a, 'k', run);
    expect(runs).toBe(4);
  });
});
