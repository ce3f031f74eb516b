import { lookupCameo, type Effect as DomainEffect } from '@app/domain';
import type { RecordView } from '@app/projections';
import type { DiplomaticEvent, Effect } from './graphql/outputs';

/** The one place where a read-model view becomes the GraphQL shape. */
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
    countries: [...facts.countries],
    participants: facts.participants.map((p) => ({ ...p })),
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
    plover: facts.plover ? { ...facts.plover } : undefined,
    effects: facts.effects.map(toGraphqlEffect),
    sources: facts.sources.map((s) => ({ ...s })),
    tags: [...facts.tags],
    recordedAt: new Date(view.recordedAt),
    recordedBy: view.recordedBy,
    updatedAt: new Date(view.updatedAt),
    knownAt,
  };
}

const toGraphqlEffect = (effect: DomainEffect): Effect => ({ ...effect }) as Effect;
