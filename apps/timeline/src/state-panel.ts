import { query } from './api';

interface Item {
  status?: string;
  level?: string;
  since: string;
  certain: boolean;
  [field: string]: unknown;
}

interface Relationship {
  asOf: string;
  relations: Item | null;
  embassies: Item[];
  dialogues: Item[];
  agreements: Item[];
  consularServices: Item[];
  sanctions: Item[];
  designations: Item[];
  eventCount: number;
}

const RELATIONSHIP = `query($between: [String!]!, $asOf: EDTF, $knownAt: DateTime) {
  relationship(between: $between, asOf: $asOf, knownAt: $knownAt) {
    asOf eventCount relations { level since certain }
    embassies { of in status since certain } dialogues { topic status lastHeld since certain }
    agreements { name status since certain } consularServices { service providedBy status since certain }
    sanctions { name imposedBy status since certain } designations { list country status since certain } } }`;

/** What an item is about, in words: "Embassy of USA in CUB", "Dialogue: migration". */
function labelOf(aspect: string, item: Item): string {
  switch (aspect) {
    case 'relations':
      return 'Diplomatic relations';
    case 'embassies':
      return `Embassy of ${item.of} in ${item.in}`;
    case 'dialogues':
      return `Dialogue: ${item.topic}`;
    case 'agreements':
      return `Agreement: ${item.name}`;
    case 'consularServices':
      return `Consular: ${item.service} (${item.providedBy})`;
    case 'sanctions':
      return `Sanctions: ${item.name} (${item.imposedBy})`;
    default:
      return `Designation: ${item.list} (${item.country})`;
  }
}

/** Replays the relationship to `asOf` and shows it; what is uncertain is marked as such. */
export async function showState(
  container: HTMLElement,
  between: string[],
  asOf: string,
  knownAt: string | undefined,
): Promise<void> {
  const { relationship } = await query<{ relationship: Relationship }>(RELATIONSHIP, {
    between,
    asOf,
    knownAt,
  });
  const rows: [string, Item][] = [];
  if (relationship.relations) rows.push(['relations', relationship.relations]);
  for (const aspect of [
    'embassies',
    'dialogues',
    'agreements',
    'consularServices',
    'sanctions',
    'designations',
  ] as const) {
    for (const item of relationship[aspect]) rows.push([aspect, item]);
  }
  const list = document.createElement('dl');
  list.setAttribute('aria-label', `The relationship as of ${relationship.asOf}`);
  const header = document.createElement('p');
  header.textContent = `As of ${relationship.asOf}: ${relationship.eventCount} events so far.`;
  for (const [aspect, item] of rows) {
    const term = document.createElement('dt');
    term.textContent = labelOf(aspect, item);
    const value = document.createElement('dd');
    value.dataset.aspect = aspect;
    value.textContent = `${item.level ?? item.status} since ${item.since}`;
    if (!item.certain) {
      value.classList.add('uncertain');
      value.textContent += ' (uncertain: the date is imprecise)';
    }
    list.append(term, value);
  }
  if (rows.length === 0) list.textContent = 'Nothing recorded yet on this date.';
  container.replaceChildren(header, list);
}
