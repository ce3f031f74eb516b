import { isObjectType, type GraphQLSchema } from 'graphql';

/**
 * The code-first schema builder gives every output field a resolver that only reads the
 * property of the same name (and falls back to a `defaultValue`, which this schema never sets).
 * With a resolver in place the JIT-compiled query must call it for every field of every object;
 * without one, GraphQL's default is the same property read, which the compiled query inlines.
 * A page of 50 events has a few hundred such fields.
 */
export function withPlainFieldReads(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve?.name === 'rootFieldResolver') field.resolve = undefined;
    }
  }
  return schema;
}
