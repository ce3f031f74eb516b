import { subscribe } from './api';
import { drawBands, stretchesOf } from './bands';
import { drawCounts } from './counts';
import {
  EVENT_FIELDS,
  loadChanges,
  loadChoices,
  loadEvents,
  loadStats,
  type Change,
  type StatsBucket,
  type TimelineEvent,
} from './data';
import { attachMarkers } from './markers';
import { showState } from './state-panel';

const el = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const MS_PER_DAY = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
const isoOfDay = (n: number) => new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

/** `?between=USA,CUB`: 2 to 12 alpha-3 codes; anything else falls back to US–Cuba. */
function pairFromUrl(): string[] {
  const raw = new URLSearchParams(location.search).get('between') ?? '';
  const codes = [...new Set(raw.toUpperCase().split(','))].filter((c) => /^[A-Z]{3}$/.test(c));
  return codes.length >= 2 && codes.length <= 12 ? codes : ['USA', 'CUB'];
}

const between = pairFromUrl();
const view = {
  knownAt: undefined as string | undefined,
  asOf: new URLSearchParams(location.search).get('asOf') ?? today(),
  events: [] as TimelineEvent[],
  changes: [] as Change[],
  stats: [] as StatsBucket[],
  moveRule: (_day: string) => undefined as void,
};

const status = (text: string) => (el('status').textContent = text);

let loads = 0;
async function loadAll(): Promise<void> {
  const load = ++loads;
  status('Loading…');
  // The state panel needs none of the rest: it is asked for at the same time.
  const replayed = replay();
  const [events, changes, stats] = await Promise.all([
    loadEvents(between, view.knownAt),
    loadChanges(between, view.knownAt),
    loadStats(between, view.knownAt),
  ]);
  // A later load (a new event, another knownAt) has started: its answer is the one to show.
  if (load !== loads) return;
  Object.assign(view, { events, changes, stats });
  render();
  await replayed;
  status(
    `${events.length} events and ${changes.length} changes of state${view.knownAt ? `, as the archive knew them on ${view.knownAt}` : ''}.`,
  );
}

function domainOf(): [Date, Date] {
  const starts = [...view.events.map((e) => e.occurredStart), ...view.changes.map((c) => c.date)];
  const first = starts.length
    ? starts.reduce((a, b) => (a < b ? a : b))
    : `${today().slice(0, 4)}-01-01`;
  const from = new Date(Date.UTC(Number(first.slice(0, 4)) - 1, 0, 1));
  const to = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 0, 1));
  return [from, to];
}

function render(): void {
  const domain = domainOf();
  const width = Math.max(640, el('bands').clientWidth || 1000);
  const stretches = stretchesOf(view.changes, domain[1]);
  const bands = drawBands(stretches, view.events, domain, width);
  el('bands').replaceChildren(bands.element);
  attachMarkers(bands.svg, view.events, el('tooltip'), pickDate);
  // The replayed date, drawn across the bands.
  const rule = document.createElementNS('http://www.w3.org/2000/svg', 'line');
  rule.setAttribute('y1', '0');
  rule.setAttribute('y2', bands.svg.getAttribute('height') ?? '100');
  rule.setAttribute('stroke', '#000');
  rule.setAttribute('stroke-dasharray', '3 2');
  rule.setAttribute('aria-hidden', 'true');
  bands.svg.append(rule);
  view.moveRule = (day: string) => {
    const x = String(bands.x(new Date(`${day}T00:00:00Z`)));
    rule.setAttribute('x1', x);
    rule.setAttribute('x2', x);
  };
  el('counts').replaceChildren(drawCounts(view.stats, domain, width));
  const slider = el<HTMLInputElement>('slider');
  slider.min = String(dayNumber(domain[0].toISOString().slice(0, 10)));
  slider.max = String(dayNumber(domain[1].toISOString().slice(0, 10)));
  const dateInput = el<HTMLInputElement>('slider-date');
  dateInput.min = isoOfDay(Number(slider.min));
  dateInput.max = isoOfDay(Number(slider.max));
  showDate(view.asOf);
}

function showDate(day: string): void {
  el<HTMLInputElement>('slider').value = String(dayNumber(day));
  el<HTMLInputElement>('slider').setAttribute('aria-valuetext', day);
  el<HTMLInputElement>('slider-date').value = day;
  view.moveRule(day);
}

