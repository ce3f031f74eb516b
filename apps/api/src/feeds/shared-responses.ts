import type { ExecutionResult } from 'graphql';
import type { PreparedOperation } from '../graphql/prepared-operations';

export type Response = ReturnType<PreparedOperation['compiled']['query']>;

/** A response as JSON: at once, or once a pending response is ready. */
export type Payload = string | Promise<string>;

/**
 * Responses to one change, as JSON, by operation, by the variables its selection reads and by
 * the caller's role: when an append wakes a thousand subscribers of the same query, they are all
 * served in the same turn of the event loop, and one execution and one serialisation serve them
 * all. Kept for that turn only, beside the change, so nothing is attached to the response
 * itself (a weak entry per response, one per change of a backlog, is work for the collector).
 * A response with errors, or one still pending, is never shared. This relies on the fields a
 * subscription can select giving the same answer to every caller of the same role for the same
 * change (true of every field today: plain reads of the change, and `history`, whose answers
 * are pending and so never shared).
 */
export class SharedResponses {
  private byChange = new Map<object, Map<string, string>>();
  private clearing = false;

  /**
   * `serialise` writes a response as its subscribers receive it. At most `changesPerTurn`
   * changes are kept in one turn, the newest: a live append is a change or a few shared by many
   * subscribers, while a backlog walked without turns would otherwise keep thousands of its own
   * changes alive until the turn ends.
   */
  constructor(
    private readonly serialise: (response: ExecutionResult) => string,
    private readonly changesPerTurn = 256,
  ) {}

  to(change: unknown, key: string, run: (change: unknown) => Response): Payload {
    if (typeof change !== 'object' || change === null) return this.payload(run(change));
    let payloads = this.byChange.get(change);
    if (!payloads) {
      if (this.byChange.size >= this.changesPerTurn) {
        const oldest = this.byChange.keys().next().value;
        if (oldest !== undefined) this.byChange.delete(oldest);
      }
      payloads = new Map();
      this.byChange.set(change, payloads);
      this.clearAfterTurn();
    }
    let payload = payloads.get(key);
    if (payload === undefined) {
      const response = run(change);
      if ('then' in response) return this.payload(response);
      payload = this.serialise(response);
      if (!response.errors) payloads.set(key, payload);
    }
    return payload;
  }

  private payload(response: Response): Payload {
    return 'then' in response
      ? Promise.resolve(response).then(this.serialise)
      : this.serialise(response);
  }

  private clearAfterTurn(): void {
    if (this.clearing) return;
    this.clearing = true;
    setImmediate(() => {
      this.byChange = new Map();
      this.clearing = false;
    });
  }
}

/** The sharing key of one subscription: its operation, the variables its selection reads, the role. */
export function sharingKey(
  prepared: PreparedOperation,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  role: string,
): string {
  const read =
    prepared.responseVariables === undefined
      ? Object.keys(variables ?? {}).sort()
      : prepared.responseVariables;
  return `${prepared.key}\u0000${JSON.stringify(read.map((name) => variables?.[name] ?? null))}\u0000${role}`;
}
