import { Inject, Injectable } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import type { AppConfig } from '@app/application';
import { APP_CONFIG } from '@app/application';

/** What the WebSocket layer keeps per connection, shared by its subscriptions. */
export interface ConnectionState {
  readonly socket: { close(code?: number, reason?: string): void };
  subscriptions: number;
}

/** The GraphQL context of a subscription: its connection, when it came over WebSocket. */
export interface SubscriptionContext {
  connection?: ConnectionState;
}

/**
 * The cap on subscriptions one WebSocket connection holds (`MAX_SUBSCRIPTIONS_PER_CONNECTION`),
 * claimed by every subscription a capability serves, whatever it follows: one connection
 * cannot open feeds without end, however it splits them between fields.
 */
@Injectable()
export class SubscriptionSlots {
  private claimed = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Subscriptions over WebSocket holding a slot now, on all connections. */
  get active(): number {
    return this.claimed;
  }

  /** Counts a subscription against its connection's cap; returns the release (once is enough). */
  claim(connection: ConnectionState | undefined): () => void {
    if (!connection) return () => undefined;
    const { maxSubscriptionsPerConnection } = this.config.feedLimits;
    if (connection.subscriptions >= maxSubscriptionsPerConnection) {
      throw new GraphQLError(
        `At most ${maxSubscriptionsPerConnection} subscriptions per connection`,
        {
          extensions: { code: 'RATE_LIMITED' },
        },
      );
    }
    connection.subscriptions += 1;
    this.claimed += 1;
    let released = false;
    return () => {
      if (!released) {
        connection.subscriptions -= 1;
        this.claimed -= 1;
      }
      released = true;
    };
  }
}
