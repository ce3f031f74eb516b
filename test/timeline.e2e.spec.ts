import { chromium, type Browser, type Page } from 'playwright-core';
import { join } from 'node:path';
import { RECORD, validInput } from './support/events';
import {
  ROOT,
  createToken,
  gql,
  removeDir,
  startServer,
  type RunningServer,
} from './support/server';

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
/** `TIMELINE_SCREENSHOT=1` also writes docs/timeline.png from this run. */
const SCREENSHOT = process.env.TIMELINE_SCREENSHOT === '1';

/** The browser's globals these tests touch, as far as they touch them. */
interface InPage {
  document: {
    querySelector(selector: string): (InPageElement & { value: string }) | null;
    body: { dataset: Record<string, string | undefined> };
  };
}
interface InPageElement {
  dispatchEvent(event: unknown): boolean;
}

const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/**
 * The timeline page in a real browser under the server's Content-Security-Policy, against the
 * seeded US–Cuba history; assertions hold for any truthful version of that dataset.
 */
describe('the timeline page in a browser', () => {
  let server: RunningServer;
  let editor: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startServer({ env: { NODE_ENV: 'production' } });
    editor = createToken(server.env, 'timeline-editor', 'editor');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, timezoneId: 'UTC' });
    page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy|Refused to/i.test(message.text()))
        problems.push(`console: ${message.text()}`);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  const stretchTitles = () => page.locator('g.status-stretch title').allTextContents();

  it('is linked from / and draws the 1961 break and the 2015 restoration', async () => {
    await page.goto(`${server.url}/`);
    await page.click('a[href="/timeline?between=USA,CUB"]');
    await page.waitForSelector('body[data-ready="true"]');
    const titles = await stretchTitles();
    expect(titles.some((t) => /^Relations — NONE, 1961-\d\d-\d\d to /.test(t))).toBe(true);
    expect(titles.some((t) => /^Relations — FULL, 2015-\d\d-\d\d to /.test(t))).toBe(true);
    expect(await page.locator('h1').textContent()).toContain('Cuba');
    // The yearly counts come from eventStats: a bar for 1961 at least.
    const bars = await page.locator('g.year-counts title').allTextContents();
    expect(bars.some((t) => t.startsWith('1961: '))).toBe(true);
    expect(problems).toEqual([]);
  });

  it('the slider at 2016-06-30 shows FULL relations, and moves by keyboard', async () => {
    await page.evaluate((value) => {
      const slider = (globalThis as unknown as InPage).document.querySelector('#slider')!;
      slider.value = String(value);
      slider.dispatchEvent(new (globalThis as any).Event('input', { bubbles: true }));
    }, dayNumber('2016-06-30'));
    await page.waitForSelector('#state[data-as-of="2016-06-30"]');
    expect(await page.locator('#state dd[data-aspect="relations"]').textContent()).toMatch(
      /^FULL since 2015-/,
    );
    expect(await page.inputValue('#slider-date')).toBe('2016-06-30');
    if (SCREENSHOT) await page.screenshot({ path: join(ROOT, 'docs', 'timeline.png') });
    await page.focus('#slider');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('#state[data-as-of="2016-07-01"]');
    await page.fill('#slider-date', '1970-01-01');
    await page.waitForSelector('#state[data-as-of="1970-01-01"]');
    expect(await page.locator('#state dd[data-aspect="relations"]').textContent()).toMatch(
      /^NONE since 1961-/,
    );
    expect(problems).toEqual([]);
  });

  it('names each event for assistive technology and shows it on keyboard focus', async () => {
    const marker = page.locator('circle[tabindex="0"]').first();
    expect(await marker.getAttribute('aria-label')).toMatch(/^\d{4}.*: .+/);
    await marker.focus();
    await page.waitForSelector('#tooltip:not([hidden])');
    const tooltip = await page.locator('#tooltip').textContent();
    expect(tooltip).toContain(
      (await marker.getAttribute('aria-label'))!.split(': ')[1].split(' (')[0],
    );
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => !!(globalThis as unknown as InPage).document.querySelector('#state[data-as-of^="19"]'),
    );
  });

  it('shows an event recorded through the API without a reload', async () => {
    await page.evaluate(() => {
      (globalThis as unknown as InPage).document.body.dataset.stillHere = 'yes';
    });
    const title = `Timeline live check ${Date.now()}`;
    const beforeIt = new Date(Date.now() - 2_000).toISOString().slice(0, 19);
    const input = validInput({
      title,
      countries: ['USA', 'CUB'],
      occurred: '2023-05-04',
      effects: [],
    });
    const recorded = await gql(server.url, RECORD, { input }, editor);
    expect(recorded.errors).toBeUndefined();
    await page.waitForSelector(`circle[aria-label*="${title}"]`);
    await page.waitForSelector('body[data-still-here="yes"]');
    await page.locator('#status', { hasText: title }).waitFor();

    // As the archive knew it before the record: the marker goes; back to now: it returns.
    await page.fill('#known-at', beforeIt);
    await page.waitForSelector(`circle[aria-label*="${title}"]`, { state: 'detached' });
    await page.locator('#status', { hasText: 'as the archive knew them on' }).waitFor();
    await page.click('#known-now');
    await page.waitForSelector(`circle[aria-label*="${title}"]`);
    expect(problems).toEqual([]);
  });

  it('opens a pair chosen from the busiest pairs or from the country lists', async () => {
    await page.selectOption('#dyads', 'CUB,USA');
    await page.click('#busiest button[type="submit"]');
    await page.waitForURL(/\/timeline\?between=CUB,USA$/);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('g.status-stretch title').count()).toBeGreaterThan(0);
    await page.selectOption('#country-a', 'USA');
    await page.selectOption('#country-b', 'CUB');
    await page.click('#pair button[type="submit"]');
    await page.waitForURL(/\/timeline\?between=USA,CUB$/);
    await page.waitForSelector('body[data-ready="true"]');
    expect(problems).toEqual([]);
  });
});
