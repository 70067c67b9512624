import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParleyError } from '../errors.ts';
import type { NodeInfo } from './taxii-env.ts';

/** The optional `DATA/node.json`: discovery information, the default API root's max_content_length, the store. */
export interface NodeConfig {
  info: NodeInfo;
  maxContentLength?: number;
  /** Where the node's store lives when not in DATA/parley.db (postgres://…), as `parley init --database` wrote it. */
  database?: string;
}

/** Reads the optional `DATA/node.json` ({ "title", "description", "contact", "max_content_length", "database" }). */
export function readNodeConfig(dataDir: string): NodeConfig {
  let text: string;
  try {
    text = readFileSync(join(dataDir, 'node.json'), 'utf8');
  } catch {
    return Object.freeze({ info: Object.freeze({ title: 'Parley node' }) });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ParleyError('BAD_REQUEST', `${join(dataDir, 'node.json')} is not valid JSON`);
  }
  const o = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const max = o.max_content_length;
  if (max !== undefined && !(Number.isInteger(max) && (max as number) > 0)) {
    throw new ParleyError('BAD_REQUEST', `${join(dataDir, 'node.json')}: max_content_length must be a positive integer`);
  }
  const database = o.database;
  if (database !== undefined && !(typeof database === 'string' && database !== '')) {
    throw new ParleyError('BAD_REQUEST', `${join(dataDir, 'node.json')}: database must be a non-empty string (postgres://… or sqlite://DIR)`);
  }
  const info: NodeInfo = Object.freeze({
    title: typeof o.title === 'string' ? o.title : 'Parley node',
    ...(typeof o.description === 'string' ? { description: o.description } : {}),
    ...(typeof o.contact === 'string' ? { contact: o.contact } : {}),
  });
  return Object.freeze({ info, ...(max === undefined ? {} : { maxContentLength: max as number }), ...(database === undefined ? {} : { database: database as string }) });
}
