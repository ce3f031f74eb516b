import * as Plot from '@observablehq/plot';
import type { Change, TimelineEvent } from './data';

export interface Stretch {
  key: string;
  label: string;
  status: string;
  from: Date;
  to: Date;
  certain: boolean;
  since: string;
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** "embassy:USA:CUB" → "Embassy of USA in CUB": the band's name in words. */
export function labelOfKey(key: string): string {
  const [aspect, ...rest] = key.split(':');
  switch (aspect) {
    case 'relations':
      return 'Relations';
    case 'embassy':
      return `Embassy of ${rest[0]} in ${rest[1]}`;
    case 'dialogue':
      return `Dialogue: ${rest.join(':')}`;
    case 'agreement':
      return `Agreement: ${rest.join(':')}`;
    case 'consular':
      return `Consular: ${rest.join(' by ')}`;
    case 'sanctions':
      return `Sanctions: ${rest.join(' by ')}`;
    case 'designation':
      return `Designation: ${rest.join(' of ')}`;
    default:
      return key;
  }
}

/** Each change starts a stretch of its key that lasts until the key's next change (or `end`). */
export function stretchesOf(changes: readonly Change[], end: Date): Stretch[] {
  const byKey = new Map<string, Change[]>();
  for (const change of changes) {
    const list = byKey.get(change.key);
    if (list) list.push(change);
    else byKey.set(change.key, [change]);
  }
  const stretches: Stretch[] = [];
  for (const [key, list] of byKey) {
    list.forEach((change, i) => {
      if (change.to === null) return;
      const next = list[i + 1];
      stretches.push({
        key,
        label: labelOfKey(key),
        status: change.to,
        from: day(change.date),
        to: next ? day(next.date) : end,
        certain: change.certain !== false,
        since: change.since ?? change.date,
      });
    });
  }
  return stretches;
}

const QUAD_CLASSES = [
  'verbal cooperation',
  'material cooperation',
  'verbal conflict',
  'material conflict',
];
export const quadClassName = (q: number | undefined) =>
  q ? `${q} ${QUAD_CLASSES[q - 1]}` : 'not coded';

export const EVENTS_LANE = 'Events';

/**
 * Fixed colours, so a status looks the same on every page: greens where relations work, ambers
 * where they are reduced, reds where they are broken; purples for lists; blues for quad classes
 * of cooperation and reds for those of conflict.
 */
const COLOURS: Record<string, string> = {
  FULL: '#1a9850',
  INTERESTS_SECTIONS: '#fdae61',
  NONE: '#b2182b',
  OPERATING: '#1a9850',
  REDUCED: '#fee08b',
  SUSPENDED: '#d73027',
  CLOSED: '#67001f',
  ACTIVE: '#4575b4',
  PAUSED: '#abd9e9',
  ENDED: '#878787',
  SIGNED: '#a6d96a',
  IN_FORCE: '#006837',
  TERMINATED: '#4d4d4d',
  LIMITED: '#fdae61',
  LIFTED: '#c7eae5',
  LISTED: '#762a83',
  DELISTED: '#c2a5cf',
  [quadClassName(1)]: '#74add1',
  [quadClassName(2)]: '#313695',
  [quadClassName(3)]: '#f46d43',
  [quadClassName(4)]: '#a50026',
  [quadClassName(undefined)]: '#999999',
};
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Bands of status per aspect, events as dots in a lane of their own, and the replayed date. */
export function drawBands(
  stretches: readonly Stretch[],
  events: readonly TimelineEvent[],
  span: [Date, Date],
  width: number,
): { element: HTMLElement | SVGSVGElement; svg: SVGSVGElement; x: (date: Date) => number } {
  const lanes = [...new Set(stretches.map((s) => s.label))];
  // Statuses, then quad classes, as they occur: the legend lists what the chart shows.
  const domain = [
    ...new Set([
      ...stretches.map((s) => s.status),
      ...events.map((e) => quadClassName(e.cameo?.quadClass)).sort(),
    ]),
  ];
  lanes.push(EVENTS_LANE);
  const plot = Plot.plot({
    width,
    marginLeft: 190,
    height: 40 + lanes.length * 28,
    ariaLabel: 'Status of each aspect of the relationship over time, and the events',
    x: { domain: span, type: 'utc', label: null, grid: true },
    y: { domain: lanes, label: null },
    color: {
      legend: true,
      type: 'categorical',
      domain,
      range: domain.map((d) => COLOURS[d] ?? '#bbbbbb'),
    },
    marks: [
      Plot.barX(stretches, {
        x1: 'from',
        x2: 'to',
        y: 'label',
        fill: 'status',
        title: (s: Stretch) =>
          `${s.label} — ${s.status}, ${iso(s.from)} to ${iso(s.to)}${s.certain ? '' : ' (uncertain)'}`,
        className: 'status-stretch',
      }),
      Plot.barX(
        stretches.filter((s) => !s.certain),
        {
          x1: 'from',
          x2: 'to',
          y: 'label',
          fill: 'url(#uncertain-hatch)',
          ariaLabel: 'uncertain stretch',
        },
      ),
      Plot.dot(events, {
        x: (e: TimelineEvent) => day(e.occurredStart),
        y: () => EVENTS_LANE,
        r: 5,
        stroke: 'white',
        fill: (e: TimelineEvent) => quadClassName(e.cameo?.quadClass),
        className: 'event-dots',
      }),
    ],
  });
  // With a legend, Plot wraps the chart in a figure: the bands are in its last svg.
  const svgs = plot.tagName.toLowerCase() === 'svg' ? [plot] : [...plot.querySelectorAll('svg')];
  const svg = svgs[svgs.length - 1] as SVGSVGElement;
  addHatchPattern(svg);
  const scale = plot.scale('x')!;
  return { element: plot, svg, x: (date: Date) => scale.apply(date) as number };
}

function addHatchPattern(svg: SVGSVGElement) {
  const ns = 'http://www.w3.org/2000/svg';
  const defs = document.createElementNS(ns, 'defs');
  const pattern = document.createElementNS(ns, 'pattern');
  pattern.setAttribute('id', 'uncertain-hatch');
  pattern.setAttribute('width', '6');
  pattern.setAttribute('height', '6');
  pattern.setAttribute('patternUnits', 'userSpaceOnUse');
  pattern.setAttribute('patternTransform', 'rotate(45)');
  const line = document.createElementNS(ns, 'rect');
  line.setAttribute('width', '2.5');
  line.setAttribute('height', '6');
  line.setAttribute('fill', 'rgba(255,255,255,0.85)');
  pattern.append(line);
  defs.append(pattern);
  svg.prepend(defs);
}
