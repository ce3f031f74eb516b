import {
  GraphQLError,
  Kind,
  TypeInfo,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { DomainError } from '@app/domain';
import { EdtfScalar, edtfProblem } from './edtf.scalar';

type Issue = { path: string; message: string };

/** Bounds the walk of a hostile variables object (the document's own size is bounded already). */
const MAX_VISITED = 20_000;
const MAX_ISSUES = 20;

/** Where a variable's value lands in an EDTF-holding position: its type there, and the path. */
interface VariableUse {
  readonly variable: string;
  readonly type: GraphQLInputType;
  readonly path: string;
}

/** For each operation of a document (by name; `''` for an anonymous one), its variables' uses. */
export type EdtfVariablePlan = ReadonlyMap<string, readonly VariableUse[]>;

/**
 * Dates are checked before graphql-js coerces them, so that a bad date is refused like every
 * other bad input: `BAD_USER_INPUT` with `fields` naming where it is (relative to a mutation's
 * `input`, else starting with the argument's name) — not graphql's "Variable "$input" got
 * invalid value …", which names no field when the variable is the whole argument.
 *
 * Values written in the document are checked once per text (`assertEdtfLiterals`); values sent
 * as variables on every request, through a plan made once per text of where each variable lands
 * (`edtfVariablePlan`), so a request whose operation holds no date costs nothing more.
 */
export function assertEdtfLiterals(schema: GraphQLSchema, document: DocumentNode): void {
  const issues = new Issues();
  forEachArgument(schema, document, (node, type, path) => checkNode(node, type, path, issues));
  // A variable's default is written in the document too: named by the variable.
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const type = typeFromAST(schema, variable.type) as GraphQLInputType | undefined;
      if (variable.defaultValue && type)
        checkNode(variable.defaultValue, type, `$${variable.variable.name.value}`, issues);
    }
  }
  issues.throwIfAny();
}

export function edtfVariablePlan(schema: GraphQLSchema, document: DocumentNode): EdtfVariablePlan {
  const plan = new Map<string, VariableUse[]>();
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  for (const operation of document.definitions) {
    if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
    const uses: VariableUse[] = [];
    const holder: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
    forEachArgument(schema, holder, (node, type, path) => collectUses(node, type, path, uses));
    if (uses.length > 0) plan.set(operation.name?.value ?? '', uses);
  }
  return plan;
}

export function assertEdtfVariables(
  plan: EdtfVariablePlan,
  operationName: unknown,
  variables: unknown,
): void {
  if (plan.size === 0 || !variables || typeof variables !== 'object') return;
  const uses =
    plan.get(typeof operationName === 'string' ? operationName : '') ??
    (plan.size === 1 && typeof operationName !== 'string' ? [...plan.values()][0] : undefined);
  if (!uses) return;
  const issues = new Issues();
  for (const use of uses) {
    const value = (variables as Record<string, unknown>)[use.variable];
    checkValue(value, use.type, use.path, issues);
  }
  issues.throwIfAny();
}

class Issues {
  readonly list: Issue[] = [];
  visited = 0;
  add(path: string, message: string) {
    if (this.list.length < MAX_ISSUES) this.list.push({ path, message });
  }
  throwIfAny() {
    if (this.list.length === 0) return;
    // The same message and extensions as the domain's refusal of any other invalid input.
    const refusal = DomainError.invalid(this.list);
    throw new GraphQLError(refusal.message, {
      extensions: { code: 'BAD_USER_INPUT', reason: refusal.code, fields: refusal.issues },
    });
  }
}

type ArgumentVisitor = (node: ValueNode, type: GraphQLInputType, path: string) => void;

function forEachArgument(schema: GraphQLSchema, document: DocumentNode, visitor: ArgumentVisitor) {
  if (!schema.getType(EdtfScalar.name)) return;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        // A mutation's `input` is the record being written: paths are relative to it.
        if (argument)
          visitor(node.value, argument.type, node.name.value === 'input' ? '' : node.name.value);
      },
    }),
  );
}

const isEdtf = (type: GraphQLInputType) => getNamedType(type).name === EdtfScalar.name;
const join = (path: string, name: string) => (path ? `${path}.${name}` : name);

/** Whether a value of this type can hold a date anywhere inside it. */
function holdsEdtf(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (named.name === EdtfScalar.name) return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => holdsEdtf(field.type, seen));
}

function collectUses(node: ValueNode, type: GraphQLInputType, path: string, uses: VariableUse[]) {
  if (node.kind === Kind.VARIABLE) {
    if (holdsEdtf(type)) uses.push({ variable: node.name.value, type, path });
    return;
  }
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable) && node.kind === Kind.LIST) {
    node.values.forEach((item, i) => collectUses(item, nullable.ofType, `${path}[${i}]`, uses));
  } else if (isInputObjectType(nullable) && node.kind === Kind.OBJECT) {
    const fields = nullable.getFields();
    for (const field of node.fields) {
      const name = field.name.value;
      if (Object.hasOwn(fields, name))
        collectUses(field.value, fields[name].type, join(path, name), uses);
    }
  }
}

function checkNode(node: ValueNode, type: GraphQLInputType, path: string, issues: Issues): void {
  if (++issues.visited > MAX_VISITED || node.kind === Kind.VARIABLE || node.kind === Kind.NULL)
    return;
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) {
    const items = node.kind === Kind.LIST ? node.values : [node];
    items.forEach((item, i) => checkNode(item, nullable.ofType, `${path}[${i}]`, issues));
  } else if (isInputObjectType(nullable)) {
    if (node.kind !== Kind.OBJECT) return;
    const fields = nullable.getFields();
    for (const field of node.fields) {
      const name = field.name.value;
      if (Object.hasOwn(fields, name))
        checkNode(field.value, fields[name].type, join(path, name), issues);
    }
  } else if (isEdtf(nullable)) {
    const problem = edtfProblem(node.kind === Kind.STRING ? node.value : undefined);
    if (problem) issues.add(path, problem);
  }
}

function checkValue(value: unknown, type: GraphQLInputType, path: string, issues: Issues): void {
  if (++issues.visited > MAX_VISITED || value === null || value === undefined) return;
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) {
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, i) => checkValue(item, nullable.ofType, `${path}[${i}]`, issues));
  } else if (isInputObjectType(nullable)) {
    if (typeof value !== 'object' || Array.isArray(value)) return;
    const fields = nullable.getFields();
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      if (Object.hasOwn(fields, name))
        checkValue(item, fields[name].type, join(path, name), issues);
    }
  } else if (isEdtf(nullable)) {
    const problem = edtfProblem(value);
    if (problem) issues.add(path, problem);
  }
}
