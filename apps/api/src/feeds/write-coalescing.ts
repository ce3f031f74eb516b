type SendCallback = (error?: Error) => void;

/** The part of a `ws` WebSocket this relies on. */
interface CoalescableSocket {
  send(data: string, options?: undefined, callback?: SendCallback): void;
  readonly bufferedAmount: number;
  readonly readyState: number;
  once(event: 'close', listener: () => void): unknown;
  /** The TCP socket under the WebSocket (an internal field of `ws`, stable across its 8.x). */
  readonly _socket?: Corkable;
}

const OPEN = 1;
const CLOSED = 3;

interface Corkable {
  cork(): void;
  uncork(): void;
  readonly destroyed?: boolean;
}

/**
 * The turns of the event loop in which streams write, and the streams corked in the current one.
 * One instance is shared by every feed of the node (see FeedsModule), so that the end of a turn
 * is one callback that uncorks them all rather than one per stream.
 */
export class WriteTurns {
  /** Counted only while streams write. */
  current = 0;
  private ending = false;
  private readonly corked: Corkable[] = [];

  /** Uncorks `stream` when this turn ends. */
  uncorkAtEnd(stream: Corkable): void {
    this.corked.push(stream);
  }

  /** Starts counting a turn in which a stream writes; it ends with this turn of the event loop. */
  endSoon(): void {
    if (this.ending) return;
    this.ending = true;
    setImmediate(() => {
      this.ending = false;
      this.current += 1;
      for (const stream of this.corked.splice(0)) if (!stream.destroyed) stream.uncork();
    });
  }
}

/** Writes to one stream in one turn past which the rest of the turn's writes are held back. */
export const BURST = 4;

/**
 * Returns a function to call before each write to `stream`. The first few writes in a turn of
 * the event loop leave at once: a live feed sends one change (or two) per turn to each of a
 * thousand sockets, and holding each until the turn ends would delay them all (measured: p99
 * about 1.5x worse with 1,000 subscribers). Past those (a backlog being caught up) the stream
 * is corked until the turn ends, so the rest of the turn's writes leave together in one system
 * call. Answers whether this write is one of those held back. `turns` is the node's shared
 * count of turns; a stream given none counts its own.
 */
export function corkPerTurn(stream: Corkable, turns = new WriteTurns()): () => boolean {
  let lastTurn = -1;
  let writes = 0;
  return () => {
    if (stream.destroyed) return false;
    if (lastTurn !== turns.current) {
      lastTurn = turns.current;
      writes = 0;
      turns.endSoon();
    }
    writes += 1;
    if (writes === BURST + 1) {
      stream.cork();
      turns.uncorkAtEnd(stream);
    }
    return writes > BURST;
  };
}
/**
 * How the GraphQL WebSocket layer sends on `socket`: it produces a subscription's next message
 * only once the previous one is sent. Answering only once each message is written to the
 * kernel costs a system call per message and holds a subscriber catching up on a backlog to a
 * few thousand changes a second. So the first messages of a turn of the event loop are answered
 * when written (a live change reaches every subscriber at once), and after them a message counts
 * as sent as soon as it is queued, while the connection's queue stays within `limit` bytes;
 * those leave in one write when the turn ends. Past the limit the caller is answered only once
 * that message is written, so a client that does not read holds about `limit` bytes (plus the
 * first messages of a turn) and one message per subscription here, and the stall rule (code
 * 4008) then applies. Messages keep their order, and a
 * close frame follows them: a client that reads the close reason has received everything
 * queued before it.
 */
export interface CoalescingSend {
  (data: string): Promise<void> | undefined;
  /**
   * Holds writes until the returned release is called: several messages ready together (a
   * burst of changes in one page) then leave in one system call, and each is answered as soon
   * as it is queued. Release before waiting on an answer: a held write is not written.
   */
  hold(): () => void;
}

export function coalescingSend(
  socket: CoalescableSocket,
  limit: number,
  turns?: WriteTurns,
): CoalescingSend {
  const tcp = socket._socket;
  const batching = tcp !== undefined && limit > 0;
  const burst = batching ? corkPerTurn(tcp, turns) : () => false;
  let held = 0;
  const send = (data: string) => {
    // A socket that is closing takes nothing more; answering at once would let a subscription
    // run through its whole backlog in one turn. Its close ends the subscription instead. Once
    // closed, every subscription has been returned; a send still arriving is answered a turn
    // later, so that even a loop that missed the end cannot spin without yielding.
    if (socket.readyState === CLOSED) return new Promise<void>((resolve) => setImmediate(resolve));
    if (socket.readyState !== OPEN)
      return new Promise<void>((resolve) => socket.once('close', () => resolve()));
    // Held or not, every write counts against the turn: past the first few, the stream stays
    // corked until the turn ends, so a backlog walked without turns still waits (and lets the
    // event loop run) once `limit` bytes are queued.
    if ((burst() || held > 0) && socket.bufferedAmount <= limit) {
      // A write that fails later closes the socket, and the GraphQL layer cleans up on close.
      socket.send(data);
      return undefined;
    }
    // Answered once written; a failed write closes the socket and ends its subscriptions.
    return new Promise<void>((resolve) => socket.send(data, undefined, () => resolve()));
  };
  const hold = () => {
    if (!batching || tcp.destroyed) return () => undefined;
    held += 1;
    tcp.cork();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      held -= 1;
      if (!tcp.destroyed) tcp.uncork();
    };
  };
  return Object.assign(send, { hold });
}
