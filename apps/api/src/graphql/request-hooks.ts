import { performance } from 'node:perf_hooks';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import mercurius from 'mercurius';
import type { Actor } from '@app/application';
import { assertGrammaticalDocument } from './document-grammar';
import {
  assertEdtfLiterals,
  assertEdtfVariables,
  edtfVariablePlan,
  type EdtfVariablePlan,
} from './edtf-inputs';
import { OperationGuard, type QueryLimits } from './operation-guard';
import { parseQueryText } from './query-text';
import { RecentCache } from '@app/projections';

interface HttpRequest {
  readonly id?: string;
  readonly body?: unknown;
  readonly query?: unknown;
  readonly headers: Record<string, unknown>;
}

/** What a request's GraphQL context holds once the hooks below have run. */
export interface GuardedContext {
  reply?: { request: HttpRequest };
  actor?: Actor;
  /** `performance.now()` past which no further resolver starts (see time-budget.ts). */
  deadline?: number;
  /** The kind of the operation that runs (for the request latency metric). */
  operationKind?: 'query' | 'mutation' | 'subscription';
}

export interface RequestHookOptions {
  readonly limits: QueryLimits;
  readonly timeBudgetMs: number;
  readonly publicRead: boolean;
  /** The actor of an `Authorization` header; throws when one is sent that does not verify. */
  readonly authenticate: (header: unknown) => Actor | undefined;
}

/** Texts that already passed `parseQueryText`: most requests repeat a handful of queries. */
const CHECKED_TEXTS = 1_000;
const MAX_CHECKED_TEXT = 16 * 1024;

/** Refuses a request with the status a refusal before execution gets, and its code. */
export const refusal = (error: GraphQLError, status: number) =>
  new mercurius.ErrorWithProps(error.message, { ...error.extensions }, status);

/**
 * The checks every HTTP GraphQL request passes, as Mercurius hooks:
 * - before parsing, the text must be GraphQL source within the token and nesting limits
 *   (so Mercurius never falls back to reading the text as a JSON document), and the dates
 *   among its variables EDTF (see edtf-inputs.ts);
 * - before validation (on the first sight of a text), the document must be grammatical and
 *   the dates written in it EDTF;
 * - before execution (every time, with this request's variables), the reader must be allowed
 *   and the operation within the depth, field and cost limits; the time budget starts.
 */
export function requestHooks(options: RequestHookOptions) {
  const plans = new RecentCache<string, EdtfVariablePlan>(CHECKED_TEXTS);
  const guards = new WeakMap<GraphQLSchema, OperationGuard>();
  const guardOf = (schema: GraphQLSchema) => {
    let guard = guards.get(schema);
    if (!guard) guards.set(schema, (guard = new OperationGuard(schema, options.limits)));
    return guard;
  };
  const fail = (error: unknown, status = 400): never => {
    if (error instanceof mercurius.ErrorWithProps) throw error;
    const graphqlError = error as GraphQLError;
    throw graphqlError?.extensions?.code ? refusal(graphqlError, status) : error;
  };
  return {
    preParsing: async (schema: GraphQLSchema, source: unknown, context: GuardedContext) => {
      let plan = typeof source === 'string' ? plans.get(source) : undefined;
      if (!plan) {
        try {
          plan = edtfVariablePlan(schema, parseQueryText(source));
        } catch (error) {
          fail(error);
        }
        if (typeof source === 'string' && source.length <= MAX_CHECKED_TEXT)
          plans.set(source, plan as EdtfVariablePlan);
      }
      // Mercurius coerces the variables before the execution hook: dates are checked here.
      const request = context.reply?.request;
      try {
        assertEdtfVariables(
          plan as EdtfVariablePlan,
          operationNameOf(request),
          variablesOf(request),
        );
      } catch (error) {
        fail(error);
      }
    },
    preValidation: async (schema: GraphQLSchema, document: DocumentNode) => {
      try {
        assertGrammaticalDocument(document);
        assertEdtfLiterals(schema, document);
      } catch (error) {
        fail(error);
      }
    },
    preExecution: async (
      schema: GraphQLSchema,
      document: DocumentNode,
      context: GuardedContext,
      variables: Record<string, unknown> | undefined,
    ) => {
      const request = context.reply?.request;
      try {
        const header = request?.headers.authorization;
        if (header !== undefined) context.actor = options.authenticate(header);
      } catch (error) {
        fail(error, 401);
      }
      if (!options.publicRead && !context.actor) {
        // Introspection too: a private archive does not describe itself to strangers.
        fail(unauthenticated('Reads are private here: send Authorization: Bearer <token>'), 401);
      }
      let operation: OperationDefinitionNode | undefined;
      try {
        const guard = guardOf(schema);
        operation = guard.operationOf(document, operationNameOf(request));
        if (operation.operation === 'subscription') {
          throw Object.assign(refusal(subscriptionOverHttp(), 400), { malformedRequest: true });
        }
        guard.check(document, operation, variables);
      } catch (error) {
        fail(error);
      }
      context.deadline = performance.now() + options.timeBudgetMs;
      context.operationKind = operation?.operation;
      return onlyOperation(document, operation);
    },
  };
}

/**
 * Mercurius compiles one function per query text, for the operation the request that compiled it
 * named, and runs it for every later request of that text whatever operation it names: the
 * operation measured above would not be the one that runs. A document of several operations is
 * therefore handed on holding only the one measured (and its fragments), which Mercurius runs
 * uncompiled; a document of one operation is compiled as usual.
 */
function onlyOperation(document: DocumentNode, operation: OperationDefinitionNode | undefined) {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length <= 1 || !operation) return undefined;
  const definitions = document.definitions.filter(
    (d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION,
  );
  return { document: { ...document, definitions } };
}

/** The request's variables: a JSON object in a POST body, JSON text in a GET query string. */
function variablesOf(request: HttpRequest | undefined): unknown {
  const body = request?.body as { variables?: unknown } | undefined;
  if (body && typeof body === 'object' && body.variables !== undefined) return body.variables;
  const text = (request?.query as { variables?: unknown } | undefined)?.variables;
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // Mercurius refuses it with its own message.
  }
}

function operationNameOf(request: HttpRequest | undefined): unknown {
  const from = (request?.body ?? request?.query) as { operationName?: unknown } | undefined;
  return from?.operationName;
}

const subscriptionOverHttp = () =>
  new GraphQLError(
    'Subscriptions are served over WebSocket at /graphql (graphql-transport-ws protocol) and as a stream at GET /feeds/changes (NDJSON or Server-Sent Events); POST and GET /graphql run queries and mutations',
    { extensions: { code: 'BAD_USER_INPUT' } },
  );

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
