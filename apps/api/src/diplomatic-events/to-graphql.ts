import { lookupCameo } from '@app/domain';
import type { RecordView } from '@app/projections';
import type { DiplomaticEvent, Effect } from './graphql/outputs';

/**
 * The one place where a read-model view becomes the GraphQL shape. Lists and nested objects are
 * the view's own, not copies: responses only read them, and a feed catching up maps every
 * change it sends.
 */
export function toGraphqlEvent(view: RecordView, knownAt?: string): DiplomaticEvent {
  const { facts } = view;
  const cameo = facts.cameo ? lookupCameo(facts.cameo) : undefined;
  return {
    id: view.id,
    revision: view.revision,
    status: view.status,
    kind: facts.kind,
    title: facts.title,
    summary: facts.summary,
    occurred: facts.occurred.edtf,
    occurredStart: facts.occurred.start,
    occurredEnd: facts.occurred.end,
    occurredPrecision: facts.occurred.precision,
    countries: facts.countries as string[],
    participants: facts.participants as DiplomaticEvent['participants'],
    location: facts.location,
    cameo: cameo
      ? {
          code: cameo.code,
          name: cameo.name,
          root: cameo.code.slice(0, 2),
          goldstein: cameo.goldstein ?? undefined,
          quadClass: cameo.quadClass,
        }
      : undefined,
    plover: facts.plover,
    effects: facts.effects as Effect[],
    sources: facts.sources as DiplomaticEvent['sources'],
    tags: facts.tags as string[],
    recordedAt: new Date(view.recordedAt),
    recordedBy: view.recordedBy,
    updatedAt: new Date(view.updatedAt),
    knownAt,
  };
}
