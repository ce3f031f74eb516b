import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  isInputObjectType,
  isEnumType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';

/** What an operation will cost, found from its text, its variables and the schema alone. */
export interface OperationMeasure {
  /** Nesting of fields outside introspection (fragments add no level). */
  readonly depth: number;
  /** Fields selected once every fragment is spread where it is used (aliases included). */
  readonly fields: number;
  /**
   * Work units: every field produced counts one for each time it is produced (lists multiply
   * what they hold by their size), and a field that reads the store adds its own weight.
   */
  readonly cost: number;
}

/** Page sizes and list bounds the measure relies on; they are the resolvers' own limits. */
export interface ListSizes {
  /** Connection fields: the page size argument names, default and maximum. */
  readonly pages: Readonly<Record<string, { readonly default: number; readonly max: number }>>;
  /** Lists whose length is bounded elsewhere (input limits, the schema): an estimate each. */
  readonly estimates: Readonly<Record<string, number>>;
  /** Any other list. */
  readonly otherLists: number;
  /**
   * Lists whose length follows from their arguments (a series of dates, periods of a range):
   * a function of the argument values (undefined when absent or not a literal or variable).
   */
  readonly sized?: Readonly<Record<string, (argument: (name: string) => unknown) => number>>;
  /** Extra weight of fields that read the store, by `Type.field`. */
  readonly weights: Readonly<Record<string, number>>;
}

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/** How many items introspection lists hold on this schema: types, and the mean of the rest. */
export function introspectionSizes(schema: GraphQLSchema): Record<string, number> {
  const types = Object.values(schema.getTypeMap());
  const mean = (counts: number[]) =>
    Math.max(1, Math.ceil(counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length)));
  const withFields = types.filter((t) => isObjectType(t) || isInterfaceType(t));
  const fields = withFields.flatMap((t) =>
    Object.values(
      (t as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields(),
    ),
  );
  return {
    '__Schema.types': types.length,
    '__Schema.directives': schema.getDirectives().length,
    '__Type.fields': mean(
      withFields.map((t) => Object.keys((t as { getFields(): object }).getFields()).length),
    ),
    '__Type.inputFields': mean(
      types.filter(isInputObjectType).map((t) => Object.keys(t.getFields()).length),
    ),
    '__Type.enumValues': mean(types.filter(isEnumType).map((t) => t.getValues().length)),
    '__Type.interfaces': 1,
    '__Type.possibleTypes': 1,
    '__Field.args': mean(fields.map((f) => f.args.length)),
    '__Directive.args': mean(schema.getDirectives().map((d) => d.args.length)),
    '__Directive.locations': 4,
  };
}