let replaying: ReturnType<typeof setTimeout> | undefined;
let asked = 0;
async function replay(): Promise<void> {
  const ask = ++asked;
  const day = view.asOf;
  try {
    const panel = document.createElement('div');
    await showState(panel, between, day, view.knownAt);
    // Answers to older slider positions are dropped: the panel shows the latest one asked.
    if (ask === asked) {
      el('state').replaceChildren(...panel.childNodes);
      el('state').dataset.asOf = day;
    }
  } catch (error) {
    status(`Could not replay to ${day}: ${(error as Error).message}`);
  }
}

function pickDate(day: string): void {
  view.asOf = day;
  showDate(day);
  clearTimeout(replaying);
  replaying = setTimeout(() => void replay(), 120);
}

function wireControls(): void {
  el<HTMLInputElement>('slider').addEventListener('input', (e) =>
    pickDate(isoOfDay(Number((e.target as HTMLInputElement).value))),
  );
  el<HTMLInputElement>('slider-date').addEventListener('change', (e) => {
    const value = (e.target as HTMLInputElement).value;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) pickDate(value);
  });
  el<HTMLInputElement>('known-at').addEventListener('change', (e) => {
    const value = (e.target as HTMLInputElement).value;
    const instant = value ? new Date(value) : undefined;
    view.knownAt = instant && !Number.isNaN(instant.getTime()) ? instant.toISOString() : undefined;
    void loadAll().catch(failed);
  });
  el('known-now').addEventListener('click', () => {
    el<HTMLInputElement>('known-at').value = '';
    view.knownAt = undefined;
    void loadAll().catch(failed);
  });
  el<HTMLFormElement>('pair').addEventListener('submit', (e) => {
    e.preventDefault();
    const a = el<HTMLSelectElement>('country-a').value;
    const b = el<HTMLSelectElement>('country-b').value;
    if (a && b && a !== b) location.search = `?between=${a},${b}`;
  });
  // Only on submit: arrow keys on a closed select change its value, and must not navigate.
  el<HTMLFormElement>('busiest').addEventListener('submit', (e) => {
    e.preventDefault();
    const value = el<HTMLSelectElement>('dyads').value;
    if (/^[A-Z]{3}(,[A-Z]{3})+$/.test(value)) location.search = `?between=${value}`;
  });
  let resized: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener('resize', () => {
    clearTimeout(resized);
    resized = setTimeout(render, 200);
  });
}

async function fillChoices(): Promise<void> {
  const { countries, dyads } = await loadChoices();
  const names = new Map(countries.map((c) => [c.code, c.name]));
  const option = (value: string, text: string, selected = false) => {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = text;
    o.selected = selected;
    return o;
  };
  for (const [id, code] of [
    ['country-a', between[0]],
    ['country-b', between[1]],
  ]) {
    el(id).replaceChildren(
      ...countries.map((c) =>
        option(c.code, `${c.name} (${c.code}, ${c.eventCount})`, c.code === code),
      ),
    );
  }
  el('dyads').replaceChildren(
    option('', 'choose a pair…'),
    ...dyads.map((d) =>
      option(
        d.countries.join(','),
        `${d.countries.map((c) => names.get(c) ?? c).join(' – ')} (${d.eventCount})`,
      ),
    ),
  );
  const title = `Diplomatic relations: ${between.map((c) => names.get(c) ?? c).join(' – ')}`;
  el('title').textContent = title;
  document.title = title;
}

/** New events for the pair arrive over the subscription and are drawn without a reload. */
function followLive(): void {
  subscribe<{ eventChanges: { type: string; event: TimelineEvent } }>(
    `subscription($filter: EventFilter) {
      eventChanges(filter: $filter) { type event { ${EVENT_FIELDS} } } }`,
    { filter: { countries: between } },
    ({ eventChanges }) => {
      // A past knownAt shows the archive as it was: later changes are not part of it.
      if (view.knownAt) return;
      void loadAll()
        .then(() =>
          status(
            `${eventChanges.type.toLowerCase()}: ${eventChanges.event.title} (${eventChanges.event.occurred})`,
          ),
        )
        .catch(failed);
    },
    (message) => status(`Live updates stopped: ${message}`),
  );
}

const failed = (error: unknown) =>
  status(`Could not load the timeline: ${(error as Error).message}`);

wireControls();
void fillChoices().catch(failed);
void loadAll()
  .then(() => {
    document.body.dataset.ready = 'true';
    // How long the first drawing took from navigation, for anyone measuring (docs/timeline.md).
    performance.mark('timeline-ready');
    followLive();
  })
  .catch(failed);
