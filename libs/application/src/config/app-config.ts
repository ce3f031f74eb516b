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
  /** Limits of the live feeds (WebSocket subscriptions and HTTP streams). */
  readonly feedLimits: FeedLimits;
  /** Limits of each request and of each client's pace. */
  readonly requestLimits: RequestLimits;
  /**
   * `CORS_ORIGINS`: the origins whose pages may call the API (`*`, the default, or a
   * comma-separated list such as `https://a.example,https://b.example`). Any origin is safe by
   * default because tokens travel in a header, never in a cookie.
   */
  readonly corsOrigins: '*' | readonly string[];
  /**
   * `METRICS_TOKEN`: the bearer token a Prometheus scraper sends to `GET /metrics` (at least 32
   * characters). Unset, the route does not exist.
   */
  readonly metricsToken?: string;
}

/**
 * What bounds one request, and one client's pace (see docs/security.md), each from a variable
 * (a whole number; the default in brackets):
 * - `MAX_QUERY_COST` [100000]: work units an operation may cost, where lists multiply what they
 *   hold by their page size; past it: QUERY_TOO_COMPLEX naming the cost and the limit.
 * - `MAX_QUERY_DEPTH` [12], `MAX_QUERY_FIELDS` [2000]: nesting of fields, and fields once
 *   fragments are spread out (aliases included).
 * - `QUERY_TIME_BUDGET_MS` [5000]: no resolver starts past this time into a request.
 * - `RATE_LIMIT_REQUESTS` [1200]: HTTP requests one client may make per minute (0: no limit).
 * - `RATE_LIMIT_FEED_OPENS` [120]: live feeds (HTTP streams and WebSocket connections) one
 *   client may open per minute (0: no limit). A client is the token's name when it presents a
 *   valid one, else its IP address; past a limit: 429 RATE_LIMITED with `Retry-After`.
 */
export interface RequestLimits {
  readonly maxQueryCost: number;
  readonly maxQueryDepth: number;
  readonly maxQueryFields: number;
  readonly queryTimeBudgetMs: number;
  readonly requestsPerMinute: number;
  readonly feedOpensPerMinute: number;
}

/**
 * What keeps one client of the live feeds from exhausting the server, each from a variable
 * (a whole number; the default in brackets):
 * - `MAX_WS_CONNECTIONS` [5000]: open WebSocket connections on this node (503 at the upgrade
 *   past it), and likewise open HTTP feeds (503).
 * - `MAX_SUBSCRIPTIONS_PER_CONNECTION` [20]: active subscriptions on one WebSocket.
 * - `SLOW_CONSUMER_TIMEOUT_MS` [10000]: how long a client may leave the next change untaken
 *   before it is disconnected (it resumes from its last cursor).
 * - `WS_SEND_BUFFER_BYTES` [1048576]: bytes queued for one WebSocket before the next message
 *   waits for the client to read.
 * - `MAX_FEEDS_PER_CLIENT` [50, at least 1]: WebSocket connections, and HTTP feeds, that one
 *   client may hold open at once (each counted on its own); a client is the token's name when
 *   it presents one, else its IP address. Past it: 429 RATE_LIMITED with `Retry-After`, so one
 *   client cannot take every slot of `MAX_WS_CONNECTIONS`.
 */
export interface FeedLimits {
  readonly maxConnections: number;
  readonly maxSubscriptionsPerConnection: number;
  readonly drainTimeoutMs: number;
  readonly sendBufferBytes: number;
  readonly maxFeedsPerClient: number;
}

const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

export class ConfigError extends Error {}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** A whole number from `name`, or a ConfigError naming the variable and what it accepts. */
function whole(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `${min} to ${max}`;
    throw new ConfigError(`${name} must be a whole number, ${range}, got "${raw}"`);
  }
  return value;
}

function loadFeedLimits(env: NodeJS.ProcessEnv): FeedLimits {
  return {
    maxConnections: whole(env, 'MAX_WS_CONNECTIONS', 5000),
    maxSubscriptionsPerConnection: whole(env, 'MAX_SUBSCRIPTIONS_PER_CONNECTION', 20),
    // Timers take at most 2^31-1 ms; a longer one would fire at once.
    drainTimeoutMs: whole(env, 'SLOW_CONSUMER_TIMEOUT_MS', 10_000, 0, 2 ** 31 - 1),
    sendBufferBytes: whole(env, 'WS_SEND_BUFFER_BYTES', 1024 * 1024),
    // 0 would lock every client out; MAX_WS_CONNECTIONS=0 is the way to close the feeds.
    maxFeedsPerClient: whole(env, 'MAX_FEEDS_PER_CLIENT', 50, 1),
  };
}

function loadRequestLimits(env: NodeJS.ProcessEnv): RequestLimits {
  return {
    maxQueryCost: whole(env, 'MAX_QUERY_COST', 100_000, 1),
    maxQueryDepth: whole(env, 'MAX_QUERY_DEPTH', 12, 1, 64),
    maxQueryFields: whole(env, 'MAX_QUERY_FIELDS', 2_000, 1),
    queryTimeBudgetMs: whole(env, 'QUERY_TIME_BUDGET_MS', 5_000, 1, 2 ** 31 - 1),
    requestsPerMinute: whole(env, 'RATE_LIMIT_REQUESTS', 1_200),
    feedOpensPerMinute: whole(env, 'RATE_LIMIT_FEED_OPENS', 120),
  };
}

function loadCorsOrigins(raw: string | undefined): '*' | string[] {
  if (raw === undefined || raw.trim() === '' || raw.trim() === '*') return '*';
  const origins = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError(
        `CORS_ORIGINS must be * or a comma-separated list of origins such as https://app.example, got "${origin}"`,
      );
    }
  }
  return origins;
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
    throw new ConfigError(
      `READ_MODEL_SYNC must be relaxed or normal, got "${env.READ_MODEL_SYNC}"`,
    );
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
    feedLimits: loadFeedLimits(env),
    requestLimits: loadRequestLimits(env),
    corsOrigins: loadCorsOrigins(env.CORS_ORIGINS),
    metricsToken: loadMetricsToken(env.METRICS_TOKEN),
  };
}

function loadMetricsToken(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length < 32 || /\s/.test(value)) {
    throw new ConfigError(
      'METRICS_TOKEN must be at least 32 characters without spaces (e.g. openssl rand -hex 32)',
    );
  }
  return value;
}
