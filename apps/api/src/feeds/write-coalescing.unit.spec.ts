import { EventEmitter } from 'node:events';
import { BURST, coalescingSend, corkPerTurn } from './write-coalescing';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

class FakeTcp {
  corked = 0;
  corks = 0;
  uncorks = 0;
  destroyed = false;
  cork() {
    this.corked += 1;
    this.corks += 1;
  }
  uncork() {
    this.corked -= 1;
    this.uncorks += 1;
  }
}

class FakeSocket extends EventEmitter {
  readyState = 1;
  bufferedAmount = 0;
  readonly _socket = new FakeTcp();
  readonly sent: string[] = [];
  readonly callbacks: (() => void)[] = [];
  send(data: string, _options?: undefined, callback?: () => void) {
    this.sent.push(data);
    if (callback) this.callbacks.push(callback);
  }
}

/** Whether an answer has settled by the end of this turn's microtasks (none: answered at once). */
async function settled(promise: Promise<unknown> | undefined): Promise<boolean> {
  if (promise === undefined) return true;
  let done = false;
  void promise.then(() => (done = true));
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
  return done;
}

describe('corkPerTurn', () => {
  it('lets the first writes of a turn through, corks the rest until the turn ends, once', async () => {
    const tcp = new FakeTcp();
    const before = corkPerTurn(tcp);
    const held = Array.from({ length: BURST + 3 }, () => before());
    expect(held).toEqual([...Array(BURST).fill(false), true, true, true]);
    expect(tcp.corked).toBe(1);
    await nextTurn();
    expect(tcp.corked).toBe(0);
    expect([tcp.corks, tcp.uncorks]).toEqual([1, 1]);
    // A new turn starts counting again.
    expect(before()).toBe(false);
  });

  it('never uncorks a destroyed stream, and does not cork one', async () => {
    const tcp = new FakeTcp();
    const before = corkPerTurn(tcp);
    for (let i = 0; i <= BURST; i += 1) before();
    tcp.destroyed = true;
    await nextTurn();
    expect(tcp.uncorks).toBe(0);
    for (let i = 0; i <= BURST; i += 1) expect(before()).toBe(false);
    expect(tcp.corks).toBe(1);
  });
});

describe('coalescingSend', () => {
  it('answers the first messages of a turn once written, and a burst at once, in order', async () => {
    const socket = new FakeSocket();
    const send = coalescingSend(socket, 1_000);
    const answers = Array.from({ length: BURST + 2 }, (_, i) => send(`m${i}`));
    expect(socket.sent).toEqual(answers.map((_, i) => `m${i}`));
    for (let i = 0; i < BURST; i += 1) expect(await settled(answers[i])).toBe(false);
    expect(await settled(answers[BURST])).toBe(true);
    expect(await settled(answers[BURST + 1])).toBe(true);
    socket.callbacks.forEach((written) => written());
    for (let i = 0; i < BURST; i += 1) expect(await settled(answers[i])).toBe(true);
    await nextTurn();
  });

  it('past the limit, answers a burst message only once it is written', async () => {
    const socket = new FakeSocket();
    const send = coalescingSend(socket, 100);
    for (let i = 0; i < BURST; i += 1) void send('first');
    socket.bufferedAmount = 101;
    const held = send('over the limit');
    expect(await settled(held)).toBe(false);
    socket.callbacks[socket.callbacks.length - 1]();
    expect(await settled(held)).toBe(true);
    await nextTurn();
  });

  it('sends nothing on a closing socket, answers when it has closed, and a turn later after', async () => {
    const socket = new FakeSocket();
    const send = coalescingSend(socket, 1_000);
    socket.readyState = 2;
    const answer = send('late');
    expect(socket.sent).toEqual([]);
    expect(await settled(answer)).toBe(false);
    socket.readyState = 3;
    socket.emit('close');
    expect(await settled(answer)).toBe(true);
    // Not at once: a subscription still running on a closed socket must not spin through its
    // backlog before the protocol layer returns it.
    const late = send('after close');
    expect(await settled(late)).toBe(false);
    await nextTurn();
    expect(await settled(late)).toBe(true);
    expect(socket.sent).toEqual([]);
  });

  it('holds writes together: each answered once queued, all released at once, past the limit answered once written', async () => {
    const socket = new FakeSocket();
    const send = coalescingSend(socket, 100);
    const release = send.hold();
    expect(socket._socket.corked).toBe(1);
    const answers = Array.from({ length: BURST + 2 }, (_, i) => send(`m${i}`));
    expect(answers.every((answer) => answer === undefined)).toBe(true);
    socket.bufferedAmount = 101;
    const over = send('over the limit');
    expect(await settled(over)).toBe(false);
    release();
    release();
    // Past the first writes of the turn the stream stays corked until the turn ends, held or
    // not: a sender that never waits still cannot keep the event loop to itself.
    expect(socket._socket.corked).toBe(1);
    expect(socket.sent).toHaveLength(BURST + 3);
    socket.callbacks[socket.callbacks.length - 1]();
    expect(await settled(over)).toBe(true);
    await nextTurn();
    expect([socket._socket.corked, socket._socket.corks, socket._socket.uncorks]).toEqual([
      0, 2, 2,
    ]);
  });

  it('a short held page leaves when released', () => {
    const socket = new FakeSocket();
    const send = coalescingSend(socket, 1_000);
    const release = send.hold();
    send('a');
    send('b');
    release();
    expect(socket._socket.corked).toBe(0);
    expect(socket.sent).toEqual(['a', 'b']);
  });
});
