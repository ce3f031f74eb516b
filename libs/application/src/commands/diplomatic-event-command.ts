import type { DiplomaticEventCommand } from '@app/domain';
import type { Actor } from '../access-tokens/actor';

/** The domain's name for each change a record can go through. */
export type DiplomaticEventCommandType = DiplomaticEventCommand['type'];

/**
 * One message for every change to a record, named by the domain command it carries. It holds the
 * raw input: the domain parses it, so every entry point (GraphQL, imports) validates alike.
 */
export class ChangeDiplomaticEvent {
  constructor(
    readonly type: DiplomaticEventCommandType,
    readonly input: unknown,
    readonly actor: Actor,
    readonly correlationId?: string,
  ) {}
}

/** What a command did: the record it concerned, and whether anything was appended. */
export interface CommandResult {
  readonly id: string;
  readonly changed: boolean;
}
