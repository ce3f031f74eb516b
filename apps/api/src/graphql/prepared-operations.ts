import {
  GraphQLError,
  getOperationAST,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { RecentCache } from '@app/projections';

export interface PreparedOperation {
  /** The operation's text and name: equal keys, equal operations. */
  readonly key: string;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  /** The operation compiled to plain JavaScript: what runs for every message of a subscription. */
  readonly compiled: CompiledQuery;
}

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

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
    private readonly maxDepth: number,
    capacity = 500,
  ) {
    this.byText = new RecentCache(capacity);
  }

  /** The prepared operation, or the errors that refuse it (the same for the same text). */
  prepare(query: string, operationName?: string | null): PreparedOperation | readonly GraphQLError[] {
    const key = `${operationName ?? ''}\u0000${query}`;
    let prepared = this.byText.get(key);
    if (!prepared) {
      prepared = this.build(key, query, operationName ?? undefined);
      this.byText.set(key, prepared);
    }
    return prepared;
  }

  /** The preparation a document came from (documents are only ever handed out by `prepare`). */
  of(document: DocumentNode): PreparedOperation | undefined {
    return this.byDocument.get(document);
  }

  private build(key: string, query: string, operationName: string | undefined): PreparedOperation | readonly GraphQLError[] {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return [badInput(error instanceof Error ? error.message : String(error))];
    }
    const invalid = validate(this.schema, document);
    if (invalid.length > 0) return invalid.map((error) => badInput(error.message));
    const operation = getOperationAST(document, operationName);
    if (!operation) return [badInput('Unable to identify the operation to run: name it with operationName')];
    const depth = depthOf(operation.selectionSet, fragmentsOf(document));
    if (depth > this.maxDepth) {
      return [
        new GraphQLError(`The operation exceeds the query depth limit of ${this.maxDepth} (it is ${depth} deep)`, {
          extensions: { code: 'QUERY_TOO_COMPLEX' },
        }),
      ];
    }
    const compiled = compileQuery(this.schema, document, operationName);
    if (!isCompiledQuery(compiled)) return (compiled.errors ?? []).map((error) => badInput(error.message));
    const prepared = { key, document, operation, compiled };
    this.byDocument.set(document, prepared);
    return prepared;
  }
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/** Nesting of fields, through fragments (validation has already refused fragment cycles). */
function depthOf(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    let depth = 0;
    if (selection.kind === Kind.FIELD) {
      depth = selection.selectionSet ? 1 + depthOf(selection.selectionSet, fragments) : 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = depthOf(selection.selectionSet, fragments);
    } else {
      const fragment = fragments.get(selection.name.value);
      depth = fragment ? depthOf(fragment.selectionSet, fragments) : 0;
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}
