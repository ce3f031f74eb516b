import {
  GraphQLError,
  Kind,
  validate,
  visit,
  type ASTNode,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { RecentCache } from '@app/projections';
import { assertGrammaticalDocument } from './document-grammar';
import {
  assertEdtfLiterals,
  assertEdtfVariables,
  edtfVariablePlan,
  type EdtfVariablePlan,
} from './edtf-inputs';
import { OperationGuard } from './operation-guard';
import { parseQueryText } from './query-text';

export interface PreparedOperation {
  /** The operation's text and name: equal keys, equal operations. */
  readonly key: string;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  /** The operation compiled to plain JavaScript: what runs for every message of a subscription. */
  readonly compiled: CompiledQuery;
  /**
   * Variables the response can depend on: those read below the root fields (the root fields'
   * own arguments choose what is delivered, not how it is shown). Undefined when unknown.
   */
  readonly responseVariables: readonly string[] | undefined;
  /** Where the operation's variables land in dates, checked at each subscribe. */
  readonly edtfVariables: EdtfVariablePlan;
}

/** Characters of operation text past which a preparation is not kept. */
const MAX_CACHED_TEXT = 16 * 1024;

const badInput = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/**
 * Operations parsed, validated, depth-checked and compiled once per text. A thousand clients
 * subscribing with the same query share one preparation, and each message of a subscription is
 * produced by the compiled operation rather than by interpreting the document again.
 */
export class PreparedOperations {
  private readonly byText: RecentCache<string, PreparedOperation | readonly GraphQLError[]>;
  private readonly byDocument = new WeakMap<DocumentNode, PreparedOperation>();

  constructor(
    private readonly schema: GraphQLSchema,
    readonly guard: OperationGuard,
    capacity = 500,
  ) {
    this.byText = new RecentCache(capacity);
  }

  /** The prepared operation, or the errors that refuse it (the same for the same text). */
  prepare(query: unknown, operationName?: unknown): PreparedOperation | readonly GraphQLError[] {
    if (typeof query !== 'string')
      return [badInput('The query must be a string of GraphQL source text')];
    if (
      operationName !== undefined &&
      operationName !== null &&
      typeof operationName !== 'string'
    ) {
      return [badInput('operationName must be a string')];
    }
    const name = (operationName ?? undefined) as string | undefined;
    const key = `${name ?? ''}\u0000${query}`;
    let prepared = this.byText.get(key);
    if (!prepared) {
      prepared = this.build(key, query, name);
      // Large documents are rare and would make the cache hold a lot: prepared each time.
      if (query.length <= MAX_CACHED_TEXT) this.byText.set(key, prepared);
    }
    return prepared;
  }

  /** The errors that refuse running `prepared` with these variables (page sizes may come from them). */
  refusalWith(prepared: PreparedOperation, variables: unknown): readonly GraphQLError[] {
    try {
      // Before the guard, which coerces the variables and would not name the field.
      assertEdtfVariables(prepared.edtfVariables, prepared.operation.name?.value, variables);
      this.guard.check(
        prepared.document,
        prepared.operation,
        variables as Record<string, unknown> | undefined,
      );
      return [];
    } catch (error) {
      return [error instanceof GraphQLError ? error : badInput('The variables could not be read')];
    }
  }

  /** The preparation a document came from (documents are only ever handed out by `prepare`). */
  of(document: DocumentNode): PreparedOperation | undefined {
    return this.byDocument.get(document);
  }

  private build(
    key: string,
    query: string,
    operationName: string | undefined,
  ): PreparedOperation | readonly GraphQLError[] {
    let document: DocumentNode;
    let operation: OperationDefinitionNode;
    try {
      document = parseQueryText(query);
      assertGrammaticalDocument(document);
      assertEdtfLiterals(this.schema, document);
      const invalid = validate(this.schema, document);
      if (invalid.length > 0) {
        return invalid.map(
          (error) =>
            new GraphQLError(error.message, {
              nodes: error.nodes,
              extensions: { code: 'BAD_USER_INPUT' },
            }),
        );
      }
      operation = this.guard.operationOf(document, operationName);
      // Page sizes may come from variables: measured again with them at each subscribe.
      this.guard.check(document, operation, undefined);
    } catch (error) {
      return [
        error instanceof GraphQLError ? error : badInput('The query could not be read as GraphQL'),
      ];
    }
    const compiled = compileQuery(this.schema, document, operationName);
    if (!isCompiledQuery(compiled)) {
      return (compiled.errors ?? []).map(
        (error) =>
          new GraphQLError(error.message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
      );
    }
    const prepared = {
      key,
      document,
      operation,
      compiled,
      responseVariables: responseVariables(document, operation),
      edtfVariables: edtfVariablePlan(this.schema, document),
    };
    this.byDocument.set(document, prepared);
    return prepared;
  }
}

function responseVariables(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): string[] | undefined {
  const names = new Set<string>();
  const collect = (node: ASTNode) =>
    visit(node, { Variable: (variable) => void names.add(variable.name.value) });
  for (const selection of operation.selectionSet.selections) {
    // A root field reached through a fragment: no telling which variables are its arguments.
    if (selection.kind !== Kind.FIELD) return undefined;
    if (selection.selectionSet) collect(selection.selectionSet);
    selection.directives?.forEach(collect);
  }
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) collect(definition);
  }
  return [...names].sort();
}
