import type { TimelineEvent } from './data';
import { quadClassName } from './bands';

/**
 * Makes each event dot reachable with the keyboard and named for assistive technology, and
 * shows the event's title, date and sources on hover and on focus. Enter picks its date.
 */
export function attachMarkers(
  svg: SVGSVGElement,
  events: readonly TimelineEvent[],
  tooltip: HTMLElement,
  pickDate: (day: string) => void,
): void {
  const circles = [...svg.querySelectorAll<SVGCircleElement>('g.event-dots circle')];
  circles.forEach((circle, i) => {
    const event = events[i];
    if (!event) return;
    circle.setAttribute('tabindex', '0');
    circle.setAttribute('role', 'button');
    circle.setAttribute(
      'aria-label',
      `${event.occurred}: ${event.title} (${quadClassName(event.cameo?.quadClass)})`,
    );
    circle.dataset.eventId = event.id;
    const show = () => showTooltip(tooltip, circle, event);
    circle.addEventListener('mouseenter', show);
    circle.addEventListener('focus', show);
    circle.addEventListener('mouseleave', () => (tooltip.hidden = true));
    circle.addEventListener('blur', () => (tooltip.hidden = true));
    circle.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        pickDate(event.occurredEnd);
      }
    });
  });
}

function showTooltip(tooltip: HTMLElement, circle: SVGCircleElement, event: TimelineEvent) {
  const title = document.createElement('strong');
  title.textContent = event.title;
  const date = document.createElement('div');
  date.textContent = `${event.occurred} · ${event.kind}${event.cameo ? ` · CAMEO ${event.cameo.code} ${event.cameo.name}` : ''}`;
  const sources = document.createElement('ul');
  for (const source of event.sources) {
    const item = document.createElement('li');
    item.textContent = [source.title, source.publisher, source.publishedOn]
      .filter(Boolean)
      .join(', ');
    sources.append(item);
  }
  tooltip.replaceChildren(title, date, sources);
  const box = circle.getBoundingClientRect();
  tooltip.style.left = `${Math.max(8, window.scrollX + box.left - 100)}px`;
  tooltip.style.top = `${window.scrollY + box.bottom + 8}px`;
  tooltip.hidden = false;
}
