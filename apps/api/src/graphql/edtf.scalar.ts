import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { tryParseOccurred } from '@app/domain';

/** The Library of Congress's page for the Extended Date/Time Format specification. */
export const EDTF_SPECIFICATION = 'https://www.loc.gov/standards/datetime/';

/** Why a value is not an EDTF date, or undefined when it is one (the domain's own reading). */
export function edtfProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be an EDTF date string';
  const parsed = tryParseOccurred(value);
  return parsed.ok ? undefined : parsed.message;
}

const refuse = (message: string) =>
  new GraphQLError(`EDTF value ${message}`, { extensions: { code: 'BAD_USER_INPUT' } });

/**
 * A date as historians give it: an EDTF level 1 string (a day, a month, a year, an uncertain or
 * approximate one, an interval). Values are kept as the text given, never turned into instants,
 * since "1961" is a year and not 1 January 1961.
 *
 * Requests normally never reach `parseValue`/`parseLiteral` with a bad value: the request hooks
 * check every EDTF position first (edtf-inputs.ts) so that the error names the field as every
 * other input error does. These checks are the same ones, kept so that no path skips them.
 */
export const EdtfScalar = new GraphQLScalarType<string, string>({
  name: 'EDTF',
  description:
    'A date in the Extended Date/Time Format of the Library of Congress (EDTF, level 1), as a string: a day (2022-04-21), a month (2017-09), a year (2018), an uncertain or approximate date (2018?, 1984~), an unspecified digit (201X) or an interval (2016-03-20/2016-03-22).',
  specifiedByURL: EDTF_SPECIFICATION,
  serialize: (value) => {
    if (typeof value !== 'string') throw new GraphQLError('EDTF values are strings');
    return value;
  },
  parseValue: (value) => {
    const problem = edtfProblem(value);
    if (problem) throw refuse(problem);
    return value as string;
  },
  parseLiteral: (node) => {
    if (node.kind !== Kind.STRING) throw refuse('must be an EDTF date string');
    const problem = edtfProblem(node.value);
    if (problem) throw refuse(problem);
    return node.value;
  },
});
