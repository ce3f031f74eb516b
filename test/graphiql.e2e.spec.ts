import { chromium, type Browser, type Page } from 'playwright-core';
import { removeDir, startServer, type RunningServer } from './support/server';

/** The browser's globals these tests read, as far as they read them. */
interface InPage {
  document: {
    querySelector(selector: string): { textContent: string | null } | null;
    querySelectorAll(selector: string): ArrayLike<unknown>;
  };
  localStorage: { getItem(key: string): string | null };
}

/** Debian's Chromium; the flags keep it off a network it cannot reach. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The offline GraphiQL page in a real browser, under the server's Content-Security-Policy:
 * it loads, runs a query, shows the schema's documentation (standard introspection), and runs a
 * subscription over the WebSocket.
 */
describe('GraphiQL in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => {
      // Blocked scripts and connections are reported on the console.
      if (/Content Security Policy|Refused to/i.test(message.text()))
        pageErrors.push(message.text());
    });
    await page.goto(`${server.url}/graphiql`);
    await page.waitForSelector('.graphiql-container');
  });
  afterAll(async () => {
    await browser?.close();
    await server.stop();
    removeDir(server.dataDir);
  });

  const result = () => page.textContent('.result-window');
  // These functions run in the page (passed as functions: the page's policy forbids evaluating
  // text), where the browser's globals exist; this process only knows their shape.
  const resultHas = (text: string, timeout = 30_000) =>
    page.waitForFunction(
      (wanted) =>
        (globalThis as unknown as InPage).document
          .querySelector('.result-window')
          ?.textContent?.includes(wanted),
      text,
      { timeout },
    );
  const run = async (query: string) => {
    await page.evaluate((text) => {
      const editor = (globalThis as unknown as InPage).document.querySelector(
        '.graphiql-query-editor .CodeMirror',
      );
      (editor as unknown as { CodeMirror: { setValue(value: string): void } }).CodeMirror.setValue(
        text,
      );
    }, query);
    // GraphiQL reads the editor after a pause in typing, and keeps what it read in storage.
    await page.waitForFunction(
      (text) => (globalThis as unknown as InPage).localStorage.getItem('graphiql:query') === text,
      query,
    );
    await page.click('.graphiql-execute-button');
  };

  it('runs the default query', async () => {
    await page.click('.graphiql-execute-button');
    await resultHas('"relationship"');
    expect(await result()).toContain('"level": "FULL"');
    expect(pageErrors).toEqual([]);
  });

  it('shows the documentation of the schema', async () => {
    await page.click('[aria-label="Show Documentation Explorer"]');
    await page.waitForSelector('.graphiql-doc-explorer');
    await page.waitForFunction(() =>
      (globalThis as unknown as InPage).document
        .querySelector('.graphiql-doc-explorer')
        ?.textContent?.includes('Query'),
    );
    expect(await page.textContent('.graphiql-doc-explorer')).toContain('Subscription');
  });

  it('runs a subscription over the WebSocket', async () => {
    await run('subscription { eventChanges(after: "0") { cursor type event { title } } }');
    await resultHas('"cursor"');
    expect(await result()).toMatch(/"type": "(RECORDED|AMENDED)"/);
    expect(pageErrors).toEqual([]);
  });
  it('completes field names from the schema as one types', async () => {
    await run('{\n  \n}');
    await page.click('.graphiql-query-editor .CodeMirror-line:nth-child(2)');
    await page.keyboard.press('End');
    await page.keyboard.type('relation', { delay: 30 });
    await page.waitForSelector('.CodeMirror-hints');
    const hints = await page.$$eval('.CodeMirror-hints li', (items) =>
      items.map((item) => item.textContent),
    );
    expect(hints).toEqual(expect.arrayContaining(['relationship', 'relationshipChanges']));
    await page.keyboard.press('Escape');
  });

  it('sends the headers written in its headers editor', async () => {
    const setHeaders = (text: string) =>
      page.evaluate((value) => {
        // The section holds the variables editor, then the headers editor.
        const editors = (globalThis as unknown as InPage).document.querySelectorAll(
          '.graphiql-editor-tool .CodeMirror',
        );
        const headers = editors[editors.length - 1] as unknown as {
          CodeMirror: { setValue(value: string): void };
        };
        headers.CodeMirror.setValue(value);
      }, text);
    await page.click('[data-name="headers"]');
    await setHeaders('{ "authorization": "Bearer dtk_not-a-real-token" }');
    await run('{ events(first: 1) { totalCount } }');
    // GraphiQL reads an edited editor after a pause in typing: run again until it has.
    for (let attempt = 0; attempt < 10; attempt++) {
      const refused = await resultHas('UNAUTHENTICATED', 2_000)
        .then(() => true)
        .catch(() => false);
      if (refused) break;
      await page.click('.graphiql-execute-button');
    }
    expect(await result()).toContain('UNAUTHENTICATED');
    await setHeaders('{}');
    expect(pageErrors).toEqual([]);
  });
});
