import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { Controller, Get, Header, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '@app/application';
import { APP_CONFIG } from '@app/application';

/**
 * A GraphQL IDE that works without the internet: GraphiQL and React are served from the
 * installed packages instead of a CDN (the GraphQL driver's built-in page loads them from one).
 */
const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': {
    pkg: 'react-dom',
    file: 'umd/react-dom.production.min.js',
    type: 'text/javascript',
  },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

/** The packages' `exports` do not list their browser builds, so they are found from package.json. */
const pathOf = ({ pkg, file }: { pkg: string; file: string }) =>
  join(dirname(require.resolve(`${pkg}/package.json`)), file);

const DEFAULT_QUERY = `# US–Cuba relations, as of 30 June 2016
{
  relationship(between: ["USA", "CUB"], asOf: "2016-06-30") {
    relations { level since certain }
    embassies { of in status since }
  }
  events(filter: { countries: ["USA", "CUB"] }, first: 5) {
    edges { node { occurred title } }
  }
}
`;

/**
 * Starts GraphiQL: queries and mutations over HTTP, subscriptions over the WebSocket on the same
 * path (the headers editor's values travel as connectionParams, so a token works for both).
 * Served as a file, not inline, so that the Content-Security-Policy can allow scripts of this
 * origin only.
 */
const START = `const http = new URL('/graphql', location.href);
const ws = new URL(http); ws.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
const fetcher = GraphiQL.createFetcher({ url: http.href, subscriptionUrl: ws.href });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
    isHeadersEditorEnabled: true,
  }),
);
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Diplomatic relations timeline — GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/assets/graphiql.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading…</div>
  <script src="/graphiql/assets/react.js"></script>
  <script src="/graphiql/assets/react-dom.js"></script>
  <script src="/graphiql/assets/graphiql.js"></script>
  <script src="/graphiql/assets/start.js"></script>
</body>
</html>`;

/** The IDE is for development: with NODE_ENV=production these routes answer 404. */
@Controller('graphiql')
export class GraphiqlController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    if (this.config.production) throw new NotFoundException();
    return PAGE;
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() reply: FastifyReply): void {
    if (name === 'start.js' && !this.config.production) {
      void reply.header('content-type', 'text/javascript; charset=utf-8').send(START);
      return;
    }
    const asset = !this.config.production && Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) throw new NotFoundException(`No asset "${name}"`);
    void reply
      .header('content-type', `${asset.type}; charset=utf-8`)
      .header('cache-control', 'public, max-age=86400')
      .send(createReadStream(pathOf(asset)));
  }
}
