import type { PreparedOperation } from '../graphql/prepared-operations';

export type Response = ReturnType<PreparedOperation['compiled']['query']>;

/**
 * Responses to one change, by operation, by the variables its selection reads and by the
 * caller's role: when an append wakes a thousand subscribers of the same query, they are all
 * served in the same turn of the event loop, and one execution serves them all. Kept for that
 * turn only. A response with errors, or one still pending, is never shared. This relies on the
 * fields a subscription can select giving the same answer to every caller of the same role for
 * the same change (true of every field today: plain reads of the change, and `history`, whose
 * answers are pending and so never shared).
 */
export class SharedResponses {
  private byChange = new Map<object, Map<string, Response>>();
  private clearing = false;

  /**
   * At most `changesPerTurn` changes are kept in one turn, the newest: a live append is a change
   * or a few shared by many subscribers, while a backlog walked without turns would otherwise
   * keep thousands of its own changes alive until the turn ends.
   */
  constructor(private readonly changesPerTurn = 256) {}

  to(change: unknown, key: string, run: (change: unknown) => Response): Response {
    if (typeof change !== 'object' || change === null) return run(change);
    let responses = this.byChange.get(change);
    if (!responses) {
      if (this.byChange.size >= this.changesPerTurn) {
        const oldest = this.byChange.keys().next().value;
        if (oldest !== undefined) this.byChange.delete(oldest);
      }
      responses = new Map();
      this.byChange.set(change, responses);
      this.clearAfterTurn();
    }
    let response = responses.get(key);
    if (!response) {
      response = run(change);
      if (!('then' in response) && !response.errors) responses.set(key, response);
    }
    return response;
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
  const read = prepared.responseVariables === undefined ? Object.keys(variables ?? {}).sort() : prepared.responseVariables;
  return `${prepared.key}\u0000${JSON.stringify(read.map((name) => variables?.[name] ?? null))}\u0000${role}`;
}
