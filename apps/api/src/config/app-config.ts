import { join, resolve } from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Configuration from the environment (names fixed by the product). */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly eventStore: 'sqlite' | 'kurrentdb';
  readonly kurrentDbConnectionString?: string;
  readonly publicRead: boolean;
  readonly logLevel: LogLevel;
  /** Event-store file of the embedded store (several nodes may share it). */
  readonly eventStoreFile: string;
  /** This node's read models (never shared between nodes). */
  readonly readModelFile: string;
  /**
   * `relaxed`: read models are written without fsync and discarded (replayed from the log) after
   * an OS crash; `normal`: every checkpoint is synced, slower, kept across any crash.
   */
  readonly readModelSync: 'relaxed' | 'normal';
  /** Load the bundled US–Cuba dataset when the store is empty. */
  readonly seedOnEmpty: boolean;
  /** Query answers kept between read-model changes (0 turns the cache off). */
  readonly queryCacheEntries: number;
  readonly production: boolean;
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer 0-65535, got "${env.PORT}"`);
  }
  const eventStore = (env.EVENT_STORE ?? 'sqlite') as AppConfig['eventStore'];
  if (eventStore !== 'sqlite' && eventStore !== 'kurrentdb') {
    throw new ConfigError(`EVENT_STORE must be sqlite or kurrentdb, got "${env.EVENT_STORE}"`);
  }
  if (eventStore === 'kurrentdb' && !env.KURRENTDB_CONNECTION_STRING) {
    throw new ConfigError('EVENT_STORE=kurrentdb needs KURRENTDB_CONNECTION_STRING');
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const queryCacheEntries = Number(env.QUERY_CACHE_ENTRIES ?? 256);
  if (!Number.isInteger(queryCacheEntries) || queryCacheEntries < 0) {
    throw new ConfigError(
      `QUERY_CACHE_ENTRIES must be a whole number of entries (0 turns the cache off), got "${env.QUERY_CACHE_ENTRIES}"`,
    );
  }
  const readModelSync = (env.READ_MODEL_SYNC || 'relaxed') as AppConfig['readModelSync'];
  if (readModelSync !== 'relaxed' && readModelSync !== 'normal') {
    throw new ConfigError(`READ_MODEL_SYNC must be relaxed or normal, got "${env.READ_MODEL_SYNC}"`);
  }
  const dataDir = resolve(env.DATA_DIR ?? './data');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    eventStore,
    kurrentDbConnectionString: env.KURRENTDB_CONNECTION_STRING,
    publicRead: flag(env, 'PUBLIC_READ', true),
    logLevel,
    eventStoreFile: resolve(env.EVENT_STORE_FILE ?? join(dataDir, 'events.db')),
    readModelFile: resolve(env.READ_MODEL_FILE ?? join(dataDir, 'read-models.db')),
    readModelSync,
    seedOnEmpty: flag(env, 'SEED_ON_EMPTY', true),
    queryCacheEntries,
    production: env.NODE_ENV === 'production',
  };
}
