import { ParleyError } from '../../errors.ts';
import type { SqlValue } from '../postgres/pg-executor.ts';

/** A PostgreSQL column as information_schema describes it. */
export interface TargetColumn {
  readonly name: string;
  /** information_schema.columns.data_type: boolean, bytea, bigint, integer, text, … */
  readonly type: string;
  readonly nullable: boolean;
  readonly identity: boolean;
}

const describe = (value: unknown): string =>
  Buffer.isBuffer(value) ? `a ${value.length}-byte BLOB` : typeof value === 'string' ? 'TEXT' : JSON.stringify(value);

/**
 * Converts one SQLite value for a PostgreSQL column, exactly or not at all: INTEGER 0/1 becomes boolean, a BLOB
 * stays the same bytes, integers stay integers, TEXT stays TEXT (timestamps are TEXT on both sides). Anything else
 * (a TEXT where the log keeps bytes, a 2 in a flag) is refused with the table, row and column named.
 */
export function convertValue(table: string, row: number, column: TargetColumn, value: unknown): SqlValue {
  const refuse = (): never => {
    throw new ParleyError('BAD_REQUEST', `cannot migrate ${table} row ${row}: column ${column.name} holds ${describe(value)} where PostgreSQL keeps ${column.type}`);
  };
  if (value === null || value === undefined) return column.nullable ? null : refuse();
  switch (column.type) {
    case 'boolean':
      return value === 0 ? false : value === 1 ? true : refuse();
    case 'bytea':
      return Buffer.isBuffer(value) ? value : refuse();
    case 'bigint':
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? value : refuse();
    case 'text':
      return typeof value === 'string' ? value : refuse();
    default:
      throw new ParleyError('BAD_REQUEST', `cannot migrate ${table}: column ${column.name} has PostgreSQL type ${column.type}, which parley migrate does not know`);
  }
}
