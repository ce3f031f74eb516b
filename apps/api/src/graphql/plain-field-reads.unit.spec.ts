import { GraphQLObjectType, GraphQLScalarType, GraphQLSchema } from 'graphql';
import { withIsoStringDates } from './plain-field-reads';

describe('withIsoStringDates', () => {
  it('writes ISO strings as they are and everything else as the scalar did', () => {
    // As the code-first DateTime scalar serialises: Dates only.
    const scalar = new GraphQLScalarType({
      name: 'DateTime',
      serialize: (value) => (value instanceof Date ? value.toISOString() : null),
    });
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { at: { type: scalar } } }),
    });
    expect(scalar.serialize('2024-01-01T00:00:00.000Z')).toBeNull();
    withIsoStringDates(schema);
    expect(scalar.serialize('2024-01-01T00:00:00.000Z')).toBe('2024-01-01T00:00:00.000Z');
    expect(scalar.serialize(new Date('2024-01-02T00:00:00.000Z'))).toBe('2024-01-02T00:00:00.000Z');
    expect(scalar.serialize(42)).toBeNull();
  });
});
