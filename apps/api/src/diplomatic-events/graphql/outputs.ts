import { EdtfScalar } from '../../graphql/edtf.scalar';
import type { TimelineFilter } from '@app/projections';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ChangeTypeEnum, EffectTypeEnum, EventKindEnum, RecordStatusEnum } from './enums';

@ObjectType({ description: 'A person or body who took part, with their role and country.' })
export class Participant {
  @Field({ description: 'Name of the person or body, e.g. "Emily Mendrala".' }) name!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Their role or office, e.g. "Vice Foreign Minister".',
  })
  role?: string;
  @Field(() => String, {
    nullable: true,
    description: 'The country they represent (ISO 3166-1 alpha-3).',
  })
  country?: string;
}

@ObjectType({ description: 'Where a fact comes from. Every record cites at least one.' })
export class Source {
  @Field({ description: 'Title of the article, document or page.' }) title!: string;
  @Field({ description: 'Who published it, e.g. "U.S. Department of State".' })
  publisher!: string;
  @Field(() => EdtfScalar, {
    nullable: true,
    description:
      'Date of publication: an EDTF (Library of Congress Extended Date/Time Format, level 1) string.',
  })
  publishedOn?: string;
  @Field(() => String, { nullable: true, description: 'Where to read it: an http(s) URL.' })
  url?: string;
  @Field(() => String, { nullable: true, description: 'The passage that supports the record.' })
  quote?: string;
}

@ObjectType({
  description:
    'CAMEO classification; its name, Goldstein score and QuadClass derive from the code.',
})
export class Cameo {
  @Field({ description: 'The CAMEO event code, a string ("010" and "10" differ).' }) code!: string;
  @Field({ description: "The code's name in the CAMEO codebook." }) name!: string;
  @Field({ description: 'Two-digit root code.' }) root!: string;
  @Field(() => Float, {
    nullable: true,
    description:
      "The code's Goldstein score, from -10 (most conflictual) to +10 (most cooperative).",
  })
  goldstein?: number;
  @Field(() => Int, {
    description:
      '1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.',
  })
  quadClass!: number;
}

@ObjectType({ description: 'PLOVER event, mode and context.' })
export class Plover {
  @Field({ description: 'PLOVER event type, e.g. CONSULT.' }) event!: string;
  @Field(() => String, { nullable: true, description: 'PLOVER mode, e.g. visit.' })
  mode?: string;
  @Field(() => String, { nullable: true, description: 'PLOVER context, e.g. diplomatic.' })
  context?: string;
}

@ObjectType({
  description:
    'Where an imported record comes from: a research dataset, its version and the row. Records imported from machine-coded datasets are observations of news coverage, not verified facts.',
})
export class Provenance {
  @Field({ description: 'The dataset, as a slug: gdelt, icews, cow-dipex.' }) dataset!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The dataset version: 2.0 or 1.0 for GDELT, as given at import for others.',
  })
  version?: string;
  @Field({
    description:
      "The row's own id in the dataset (GDELT GLOBALEVENTID, ICEWS Event ID, COW ccode1-ccode2-year).",
  })
  rowId!: string;
  @Field(() => String, { nullable: true, description: "The row's source URL, when it has one." })
  url?: string;
}

@ObjectType({
  description:
    'A typed change to the relationship between the countries of an event. Only the fields of its `type` are set.',
})
export class Effect {
  @Field(() => EffectTypeEnum, { description: 'Which aspect of the relationship it changes.' })
  type!: string;
  @Field(() => String, { nullable: true, description: 'RELATIONS: the new RelationsLevel.' })
  level?: string;
  @Field(() => String, {
    nullable: true,
    description: 'EMBASSY: sending country (alpha-3).',
  })
  of?: string;
  @Field(() => String, { nullable: true, description: 'EMBASSY: host country (alpha-3).' })
  in?: string;
  @Field(() => String, {
    nullable: true,
    description:
      "The new status, a value of the enum that fits the effect's type (EmbassyStatus, DialogueStatus, AgreementStatus, ConsularStatus, SanctionsStatus or DesignationStatus).",
  })
  status?: string;
  @Field(() => String, {
    nullable: true,
    description: 'DIALOGUE: topic slug, e.g. migration.',
  })
  topic?: string;
  @Field(() => Boolean, {
    nullable: true,
    description: 'DIALOGUE: true when the event is a round of the dialogue (sets `lastHeld`).',
  })
  held?: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'AGREEMENT: name of the agreement; SANCTIONS: name of the regime, e.g. embargo.',
  })
  name?: string;
  @Field(() => String, {
    nullable: true,
    description: 'CONSULAR: service slug, e.g. immigrant-visas.',
  })
  service?: string;
  @Field(() => String, {
    nullable: true,
    description: 'CONSULAR: providing country (alpha-3).',
  })
  providedBy?: string;
  @Field(() => String, {
    nullable: true,
    description: 'SANCTIONS: imposing country (alpha-3).',
  })
  imposedBy?: string;
  @Field(() => String, {
    nullable: true,
    description: 'DESIGNATION: list slug, e.g. state-sponsors-of-terrorism.',
  })
  list?: string;
  @Field(() => String, {
    nullable: true,
    description: 'DESIGNATION: listed country (alpha-3).',
  })
  country?: string;
}

