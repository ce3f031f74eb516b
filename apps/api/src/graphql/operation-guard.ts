import {
  GraphQLError,
  getOperationAST,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import {
  introspectionSizes,
  measureOperation,
  type ListSizes,
  type OperationMeasure,
} from './query-cost';
import { COUNTRIES_PAGE, DYADS_PAGE } from '../discovery/discovery-args';
import { eventStatsSize, relationshipSeriesSize } from './sized-lists';

/** The bounds every operation is held to before it runs (see docs/security.md). */
export interface QueryLimits {
  /** Nesting of fields outside introspection. */
  readonly maxDepth: number;
  /** Fields once fragments are spread out, aliases included. */
  readonly maxFields: number;
  /** Work units (query-cost.ts); `MAX_QUERY_COST`. */
  readonly maxCost: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxFields: 2_000,
  maxCost: 100_000,
};

/** Largest page of `events`, and the size of a page when none is asked for. */
export const EVENTS_PAGE = { default: 20, max: 200 } as const;
/** Largest list of `relationshipChanges`, and its size when none is asked for. */
export const CHANGES_PAGE = { default: 200, max: 1_000 } as const;

/**
 * Lists and weights of this schema. A unit is roughly a microsecond of work: a field written
 * into the answer costs one (an overestimate, kept simple), a field whose resolver reads the
 * store weighs a hundred (as measured, a read-model query with its mapping takes ~100 µs).
 * Lists whose length is bounded by input limits are estimated at their bound or typical size.
 */
const SCHEMA_SIZES: Omit<ListSizes, 'estimates'> & { estimates: Record<string, number> } = {
  pages: {
    'Query.events': EVENTS_PAGE,
    'Query.relationshipChanges': CHANGES_PAGE,
    'Query.countries': COUNTRIES_PAGE,
    'Query.dyads': DYADS_PAGE,
  },
  estimates: {
    // Revisions of one record: unbounded in principle, a handful in practice; the time budget
    // stops the rare record amended thousands of times.
    'DiplomaticEvent.history': 10,
    // Bounded by the record input's own limits (30 effects, 20 sources, 50 participants);
    // a typical record holds a few.
    'DiplomaticEvent.effects': 10,
    'DiplomaticEvent.sources': 10,
    'DiplomaticEvent.participants': 10,
    // QuadClasses are 1 to 4.
    'EventStatsBucket.byQuadClass': 4,
  },
  sized: {
    'Query.eventStats': eventStatsSize,
    'Query.relationshipSeries': relationshipSeriesSize,
  },
  otherLists: 10,
  weights: {
    // Measured under load on a 21-event archive: a page of events with its count, or a
    // relationship's state, takes 1.5–2 ms of the event loop.
    'Query.events': 1_000,
    'Query.event': 100,
    'Query.relationship': 2_000,
    // Works out the group's whole history of changes (once per request and group).
    'Query.relationshipChanges': 2_000,
    // Reads the group's history once, however many dates; each state then costs its fields.
    'Query.relationshipSeries': 2_000,
    // One read of a few hundred aggregate rows (kept between writes), names and a filter.
    'Query.countries': 200,
    'Query.dyads': 100,
    // One grouped pass over the filter's selection: like a page with its count.
    'Query.eventStats': 2_000,
    'CountryConnection.totalCount': 0,
    'DiplomaticEventConnection.totalCount': 1_000,
    'DiplomaticEvent.history': 100,
    'RelationshipChange.event': 100,
    'Subscription.eventChanges': 100,
    'Subscription.relationshipChanged': 100,
  },
};

/** Measures kept per document (one per operation and set of variables). */
const MEASURES_PER_DOCUMENT = 64;
/** Variables (as JSON) up to this length key a kept measure; longer ones are measured anew. */
const MAX_KEYED_VARIABLES = 1_024;

export const tooComplex = (message: string, extra: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', ...extra } });

/**
 * Holds an operation to the limits with its variables (a page size may come from one), before
 * it runs: its depth, its fields and its cost, where lists multiply what they hold. Used for
 * queries and mutations over HTTP and for subscriptions over WebSocket alike.
 */
export class OperationGuard {
  private readonly sizes: ListSizes;
  private readonly measured = new WeakMap<DocumentNode, Map<string, OperationMeasure>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: QueryLimits = DEFAULT_QUERY_LIMITS,
  ) {
    this.sizes = {
      ...SCHEMA_SIZES,
      estimates: { ...SCHEMA_SIZES.estimates, ...introspectionSizes(schema) },
    };
  }

  /**
   * The measure depends on the document, the operation and the variables (a page size, a
   * series' dates or their count may come from them): kept per document for the few
   * combinations a client repeats, so that a query asked a thousand times is measured once.
   * Variables too long to be a cheap key are measured every time.
   */
  private measureOf(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Readonly<Record<string, unknown>> | null | undefined,
  ): OperationMeasure {
    const values = variables ? JSON.stringify(variables) : '';
    if (values.length > MAX_KEYED_VARIABLES) {
      return measureOperation(this.schema, document, operation, variables, this.sizes);
    }
    let known = this.measured.get(document);
    if (!known) this.measured.set(document, (known = new Map()));
    const key = `${operation.name?.value ?? ''}\u0000${values}`;
    let measure = known.get(key);
    if (!measure) {
      measure = measureOperation(this.schema, document, operation, variables, this.sizes);
      if (known.size >= MEASURES_PER_DOCUMENT) known.clear();
      known.set(key, measure);
    }
    return measure;
  }

  /** The operation to run, or the error that refuses the request. */
  operationOf(document: DocumentNode, operationName: unknown): OperationDefinitionNode {
    if (
      operationName !== undefined &&
      operationName !== null &&
      typeof operationName !== 'string'
    ) {
      throw new GraphQLError('operationName must be a string', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    const operation = getOperationAST(document, operationName ?? undefined);
    if (!operation) {
      throw new GraphQLError(
        'Unable to identify the operation to run: name it with operationName',
        {
          extensions: { code: 'BAD_USER_INPUT' },
        },
      );
    }
    return operation;
  }

  /** Measures the operation; throws QUERY_TOO_COMPLEX naming the measure and the limit. */
  check(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Readonly<Record<string, unknown>> | null | undefined,
  ): OperationMeasure {
    const measure = this.measureOf(document, operation, variables);
    const { maxDepth, maxFields, maxCost } = this.limits;
    if (measure.depth > maxDepth) {
      throw tooComplex(`The operation is ${measure.depth} fields deep; the limit is ${maxDepth}`, {
        depth: measure.depth,
        limit: maxDepth,
      });
    }
    if (measure.fields > maxFields) {
      throw tooComplex(
        `The operation selects ${measure.fields} fields once its fragments are spread out; the limit is ${maxFields}`,
        { fields: measure.fields, limit: maxFields },
      );
    }
    if (measure.cost > maxCost) {
      throw tooComplex(
        `The operation would cost ${measure.cost} units (lists multiply what they hold); the limit is ${maxCost}. Ask for smaller pages or fewer fields.`,
        { cost: measure.cost, limit: maxCost },
      );
    }
    return measure;
  }
}
