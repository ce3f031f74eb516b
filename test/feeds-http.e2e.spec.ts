import { openFeeds } from './support/conditions';
import { logHead } from './support/events';
import { eventInput, RECORD_EVENT } from './support/feed-client';
import { createToken, gql, removeDir, startServer, type RunningServer } from './support/server';

describe('feeds over plain HTTP', () => {
  let server: RunningServer;
  let editor: string;

  beforeAll(async () => {
    server = await startServer();
    editor = createToken(server.env, 'feed-editor', 'editor');
    // The token's issue is in the log too: record changes after it, so the last positions are
    // changes a feed delivers.
    for (const title of ['Trade talks', 'Water talks', 'Fishing talks'])
      await gql(server.url, RECORD_EVENT, { input: eventInput(title, ['USA', 'MEX']) }, editor);
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });
  // Every test leaves no feed open behind it.
  afterEach(() => openFeeds(server, 0));

  it('streams NDJSON and Server-Sent Events over plain HTTP, resuming from a cursor', async () => {
    const head = await logHead(server);
    const after = head - 3n;
    const controller = new AbortController();
    const response = await fetch(`${server.url}/feeds/changes?after=${after}`, {
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    const reader = response.body!.getReader();
    let text = '';
    while (text.split('\n').filter(Boolean).length < 3)
      text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const lines = text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.cursor)).toEqual([after + 1n, after + 2n, after + 3n].map(String));

    const sse = new AbortController();
    const events = await fetch(`${server.url}/feeds/changes`, {
      headers: { accept: 'text/event-stream', 'last-event-id': String(head - 1n) },
      signal: sse.signal,
    });
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    const sseReader = events.body!.getReader();
    let sseText = '';
    while (!sseText.includes('\n\n'))
      sseText += new TextDecoder().decode((await sseReader.read()).value);
    sse.abort();
    // A plain message (no event name): what an EventSource's onmessage receives.
    expect(sseText).toContain(`id: ${head}\ndata: {`);

    const bad = await fetch(`${server.url}/feeds/changes?after=nope`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');
  });

  it('answers a live-only HTTP feed at once, before any change, then streams the next one', async () => {
    const controller = new AbortController();
    // fetch resolves on the status line and headers. Without a change, only the first heartbeat
    // (15 s) would send them; a third of that tells "answered at once" from "answered by it".
    const response = await Promise.race([
      fetch(`${server.url}/feeds/changes?countries=CHN,IND`, { signal: controller.signal }),
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error('no response before the first heartbeat')),
          5_000,
        ).unref(),
      ),
    ]);
    expect(response.status).toBe(200);
    await gql(
      server.url,
      RECORD_EVENT,
      { input: eventInput('Border talks', ['CHN', 'IND']) },
      editor,
    );
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('}\n')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const [line] = text.split('\n').filter(Boolean);
    expect((JSON.parse(line) as { event: { title: string } }).event.title).toBe('Border talks');
  });
});
