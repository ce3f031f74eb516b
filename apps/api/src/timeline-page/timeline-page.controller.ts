import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/** Where `npm run build` puts the page (vite, apps/timeline): dist/timeline. */
const BUILT = join(__dirname, '..', '..', '..', '..', 'timeline');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The built files, listed once at start: only these names are served, so no request path ever
 * reaches the file system. Their names carry a content hash, so they may be cached for good.
 */
function builtAssets(): Map<string, { path: string; type: string }> {
  const dir = join(BUILT, 'assets');
  const assets = new Map<string, { path: string; type: string }>();
  if (!existsSync(dir)) return assets;
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (type) assets.set(name, { path: join(dir, name), type });
  }
  return assets;
}

const LANDING = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Diplomatic relations timeline</title><link rel="icon" href="data:,"></head>
<body>
  <h1>Diplomatic relations timeline</h1>
  <ul>
    <li><a href="/timeline?between=USA,CUB">The timeline of United States – Cuba relations</a></li>
    <li><a href="/graphql">The GraphQL API</a> (<code>schema.graphql</code> in the repository)</li>
    <li><a href="/graphiql">GraphiQL</a> (outside production)</li>
  </ul>
</body>
</html>`;

/**
 * The timeline page: a client of the public GraphQL API like any other, served in production
 * too. Its script and styles are files of this origin, so the Content-Security-Policy needs no
 * exception for it.
 */
@Controller()
export class TimelinePageController {
  private readonly assets = builtAssets();
  private readonly page = existsSync(join(BUILT, 'index.html'))
    ? readFileSync(join(BUILT, 'index.html'), 'utf8')
    : undefined;

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  landing(): string {
    return LANDING;
  }

  @Get('timeline')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  timeline(): string {
    if (!this.page) throw new NotFoundException('The timeline page is not built: npm run build');
    return this.page;
  }

  @Get('timeline/assets/:name')
  asset(@Param('name') name: string, @Res() reply: FastifyReply): void {
    const asset = this.assets.get(name);
    if (!asset) throw new NotFoundException(`No asset "${name}"`);
    void reply
      .header('content-type', `${asset.type}; charset=utf-8`)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(createReadStream(asset.path));
  }
}
