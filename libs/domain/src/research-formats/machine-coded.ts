import { lookupCameo } from '../taxonomy/cameo';
import type { Mapped } from './country-mapping';
import { cut, plain, refuse, researchEventId, type RowOutcome } from './research-row';

/** One side of a machine-coded event (GDELT actor, ICEWS source or target). */
export interface CodedActor {
  readonly name: string;
  /** The actor's country code, mapped; absent when the row gives none. */
  readonly country?: Mapped;
  readonly role: string;
}

/** What a machine-coded row says, in the terms every such format shares. */
export interface CodedEvent {
  readonly dataset: string;
  readonly datasetLabel: string;
  readonly version?: string;
  readonly rowId: string;
  readonly day: string;
  readonly actors: readonly CodedActor[];
  readonly cameo: string;
  readonly location?: string;
  readonly summary: string;
  readonly source: {
    readonly title: string;
    readonly publisher: string;
    readonly publishedOn?: string;
    readonly url?: string;
  };
}

/**
 * The record input of a machine-coded row. Such a row is an observation of news coverage, not a
 * verified fact: it carries no typed effects (the format defines none), kind OTHER, its CAMEO
 * code (Goldstein and QuadClass come from the CAMEO table, not from the row) and its provenance.
 * A country code given but not mappable refuses the row; a row with no country at all, too.
 */
export const codedEventInput = (event: CodedEvent): RowOutcome => {
  const { rowId } = event;
  const countries: string[] = [];
  for (const actor of event.actors) {
    if (!actor.country) continue;
    if ('reason' in actor.country) return refuse(`${actor.role}: ${actor.country.reason}`, rowId);
    countries.push(actor.country.code);
  }
  if (countries.length === 0) return refuse('no actor country: the row names no country', rowId);
  const entry = lookupCameo(event.cameo);
  if (!entry)
    return refuse(`${JSON.stringify(event.cameo.slice(0, 10))} is not a CAMEO event code`, rowId);
  const named = event.actors.filter((a) => plain(a.name) !== '');
  const label = (a: CodedActor) =>
    plain(a.name) || (a.country && 'code' in a.country ? a.country.code : '?');
  const title = `${event.actors.map(label).join(' → ')}: ${entry.name} (${event.datasetLabel})`;
  return {
    kind: 'record',
    rowId,
    input: {
      id: researchEventId(event.dataset, rowId),
      kind: 'OTHER',
      title: cut(title, 300),
      summary: cut(event.summary, 5000),
      occurred: event.day,
      countries: [...new Set(countries)],
      participants: named.map((a) => ({
        name: cut(plain(a.name), 200),
        role: a.role,
        ...(a.country && 'code' in a.country ? { country: a.country.code } : {}),
      })),
      ...(event.location ? { location: cut(event.location, 200) } : {}),
      cameo: entry.code,
      effects: [],
      sources: [
        {
          title: cut(event.source.title, 300),
          publisher: cut(event.source.publisher, 200),
          ...(event.source.publishedOn ? { publishedOn: event.source.publishedOn } : {}),
          ...(event.source.url ? { url: event.source.url } : {}),
        },
      ],
      tags: [event.dataset, 'machine-coded'],
      provenance: {
        dataset: event.dataset,
        ...(event.version ? { version: event.version } : {}),
        rowId,
        ...(event.source.url ? { url: event.source.url } : {}),
      },
    },
  };
};
