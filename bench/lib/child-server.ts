import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { log } from './measure';

/** The built API, as `npm run start:prod` runs it (this file is dist/bench/lib/child-server.js). */
export const API_MAIN = join(__dirname, '..', '..', 'apps', 'api', 'src', 'main.js');

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface ChildServer {
  readonly url: string;
  readonly pid: number | undefined;
  /** What the process wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs a Node script as a server in its own process on a free port (given as PORT and HOST) and
 * resolves once `GET healthPath` answers 2xx. Servers measured against each other each get a
 * process of their own, so neither shares an event loop with the load generator.
 */
export async function startChildServer(
  script: string,
  env: NodeJS.ProcessEnv,
  options: { healthPath?: string; timeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${script} exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}${options.healthPath ?? '/health'}`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${script} not healthy in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The built API on `dataDir`, without the bundled dataset, logging warnings only.
 * BENCH_API_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=prof`) is passed to its `node`, to profile
 * the server under the suite's load.
 */
export function startApi(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<ChildServer> {
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return startChildServer(
    API_MAIN,
    {
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SEED_ON_EMPTY: 'false',
      // The load comes from one address by design: the bench measures serving, not refusing.
      RATE_LIMIT_REQUESTS: '0',
      RATE_LIMIT_FEED_OPENS: '0',
      MAX_FEEDS_PER_CLIENT: '100000',
      ...env,
    },
    { nodeArgs },
  );
}

interface Health {
  readonly eventStore: { readonly head: string };
  readonly readModels: { readonly behind: string };
}

/** Resolves once the API's read models have applied the whole log. */
export async function waitUntilCaughtUp(api: ChildServer, timeoutMs = 30 * 60_000): Promise<void> {
  const started = Date.now();
  let reported = started;
  for (;;) {
    const health = (await (await fetch(`${api.url}/health`)).json()) as Health;
    if (health.readModels.behind === '0') return;
    if (Date.now() - started > timeoutMs) {
      throw new Error(`read models still ${health.readModels.behind} events behind`);
    }
    if (Date.now() - reported >= 5000) {
      reported = Date.now();
      log(`  read models ${health.readModels.behind} of ${health.eventStore.head} events behind`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
