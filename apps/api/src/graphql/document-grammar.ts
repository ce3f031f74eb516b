import { Kind, OperationTypeNode, type DocumentNode } from 'graphql';
import { queryError } from './query-text';

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const INT = /^-?(?:0|[1-9][0-9]*)$/;
const FLOAT = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
const KINDS = new Set<string>(Object.values(Kind));
/** The prefix of graphql-jit's placeholders for values JSON cannot write (dates, NaN, ±Infinity). */
export const JIT_MARKER = '__MAGIC_';
const OPERATIONS = new Set<string>(Object.values(OperationTypeNode));
/** Keys of a node that hold a plain value rather than a node (checked by kind below). */
const PLAIN_KEYS = new Set(['value', 'operation', 'block', 'repeatable']);

/**
 * Checks, without recursion, that a document holds only what GraphQL's grammar allows (known
 * node kinds, names of the Name grammar, literals of their own types) and no string literal
 * that graphql-jit would turn into code. graphql-jit writes names (aliases, fields, arguments,
 * variables), boolean literals and literal arguments into the JavaScript it compiles. Every
 * document this server runs comes from `parseQueryText`, whose parser can only produce
 * grammatical names; this check stands before every compilation anyway, so that no change
 * elsewhere can reopen that path.
 */
export function assertGrammaticalDocument(document: unknown): asserts document is DocumentNode {
  const pending: unknown[] = [document];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      pending.push(...node);
      continue;
    }
    if (node === null || typeof node !== 'object') throw notGrammatical();
    const { kind } = node as { kind?: unknown };
    if (typeof kind !== 'string' || !KINDS.has(kind)) throw notGrammatical();
    checkLeaf(kind, node as Record<string, unknown>);
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc' || key === 'kind' || value === undefined || value === null) continue;
      if (typeof value === 'object') pending.push(value);
      // Plain values live only where `checkLeaf` has checked them.
      else if (!PLAIN_KEYS.has(key)) throw notGrammatical();
    }
  }
}

function checkLeaf(kind: string, node: Record<string, unknown>): void {
  const value = node.value;
  switch (kind) {
    case Kind.NAME:
    case Kind.ENUM:
      if (typeof value !== 'string' || !NAME.test(value)) throw notGrammatical();
      return;
    case Kind.INT:
      if (typeof value !== 'string' || !INT.test(value)) throw notGrammatical();
      return;
    case Kind.FLOAT:
      if (typeof value !== 'string' || !FLOAT.test(value)) throw notGrammatical();
      return;
    case Kind.STRING:
      if (typeof value !== 'string') throw notGrammatical();
      // graphql-jit writes literal arguments into its code as JSON, then turns any string that
      // starts with one of its own markers (`__MAGIC_DATE__…`) back into code: such a literal
      // would run. The same text is harmless in a variable, which is never compiled.
      if (value.includes(JIT_MARKER)) {
        throw queryError(
          `String literals may not contain "${JIT_MARKER}"; pass such text in a variable`,
        );
      }
      return;
    case Kind.BOOLEAN:
      if (typeof value !== 'boolean') throw notGrammatical();
      return;
    case Kind.OPERATION_DEFINITION:
      if (typeof node.operation !== 'string' || !OPERATIONS.has(node.operation))
        throw notGrammatical();
      return;
    default:
      return;
  }
}

const notGrammatical = () => queryError('The query is not a GraphQL document');
