import Fastify from 'fastify';
import mercurius from 'mercurius';
import { readFileSync } from 'node:fs';

/**
 * The simplest server that can answer the benchmark's query: bare Fastify + Mercurius (JIT on, as
 * the API), a schema of the same shape and a resolver returning one response captured from the
 * API, so every byte sent is the same and only the cost of producing it differs.
 *
 * Run as its own process: PORT, HOST and BENCH_RESPONSE_FILE (the captured `{ data }` as JSON).
 */

interface Captured {
  data: { events: { edges: { node: { kind: string } }[] } };
}

const captured = JSON.parse(
  readFileSync(process.env.BENCH_RESPONSE_FILE ?? '', 'utf8'),
) as Captured;
const kinds = [...new Set(captured.data.events.edges.map((edge) => edge.node.kind))];

const schema = `
  enum EventKind { ${kinds.join(' ')} }
  input EventFilter { countries: [String!] }
  type DiplomaticEvent {
    id: ID!
    title: String!
    occurred: String!
    countries: [String!]!
    kind: EventKind!
    summary: String!
  }
  type DiplomaticEventEdge { cursor: String! node: DiplomaticEvent! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type DiplomaticEventConnection { edges: [DiplomaticEventEdge!]! pageInfo: PageInfo! }
  type Query { events(filter: EventFilter, first: Int): DiplomaticEventConnection! }
`;

async function main(): Promise<void> {
  const app = Fastify({ bodyLimit: 2 * 1024 * 1024 });
  await app.register(mercurius, {
    schema,
    resolvers: { Query: { events: () => captured.data.events } },
    jit: 1,
  });
  app.get('/health', async () => ({ status: 'ok' }));
  await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
  const close = () => void app.close().then(() => process.exit(0));
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