/**
 * The measure of one operation. Each fragment is measured once per multiplier of 1 and scaled
 * where it is spread, so the work is linear in the document's size however often fragments
 * spread into fragments; a fragment cycle (a validation error of its own) only stops counting.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  sizes: ListSizes,
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  // A fragment's measure depends on where it is spread (the page its lists are in): kept per
  // fragment and context, or a fragment first spread under a page of 1 would count as 1 under
  // a page of 200 too.
  const known = new Map<string, OperationMeasure>();
  const visiting = new Set<string>();
  const none: OperationMeasure = { depth: 0, fields: 0, cost: 0 };
  variables = withDefaults(operation, variables);

  const intValue = (node: ValueNode | undefined): number | undefined => {
    if (!node) return undefined;
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.VARIABLE) {
      const value = variables?.[node.name.value];
      return typeof value === 'number' ? value : undefined;
    }
    return undefined;
  };

  /** Items a list field returns: a page's size, or the estimate for that list. */
  const listSize = (key: string, field: FieldNode, pageSize: number | undefined): number => {
    const page = sizes.pages[key];
    if (page) {
      const args = field.arguments ?? [];
      const asked = ['first', 'last'].map((name) =>
        intValue(args.find((a) => a.name.value === name)?.value),
      );
      const size = asked.find((n) => n !== undefined) ?? page.default;
      return Math.max(0, Math.min(size, page.max));
    }
    const sized = sizes.sized?.[key];
    if (sized) {
      return sized((name) => {
        const node = field.arguments?.find((a) => a.name.value === name)?.value;
        return node ? valueFromASTUntyped(node, variables ?? undefined) : undefined;
      });
    }
    if (key.endsWith('.edges') && pageSize !== undefined) return pageSize;
    return sizes.estimates[key] ?? sizes.otherLists;
  };

  const measure = (
    selectionSet: SelectionSetNode,
    parent: GraphQLNamedType | undefined,
    inIntrospection: boolean,
    pageSize: number | undefined,
  ): OperationMeasure => {
    let depth = 0;
    let fields = 0;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      let size = none;
      if (selection.kind === Kind.FIELD) {
        size = measureField(selection, parent, inIntrospection, pageSize);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parent;
        size = measure(selection.selectionSet, on ?? parent, inIntrospection, pageSize);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        const context = `${name}|${parent?.name ?? '?'}|${inIntrospection}|${pageSize ?? ''}`;
        if (fragment && !known.has(context) && !visiting.has(name)) {
          visiting.add(name);
          const on = schema.getType(fragment.typeCondition.name.value) ?? parent;
          known.set(context, measure(fragment.selectionSet, on, inIntrospection, pageSize));
          visiting.delete(name);
        }
        size = known.get(context) ?? none;
      }
      depth = Math.max(depth, size.depth);
      fields += size.fields;
      cost += size.cost;
    }
    return { depth, fields, cost };
  };

  const measureField = (
    field: FieldNode,
    parent: GraphQLNamedType | undefined,
    inIntrospection: boolean,
    pageSize: number | undefined,
  ): OperationMeasure => {
    const name = field.name.value;
    const introspection = inIntrospection || INTROSPECTION_ROOTS.has(name);
    const definition = fieldOf(parent, name);
    const key = `${parent?.name ?? '?'}.${name}`;
    const weight = 1 + (sizes.weights[key] ?? 0);
    if (!field.selectionSet) return { depth: introspection ? 0 : 1, fields: 1, cost: weight };
    const type = definition ? getNullableType(definition.type) : undefined;
    const items = type && isListType(type) ? listSize(key, field, pageSize) : 1;
    const page = sizes.pages[key] ? listSize(key, field, undefined) : pageSize;
    const below = measure(
      field.selectionSet,
      definition ? getNamedType(definition.type) : undefined,
      introspection,
      page,
    );
    return {
      depth: introspection ? 0 : below.depth + 1,
      fields: below.fields + 1,
      cost: weight + items * below.cost,
    };
  };

  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  return measure(operation.selectionSet, root ?? undefined, false, undefined);
}

/** graphql-js keeps its meta fields out of `getFields()`: they are found by name. */
function fieldOf(parent: GraphQLNamedType | undefined, name: string) {
  if (name === '__schema') return SchemaMetaFieldDef;
  if (name === '__type') return TypeMetaFieldDef;
  if (parent && (isObjectType(parent) || isInterfaceType(parent))) return parent.getFields()[name];
  return undefined;
}

/**
 * The variables as the operation will run with them: one not sent takes its declared default,
 * so `query($n: Int = 200) { events(first: $n) … }` is measured at 200, as it runs.
 */
function withDefaults(
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): Readonly<Record<string, unknown>> | undefined {
  const defaults = (operation.variableDefinitions ?? []).filter(
    (definition) =>
      definition.defaultValue !== undefined &&
      !(variables && Object.hasOwn(variables, definition.variable.name.value)),
  );
  if (defaults.length === 0) return variables ?? undefined;
  const values: Record<string, unknown> = { ...variables };
  for (const definition of defaults) {
    values[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue!);
  }
  return values;
}
