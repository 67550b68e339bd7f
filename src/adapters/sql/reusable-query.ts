import { createQueryId, type Compilable, type CompiledQuery, type QueryResult } from 'kysely';

/** What runs a compiled query: a `Kysely` instance. */
export interface QueryRunner {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/**
 * A query a store runs on every turn, built and compiled by Kysely once and then run with new
 * values. Building a query (an immutable tree of nodes) and compiling it to SQL costs more than
 * SQLite takes to run a small one; the SQL text stays the same from one turn to the next, and
 * only the values change.
 *
 * `build` receives one placeholder per parameter and must use each as a value (a comparison, an
 * inserted value), never as a table or column name or a list: the placeholders are found again
 * among the compiled query's parameters and replaced there, position by position. A query whose
 * shape depends on its values (`in` lists of any length) is not for this.
 */
export function reusableQuery<Row, Args extends readonly unknown[]>(
  /** Read when the query first runs, so a store can declare its queries as fields. */
  runner: () => QueryRunner,
  arity: Args['length'],
  build: (...placeholders: Args) => Compilable<Row>,
): (...args: Args) => Promise<QueryResult<Row>> {
  let compiled: CompiledQuery<Row> | undefined;
  let positions: number[] = [];
  const prepare = (): CompiledQuery<Row> => {
    const placeholders = Array.from(
      { length: arity },
      (_, index) => `\u0000reusable-query-parameter-${index}\u0000`,
    );
    const query = build(...(placeholders as unknown as Args)).compile();
    positions = query.parameters.map((value) => placeholders.indexOf(value as string));
    placeholders.forEach((placeholder, index) => {
      if (!positions.includes(index) || query.sql.includes(placeholder)) {
        throw new Error(`reusableQuery: parameter ${index} is not used as a value in ${query.sql}`);
      }
    });
    return query;
  };
  return (...args: Args): Promise<QueryResult<Row>> => {
    compiled ??= prepare();
    const template = compiled;
    return runner().executeQuery<Row>({
      query: template.query,
      queryId: createQueryId(),
      sql: template.sql,
      parameters: positions.map((position, index) =>
        position === -1 ? template.parameters[index] : args[position],
      ),
    });
  };
}
