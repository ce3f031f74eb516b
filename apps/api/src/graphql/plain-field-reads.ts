import { GraphQLError, GraphQLScalarType, isObjectType, Kind, type GraphQLSchema } from 'graphql';

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

/**
 * The DateTime scalar also writes a string as it is: the read model keeps instants as the ISO
 * strings the store recorded, and a feed sending a hundred thousand changes would otherwise
 * make a Date of each only to turn it back into the same string. Only resolvers produce these
 * values, never clients (parsing input is unchanged).
 */
/** The root types: the code-first builder gives them no description of their own. */
export function withRootDescriptions(schema: GraphQLSchema): GraphQLSchema {
  const roots = [
    [schema.getQueryType(), 'Reads: records, the timeline, and relationships replayed to a date.'],
    [schema.getMutationType(), 'Writes: record, amend and retract events (an editor token).'],
    [schema.getSubscriptionType(), 'Live feeds over WebSocket (graphql-transport-ws).'],
  ] as const;
  for (const [root, description] of roots) if (root) root.description = description;
  return schema;
}

export function withIsoStringDates(schema: GraphQLSchema): GraphQLSchema {
  const dateTime = schema.getType('DateTime');
  if (dateTime instanceof GraphQLScalarType) {
    dateTime.description = 'An instant in RFC 3339, such as 2025-03-01T00:00:00Z.';
    dateTime.specifiedByURL = 'https://datatracker.ietf.org/doc/html/rfc3339';
    const serialize = dateTime.serialize.bind(dateTime);
    dateTime.serialize = (value: unknown) => (typeof value === 'string' ? value : serialize(value));
    // The framework's scalar reads anything `new Date()` takes (a number, "", "yesterday"),
    // and an invalid Date then fails deep inside a resolver: only RFC 3339 instants are read.
    dateTime.parseValue = readInstant;
    dateTime.parseLiteral = (node) => {
      if (node.kind !== Kind.STRING) throw new GraphQLError(INSTANT_EXPECTED);
      return readInstant(node.value);
    };
  }
  return schema;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})$/;
const INSTANT_EXPECTED = 'DateTime must be an RFC 3339 instant such as 2025-03-01T00:00:00Z';

function readInstant(value: unknown): Date {
  if (typeof value !== 'string' || !RFC3339.test(value)) throw new GraphQLError(INSTANT_EXPECTED);
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new GraphQLError(INSTANT_EXPECTED);
  return instant;
}
