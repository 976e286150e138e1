/**
 * Minimal typings for the parts of `pg` (8.x) the PostgreSQL store uses. `@types/pg` is not installed; once it is,
 * delete this file (its declarations would clash).
 */
declare module 'pg' {
  export interface QueryResult<R = Record<string, unknown>> {
    rows: R[];
    rowCount: number | null;
    command: string;
  }

  export interface TypeParsers {
    getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown;
  }

  export interface PoolConfig {
    connectionString?: string;
    max?: number;
    idleTimeoutMillis?: number;
    connectionTimeoutMillis?: number;
    application_name?: string;
    idle_in_transaction_session_timeout?: number;
    types?: TypeParsers;
  }

  export interface ClientBase {
    query<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<QueryResult<R>>;
  }

  export interface PoolClient extends ClientBase {
    release(destroy?: boolean | Error): void;
  }

  export class Pool implements ClientBase {
    constructor(config?: PoolConfig);
    query<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<QueryResult<R>>;
    connect(): Promise<PoolClient>;
    end(): Promise<void>;
    on(event: 'error', listener: (err: Error) => void): this;
    readonly totalCount: number;
    readonly idleCount: number;
  }

  export class Client implements ClientBase {
    constructor(config?: PoolConfig | string);
    connect(): Promise<void>;
    query<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<QueryResult<R>>;
    end(): Promise<void>;
  }

  export class DatabaseError extends Error {
    code?: string;
    detail?: string;
    constraint?: string;
  }

  export const types: TypeParsers & { builtins: Record<string, number> };

  export function escapeIdentifier(name: string): string;
  export function escapeLiteral(value: string): string;

  const pg: {
    Pool: typeof Pool;
    Client: typeof Client;
    DatabaseError: typeof DatabaseError;
    types: typeof types;
    escapeIdentifier: typeof escapeIdentifier;
    escapeLiteral: typeof escapeLiteral;
  };
  export default pg;
}
