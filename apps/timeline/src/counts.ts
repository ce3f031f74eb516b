import * as Plot from '@observablehq/plot';
import type { StatsBucket } from './data';

/** Records per year (from eventStats), over the same years as the bands. */
export function drawCounts(buckets: readonly StatsBucket[], domain: [Date, Date], width: number) {
  const years = buckets.map((b) => ({
    year: new Date(Date.UTC(Number(b.period.slice(0, 4)), 0, 1)),
    count: b.count,
    period: b.period,
  }));
  return Plot.plot({
    width,
    marginLeft: 190,
    height: 160,
    ariaLabel: 'Number of recorded events per year',
    x: { domain, type: 'utc', label: null },
    y: { label: 'events', grid: true },
    marks: [
      Plot.rectY(years, {
        x: 'year',
        y: 'count',
        interval: 'year',
        fill: '#4a6fa5',
        title: (d: { period: string; count: number }) => `${d.period}: ${d.count} events`,
        className: 'year-counts',
      }),
      Plot.ruleY([0]),
    ],
  });
}
