import { DeliveryPage } from './delivery';
import { nextMessages, sendAll } from './subscription-sender';

/** A source of the given values, which records whether it was returned. */
function sourceOf(values: unknown[]) {
  let index = 0;
  const source = {
    returned: false,
    next: () =>
      Promise.resolve(
        index < values.length
          ? { done: false, value: values[index++] }
          : { done: true, value: undefined },
      ),
    return: () => {
      source.returned = true;
      return Promise.resolve({ done: true, value: undefined });
    },
  };
  return source as typeof source & AsyncIterator<unknown>;
}

const page = (values: unknown[], taken: unknown[] = [], queued: unknown[] = []) =>
  new DeliveryPage(
    values.length,
    (index) => {
      taken.push(values[index]);
      return values[index];
    },
    () => queued.push(taken[taken.length - 1]),
  );

const asIs = (value: unknown) => String(value);

describe('sendAll', () => {
  it('sends every value of every page and single values in order, then ends', async () => {
    const sent: unknown[] = [];
    const source = sourceOf([page([1, 2, 3]), 4, page([]), page([5])]);
    const result = await sendAll(source, asIs, (message) => void sent.push(message)).next();
    expect(result.done).toBe(true);
    expect(sent).toEqual(['1', '2', '3', '4', '5']);
    expect(source.returned).toBe(true);
  });

  it('waits for a send that answers a promise before taking the next value', async () => {
    const sent: unknown[] = [];
    const taken: unknown[] = [];
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const queued: unknown[] = [];
    const iterator = sendAll(sourceOf([page(['a', 'b'], taken, queued)]), asIs, (message) => {
      sent.push(message);
      return message === 'a' ? blocked : undefined;
    });
    const done = iterator.next();
    await new Promise((resolve) => setImmediate(resolve));
    // Handed to the socket, so counted as queued, while its write is still awaited.
    expect([sent, taken, queued]).toEqual([['a'], ['a'], ['a']]);
    release();
    await done;
    expect([sent, taken, queued]).toEqual([
      ['a', 'b'],
      ['a', 'b'],
      ['a', 'b'],
    ]);
  });

  it('sends nothing more once returned, and returns its source', async () => {
    const sent: unknown[] = [];
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const taken: unknown[] = [];
    const source = sourceOf([page(['a', 'b', 'c'], taken)]);
    const iterator = sendAll(source, asIs, (message) => {
      sent.push(message);
      return blocked;
    });
    const done = iterator.next();
    await new Promise((resolve) => setImmediate(resolve));
    await iterator.return!();
    release();
    expect((await done).done).toBe(true);
    expect([sent, taken]).toEqual([['a'], ['a']]);
    expect(source.returned).toBe(true);
  });

  it('makes each pending response once and sends it when ready, in order', async () => {
    const sent: unknown[] = [];
    const made: unknown[] = [];
    const respond = (value: unknown) => {
      made.push(value);
      return new Promise<string>((resolve) => setImmediate(() => resolve(String(value))));
    };
    const result = await sendAll(
      sourceOf([page(['a', 'b']), 'c']),
      respond,
      (message) => void sent.push(message),
    ).next();
    expect(result.done).toBe(true);
    expect([made, sent]).toEqual([
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
    ]);
  });

  it('drops a response still pending when the subscription ends', async () => {
    const sent: unknown[] = [];
    let answer!: (message: string) => void;
    const pending = new Promise<string>((resolve) => (answer = resolve));
    const iterator = sendAll(
      sourceOf([page(['a', 'b'])]),
      () => pending,
      (message) => void sent.push(message),
    );
    const done = iterator.next();
    await new Promise((resolve) => setImmediate(resolve));
    await iterator.return!();
    answer('late');
    expect((await done).done).toBe(true);
    expect(sent).toEqual([]);
  });

  it('ends and rethrows when a send fails', async () => {
    const source = sourceOf([page(['a'])]);
    const iterator = sendAll(
      source,
      () => {
        throw new Error('cannot serialise');
      },
      () => undefined,
    );
    await expect(iterator.next()).rejects.toThrow('cannot serialise');
    expect(source.returned).toBe(true);
  });
});

describe('sendAll and the event loop', () => {
  it('lets the event loop turn during a long run of pages that never wait', async () => {
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    let finished = false;
    let turned = false;
    setImmediate(() => (turned = !finished));
    const pages = Array.from({ length: 10 }, (_, i) => page([i]));
    await sendAll(
      sourceOf(pages),
      (value) => (busy(3), String(value)),
      () => undefined,
    ).next();
    finished = true;
    expect(turned).toBe(true);
  });
});

describe('sendAll holding writes', () => {
  it('holds a page of several values, and lets go before waiting on a write', async () => {
    const events: string[] = [];
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const send = Object.assign(
      (message: string) => {
        events.push(`send ${message}`);
        return message === 'b' ? blocked : undefined;
      },
      {
        hold: () => {
          events.push('hold');
          return () => events.push('let go');
        },
      },
    );
    const done = sendAll(sourceOf([page(['a', 'b', 'c']), page(['d'])]), asIs, send).next();
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['hold', 'send a', 'send b', 'let go']);
    release();
    await done;
    // The rest of the page goes unheld; a page of one is never held.
    expect(events).toEqual(['hold', 'send a', 'send b', 'let go', 'send c', 'send d']);
  });
});

describe('nextMessages', () => {
  it('wraps a payload already written as JSON in the protocol message', () => {
    const payload = '{"data":{"eventChanges":{"cursor":"7"}}}';
    expect(JSON.parse(nextMessages('1')(payload))).toEqual({
      id: '1',
      type: 'next',
      payload: JSON.parse(payload),
    });
    expect(JSON.parse(nextMessages('sub "2"')(payload))).toEqual({
      id: 'sub "2"',
      type: 'next',
      payload: JSON.parse(payload),
    });
  });
});
