import { performance } from 'node:perf_hooks';
import { GraphQLError, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

export const timeBudgetExceeded = (budgetMs: number) =>
  new GraphQLError(
    `The request ran past its time budget of ${budgetMs} ms; ask for less at a time`,
    {
      extensions: { code: 'QUERY_TOO_COMPLEX', timeBudgetMs: budgetMs },
    },
  );

/**
 * Every resolver that does work of its own (reads the store) first checks the request's
 * deadline: the cost limit bounds what a request may ask for, and this bounds what it may
 * take, should an estimate be wrong (a record amended thousands of times, a slow disk). Plain
 * property reads have no resolver (plain-field-reads.ts) and stay free. Contexts without a
 * deadline (subscription messages, which are each small) are not limited here.
 */
export function withTimeBudget(schema: GraphQLSchema, budgetMs: number): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      field.resolve = budgeted(resolve, budgetMs);
    }
  }
  return schema;
}

function budgeted(
  resolve: GraphQLFieldResolver<unknown, unknown>,
  budgetMs: number,
): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    const deadline = (context as { deadline?: number } | undefined)?.deadline;
    if (deadline !== undefined && performance.now() > deadline) throw timeBudgetExceeded(budgetMs);
    return resolve(source, args, context, info);
  };
}
