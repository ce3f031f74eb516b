import { Inject, Injectable } from '@nestjs/common';
import {
  ConcurrencyError,
  StreamNotFoundError,
  type EventMetadata,
  type EventStore,
  type GlobalPosition,
} from '@app/event-store';
import { Projector } from '@app/projections';
import { EVENT_STORE } from './tokens';

type DomainEvent = { readonly type: string; readonly data: unknown };

export interface StreamDecider<State, Event extends DomainEvent> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
}

/** Told how long each append to the store took, in seconds (for the node's metrics). */
export type AppendListener = (seconds: number) => void;

export interface CommandOutcome<State> {
  /** The state after the command (unchanged when it decided nothing). */
  readonly state: State;
  /** Position of the last appended event, if any was appended. */
  readonly position?: GlobalPosition;
}

/**
 * The whole write path of one command: read the stream, fold it, decide, append with the
 * revision that was read (the store rejects a concurrent change), then wait until this node's
 * read models include the result so the caller reads its own write.
 */
@Injectable()
export class CommandRunner {
  private readonly appendListeners = new Set<AppendListener>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projector: Projector,
  ) {}

  onAppend(listener: AppendListener): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  async run<State, Event extends DomainEvent>(
    stream: string,
    decider: StreamDecider<State, Event>,
    decide: (state: State) => readonly Event[],
    metadata: EventMetadata,
    options: { retryOnConflict?: boolean } = {},
  ): Promise<CommandOutcome<State>> {
    try {
      return await this.attempt(stream, decider, decide, metadata);
    } catch (error) {
      // A concurrent write won the race: decide once more on the fresh state.
      if (!options.retryOnConflict || !(error instanceof ConcurrencyError)) throw error;
      return this.attempt(stream, decider, decide, metadata);
    }
  }

  private async attempt<State, Event extends DomainEvent>(
    stream: string,
    decider: StreamDecider<State, Event>,
    decide: (state: State) => readonly Event[],
    metadata: EventMetadata,
  ): Promise<CommandOutcome<State>> {
    const { state, revision } = await this.load(stream, decider);
    const events = decide(state);
    if (events.length === 0) return { state };
    const started = performance.now();
    const result = await this.store.appendToStream(
      stream,
      events.map((e) => ({ type: e.type, data: e.data, metadata })),
      { expectedRevision: revision ?? 'no_stream' },
    );
    const seconds = (performance.now() - started) / 1000;
    for (const listener of this.appendListeners) listener(seconds);
    await this.projector.waitFor(result.position);
    return { state: events.reduce(decider.evolve, state), position: result.position };
  }

  private async load<State, Event extends DomainEvent>(
    stream: string,
    decider: StreamDecider<State, Event>,
  ): Promise<{ state: State; revision?: number }> {
    try {
      const events = await this.store.readStream(stream);
      const state = events.reduce(
        (s, e) => decider.evolve(s, { type: e.type, data: e.data } as Event),
        decider.initialState(),
      );
      return { state, revision: events[events.length - 1].streamRevision };
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { state: decider.initialState() };
      throw error;
    }
  }
}
