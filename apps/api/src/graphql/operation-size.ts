import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** Fields an operation may select once its fragments are spread out (aliases included). */
export const MAX_QUERY_FIELDS = 2_000;

export interface OperationSize {
  /** Nesting of fields (fragments add no level). */
  readonly depth: number;
  /** Fields selected once every fragment is spread where it is used. */
  readonly fields: number;
}

/**
 * The size of an operation as it will run. Each fragment is measured once: a document that
 * spreads fragments into fragments many times over is small to send but would otherwise take
 * exponential time to measure, and to compile (graphql-jit spreads fragments out).
 */
export function operationSize(document: DocumentNode, operation: OperationDefinitionNode): OperationSize {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const known = new Map<string, OperationSize>();
  const measure = (selectionSet: SelectionSetNode, visiting: Set<string>): OperationSize => {
    let depth = 0;
    let fields = 0;
    for (const selection of selectionSet.selections) {
      let size: OperationSize = { depth: 0, fields: 0 };
      if (selection.kind === Kind.FIELD) {
        const below = selection.selectionSet ? measure(selection.selectionSet, visiting) : { depth: 0, fields: 0 };
        size = { depth: below.depth + 1, fields: below.fields + 1 };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        size = measure(selection.selectionSet, visiting);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A cycle is a validation error of its own; here it only must not loop.
        if (fragment && !known.has(name) && !visiting.has(name)) {
          visiting.add(name);
          known.set(name, measure(fragment.selectionSet, visiting));
          visiting.delete(name);
        }
        size = known.get(name) ?? size;
      }
      depth = Math.max(depth, size.depth);
      fields += size.fields;
    }
    return { depth, fields };
  };
  return measure(operation.selectionSet, new Set());
}

export const tooManyFields = (fields: number, max = MAX_QUERY_FIELDS) =>
  new GraphQLError(`The operation selects ${fields} fields once its fragments are spread out; the limit is ${max}`, {
    extensions: { code: 'QUERY_TOO_COMPLEX' },
  });

/** The field limit as a validation rule, for operations served over HTTP. */
export function maxFieldsRule(max = MAX_QUERY_FIELDS): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      const { fields } = operationSize(context.getDocument(), operation);
      if (fields > max) context.reportError(tooManyFields(fields, max));
    },
  });
}
