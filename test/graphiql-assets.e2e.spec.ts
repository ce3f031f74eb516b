import { removeDir, startServer, type RunningServer } from './support/server';

describe('the GraphQL IDE', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('is served with all its assets from this server, so it works offline', async () => {
    const page = await fetch(`${server.url}/graphiql`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    // Nothing is fetched from another host.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    // React, ReactDOM, GraphiQL's script and styles, and the page's own start script.
    expect(assets).toHaveLength(5);
    for (const asset of assets) {
      const response = await fetch(`${server.url}${asset}`);
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(500);
    }
    expect((await fetch(`${server.url}/graphiql/assets/..%2Fpackage.json`)).status).toBe(404);
  });
});
