import { lookupCameo } from '@app/domain';
import type { RecordView } from '@app/projections';
import type { DiplomaticEvent, Effect } from './graphql/outputs';

/**
 * The identity of a version read at a past instant: `<record id>@<revision>`. A client that
 * caches objects by `id` (Apollo's and urql's default caches) then keeps a past version beside
 * the current record instead of over it; a revision never changes, so the identity is stable.
 */
export const versionId = (recordId: string, revision: number) => `${recordId}@${revision}`;

/** The record id and revision a version identity names, or undefined for a plain record id. */
export function parseVersionId(id: string): { recordId: string; revision: number } | undefined {
  const match = /^(.{1,100})@([1-9][0-9]{0,8})$/.exec(id);
  return match ? { recordId: match[1], revision: Number(match[2]) } : undefined;
}

/**
 * The one place where a read-model view becomes the GraphQL shape. Lists and nested objects are
 * the view's own, not copies: responses only read them, and a feed catching up maps every
 * change it sends.
 */
export function toGraphqlEvent(view: RecordView, knownAt?: string): DiplomaticEvent {
  const { facts } = view;
  const cameo = facts.cameo ? lookupCameo(facts.cameo) : undefined;
  return {
    id: knownAt === undefined ? view.id : versionId(view.id, view.revision),
    recordId: view.id,
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
    provenance: facts.provenance,
    recordedAt: new Date(view.recordedAt),
    recordedBy: view.recordedBy,
    updatedAt: new Date(view.updatedAt),
    knownAt,
  };
}

/**
 * The GraphQL shape of a version for a feed, made as its fields are read: id, title and
 * updatedAt come from what the feed read with the change; revision, status, recordedAt and
 * recordedBy from the rest of the version (for a feed, read with its page on first need); and
 * everything else from `toGraphqlEvent` on first use, which parses the facts. A subscription
 * listing titles reads neither; any other selection costs what it did. Serialises whole.
 */
export class FeedEvent implements DiplomaticEvent {
  private whole: DiplomaticEvent | undefined;

  constructor(private readonly view: RecordView & { readonly title?: string }) {}

  private get full(): DiplomaticEvent {
    return (this.whole ??= toGraphqlEvent(this.view));
  }

  get recordId() {
    return this.view.id;
  }

  get id() {
    return this.view.id;
  }
  get revision() {
    return this.view.revision;
  }
  get status() {
    return this.view.status;
  }
  get title() {
    return this.view.title ?? this.full.title;
  }
  // ISO strings as the read model holds them (see withIsoStringDates).
  get recordedAt() {
    return this.view.recordedAt;
  }
  get recordedBy() {
    return this.view.recordedBy;
  }
  get updatedAt() {
    return this.view.updatedAt;
  }
  get knownAt() {
    return undefined;
  }
  get kind() {
    return this.full.kind;
  }
  get summary() {
    return this.full.summary;
  }
  get occurred() {
    return this.full.occurred;
  }
  get occurredStart() {
    return this.full.occurredStart;
  }
  get occurredEnd() {
    return this.full.occurredEnd;
  }
  get occurredPrecision() {
    return this.full.occurredPrecision;
  }
  get countries() {
    return this.full.countries;
  }
  get participants() {
    return this.full.participants;
  }
  get location() {
    return this.full.location;
  }
  get cameo() {
    return this.full.cameo;
  }
  get plover() {
    return this.full.plover;
  }
  get effects() {
    return this.full.effects;
  }
  get sources() {
    return this.full.sources;
  }
  get tags() {
    return this.full.tags;
  }
  get provenance() {
    return this.full.provenance;
  }

  toJSON(): DiplomaticEvent {
    return this.full;
  }
}