@ObjectType({ description: 'One revision of a record: what changed, why, when and by whom.' })
export class Revision {
  @Field(() => Int, { description: 'Revision number: 1 when first recorded, +1 per change.' })
  revision!: number;
  @Field(() => ChangeTypeEnum, { description: 'How the record changed in this revision.' })
  changeType!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Why it changed; given for amendments and retractions.',
  })
  reason?: string | null;
  @Field(() => Date, { description: 'When the archive recorded this revision (transaction time).' })
  recordedAt!: Date;
  @Field(() => String, { nullable: true, description: 'Name of the token that recorded it.' })
  recordedBy?: string | null;
  @Field(() => [String], { description: 'Fields an amendment changed.' }) changedFields!: string[];
}

@ObjectType({ description: 'A recorded diplomatic event, as it stands (or stood at `knownAt`).' })
export class DiplomaticEvent {
  @Field(() => ID, {
    description:
      'The identity of what this object shows: the record id (a UUID) when read as it stands; `<record id>@<revision>` when read at a `knownAt`, so that caches keyed by id keep past versions beside the current record. `event(id:)` takes either.',
  })
  id!: string;
  @Field(() => ID, { description: 'The record id (a UUID), whichever version this is.' })
  recordId!: string;
  @Field(() => Int, { description: '1 when first recorded, +1 per amendment or retraction.' })
  revision!: number;
  @Field(() => RecordStatusEnum, { description: 'Active or retracted.' }) status!: string;
  @Field(() => EventKindEnum, { description: 'What kind of event it is.' }) kind!: string;
  @Field({ description: 'One-line title.' }) title!: string;
  @Field({ description: 'What happened, in a few sentences; empty when none was given.' })
  summary!: string;
  @Field(() => EdtfScalar, {
    description:
      'When it happened (valid time): an EDTF (Library of Congress Extended Date/Time Format, level 1) string, e.g. 2022-04-21, 2017-09, 2018, 2016-03-20/2016-03-22.',
  })
  occurred!: string;
  @Field({ description: 'First day the EDTF value covers (ISO date, YYYY-MM-DD).' })
  occurredStart!: string;
  @Field({ description: 'Last day the EDTF value covers (ISO date, YYYY-MM-DD).' })
  occurredEnd!: string;
  @Field({
    description: 'Precision of `occurred`: day, month, year, interval or other.',
  })
  occurredPrecision!: string;
  @Field(() => [String], {
    description: 'The countries involved (ISO 3166-1 alpha-3), sorted.',
  })
  countries!: string[];
  @Field(() => [Participant], { description: 'People and bodies who took part.' })
  participants!: Participant[];
  @Field(() => String, { nullable: true, description: 'Where it happened, e.g. Havana.' })
  location?: string;
  @Field(() => Cameo, { nullable: true, description: 'CAMEO classification, if coded.' })
  cameo?: Cameo;
  @Field(() => Plover, { nullable: true, description: 'PLOVER classification, if coded.' })
  plover?: Plover;
  @Field(() => [Effect], {
    description: 'Changes it makes to the relationship between its countries.',
  })
  effects!: Effect[];
  @Field(() => [Source], { description: 'Where the facts come from (at least one).' })
  sources!: Source[];
  @Field(() => [String], { description: 'Free tags (slugs), e.g. migration.' }) tags!: string[];
  @Field(() => Provenance, {
    nullable: true,
    description:
      'The research dataset and row an imported record comes from; null when entered by hand.',
  })
  provenance?: Provenance;
  @Field(() => Date, { description: 'When the archive first recorded it (transaction time).' })
  recordedAt!: Date | string;
  @Field(() => String, { nullable: true, description: 'Name of the token that recorded it.' })
  recordedBy?: string | null;
  @Field(() => Date, { description: 'When this revision was recorded.' }) updatedAt!: Date | string;
  /** Transaction time this view was read at; history is cut there too. */
  knownAt?: string;
}

@ObjectType({ description: 'Where a page stands in the whole list (Relay).' })
export class PageInfo {
  @Field({ description: 'True when more records follow the last one of this page.' })
  hasNextPage!: boolean;
  @Field({ description: 'True when more records come before the first one of this page.' })
  hasPreviousPage!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the first edge; null for an empty page. Pass it as `before`.',
  })
  startCursor?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last edge; null for an empty page. Pass it as `after`.',
  })
  endCursor?: string | null;
}

@ObjectType({ description: 'One record of a page, with its cursor (Relay).' })
export class DiplomaticEventEdge {
  @Field({ description: 'Opaque position of this record in the chosen order.' }) cursor!: string;
  @Field(() => DiplomaticEvent, { description: 'The record.' }) node!: DiplomaticEvent;
}

@ObjectType({ description: 'A page of records (Relay connection).' })
export class DiplomaticEventConnection {
  @Field(() => [DiplomaticEventEdge], { description: 'The records of this page, in order.' })
  edges!: DiplomaticEventEdge[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
  pageInfo!: PageInfo;
  /** What `totalCount` counts; counted only when a client asks for it. */
  counting!: { readonly filter: TimelineFilter; readonly knownAt?: string };
}
