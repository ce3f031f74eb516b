import { buildSchema } from 'graphql';
import { PreparedOperations, type PreparedOperation } from '../graphql/prepared-operations';
import { SharedResponses, sharingKey } from './shared-responses';

const schema = buildSchema(`
  type Node { id: ID!, label(upper: Boolean): String }
  type Query { node: Node }
  type Subscription { ticks(after: String): Node }
`);
const operations = new PreparedOperations(schema, 10);
const prepare = (query: string) => {
  const prepared = operations.prepare(query);
  if (!('document' in prepared)) throw new Error(JSON.stringify(prepared));
  return prepared as PreparedOperation;
};

describe('sharingKey', () => {
  const withLabel = prepare('subscription($after: String, $upper: Boolean) { ticks(after: $after) { id label(upper: $upper) } }');

  it('ignores the root field arguments (they choose what is delivered, not how it looks)', () => {
    expect(sharingKey(withLabel, { after: '1', upper: true }, 'reader')).toBe(sharingKey(withLabel, { after: '99', upper: true }, 'reader'));
  });

  it('tells apart variables the selection reads, callers of another role, and other operations', () => {
    const key = sharingKey(withLabel, { upper: true }, 'reader');
    expect(sharingKey(withLabel, { upper: false }, 'reader')).not.toBe(key);
    expect(sharingKey(withLabel, { upper: true }, 'anonymous')).not.toBe(key);
    expect(sharingKey(prepare('subscription { ticks { id } }'), { upper: true }, 'reader')).not.toBe(key);
  });

  it('uses every variable when the root field is reached through a fragment', () => {
    const viaFragment = prepare('subscription($after: String) { ... on Subscription { ticks(after: $after) { id } } }');
    expect(sharingKey(viaFragment, { after: '1' }, 'reader')).not.toBe(sharingKey(viaFragment, { after: '2' }, 'reader'));
  });
});

describe('SharedResponses', () => {
  it('runs an operation once per change and key within a turn, and forgets after it', async () => {
    const responses = new SharedResponses();
    const change = { id: 'a' };
    let runs = 0;
    const run = () => ({ data: { run: ++runs } });
    const first = responses.to(change, 'k', run);
    expect(responses.to(change, 'k', run)).toBe(first);
    expect(responses.to(change, 'other', run)).not.toBe(first);
    expect(responses.to({ id: 'a' }, 'k', run)).not.toBe(first);
    await new Promise((resolve) => setImmediate(resolve));
    expect(responses.to(change, 'k', run)).not.toBe(first);
    expect(runs).toBe(4);
  });

  it('never shares a response with errors', () => {
    const responses = new SharedResponses();
    const change = {};
    let runs = 0;
    const failing = () => ({ errors: [], data: null, runs: ++runs }) as never;
    responses.to(change, 'k', failing);
    responses.to(change, 'k', failing);
    expect(runs).toBe(2);
  });

  it('keeps at most the given number of changes in a turn, the newest', () => {
    const responses = new SharedResponses(2);
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
