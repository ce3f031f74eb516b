import {
  buildClientSchema,
  getIntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { gql, removeDir, startServer, type RunningServer } from './support/server';

/** Every schema coordinate (type, field, argument, input field, enum value) without a description. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (coordinate: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) {
          check(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing.sort();
}

describe('the published schema documents itself', () => {
  let server: RunningServer;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    server = await startServer();
    const result = await gql<IntrospectionQuery>(
      server.url,
      getIntrospectionQuery({ descriptions: true, specifiedByUrl: true }),
    );
    expect(result.errors).toBeUndefined();
    schema = buildClientSchema(result.data!);
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('describes every type, field, argument, input field and enum value', () => {
    const missing = undescribed(schema);
    if (missing.length) {
      throw new Error(
        `${missing.length} schema elements lack a description:\n${missing.join('\n')}`,
      );
    }
  });

  it('gives relationship changes an enum aspect', () => {
    const aspect = schema.getType('RelationshipAspect');
    const values = isEnumType(aspect) ? aspect.getValues().map((v) => v.name) : [];
    expect(values.sort()).toEqual(
      [
        'RELATIONS',
        'EMBASSY',
        'DIALOGUE',
        'AGREEMENT',
        'CONSULAR',
        'SANCTIONS',
        'DESIGNATION',
      ].sort(),
    );
  });

  it('says which format DateTime follows', () => {
    const dateTime = schema.getType('DateTime');
    expect(isScalarType(dateTime) && dateTime.specifiedByURL).toBe(
      'https://datatracker.ietf.org/doc/html/rfc3339',
    );
    expect(dateTime?.description).toContain('RFC 3339');
  });
});
