import { createReadStream } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError } from '@app/domain';
import type { Actor } from '../access-tokens/actor';
import { ChangeDiplomaticEvent, type CommandResult } from '../commands/diplomatic-event-command';
import { ReadSide } from '../infrastructure/read-side';
import { ndjsonLines, type SourceLine } from './ndjson-lines';

/** Failures kept with their message; beyond these only the count grows, so a report stays small. */
export const MAX_REPORTED_FAILURES = 100;
/** A message may quote the line it is about; a kept message is cut to this many characters. */
const MAX_MESSAGE_CHARS = 1000;

export interface ImportReport {
  readonly recorded: number;
  readonly amended: number;
  readonly retracted: number;
  /** Lines whose change is already in the store (a re-import). */
  readonly unchanged: number;
  /** The first MAX_REPORTED_FAILURES failed lines, in file order. */
  readonly failed: readonly { readonly line: number; readonly error: string }[];
  /** Every failed line, including those beyond `failed`. */
  readonly failedCount: number;
}

/** Each dataset command, and the domain command it carries. */
const COMMANDS = {
  recordEvent: 'RecordDiplomaticEvent',
  amendEvent: 'AmendDiplomaticEvent',
  retractEvent: 'RetractDiplomaticEvent',
} as const;

/** One command of a dataset, whatever format it was read from. */
export type DatasetCommand =
  | { command: 'recordEvent'; input: Record<string, unknown> }
  | {
      command: 'amendEvent' | 'retractEvent';
      input: Record<string, unknown> & { id: string; reason: string };
    };

/** A dataset line's command (the name research imports use). */
export type DatasetLine = DatasetCommand;

/** A dataset entry: its command, or why its line could not be read. Lines count from 1. */
export type DatasetEntry =
  | { readonly line: number; readonly command: DatasetCommand; readonly error?: undefined }
  | { readonly line: number; readonly error: string };

type Outcome = 'recorded' | 'amended' | 'retracted' | 'unchanged';

/**
 * Commands applied together. They run concurrently, so the store writes their appends in one
 * durable transaction (group commit) and the projector applies them in one batch, instead of one
 * commit and one projection wait per line; a record's own commands still run in file order.
 */
export const IMPORT_BATCH = 1000;

/**
 * Imports a dataset: newline-delimited JSON, one `recordEvent`, `amendEvent` or `retractEvent`
 * command per line, applied through the same command handlers as the API. Re-importing changes
 * nothing: records carry fixed ids, and an amendment or a retraction whose reason is already in
 * the record's history is skipped; so an interrupted import is resumed by running it again.
 */
@Injectable()
export class DatasetImporter {
  constructor(
    private readonly commands: CommandBus,
    private readonly readSide: ReadSide,
  ) {}

  /** Reads the file as a stream: memory stays bounded by one batch of capped lines. */
  async importFile(file: string, actor: Actor): Promise<ImportReport> {
    const stream = createReadStream(file);
    try {
      return await this.importEntries(parsedLines(ndjsonLines(stream)), actor);
    } finally {
      stream.destroy();
    }
  }

  async importText(text: string, actor: Actor): Promise<ImportReport> {
    return this.importEntries(parsedLines(ndjsonLines([Buffer.from(text, 'utf8')])), actor);
  }

  /**
   * Applies commands already parsed from some other format (research imports) through the same
   * batched path as a dataset's lines. `ref` is the row's line in its file, reported with a
   * failure; every failure also goes to `onFailure`, beyond the MAX_REPORTED_FAILURES kept in
   * the report.
   */
  async importCommands(
    entries: AsyncIterable<{ readonly ref: number; readonly line: DatasetLine }>,
    actor: Actor,
    options: { readonly onFailure?: (ref: number, error: string, line: DatasetLine) => void } = {},
  ): Promise<ImportReport> {
    return this.importEntries(asEntries(entries), actor, options.onFailure);
  }

  /**
   * The one path of every import, whatever its format: entries in file order, applied
   * IMPORT_BATCH at a time; failures are reported per line, in file order.
   */
  protected async importEntries(
    entries: AsyncIterable<DatasetEntry> | Iterable<DatasetEntry>,
    actor: Actor,
    onFailure?: (line: number, error: string, command: DatasetCommand) => void,
  ): Promise<ImportReport> {
    const report = {
      recorded: 0,
      amended: 0,
      retracted: 0,
      unchanged: 0,
      failed: [] as ImportReport['failed'][number][],
      failedCount: 0,
    };
    const settle = async (batch: DatasetEntry[]) => {
      const results = await this.applyBatch(batch, actor);
      results.forEach((result, i) => {
        if (typeof result.outcome === 'string') report[result.outcome] += 1;
        else {
          report.failedCount += 1;
          if (report.failed.length < MAX_REPORTED_FAILURES)
            report.failed.push({ line: result.line, error: cut(result.outcome.error) });
          const entry = batch[i];
          if (entry.error === undefined)
            onFailure?.(result.line, result.outcome.error, entry.command);
        }
      });
    };
    let batch: DatasetEntry[] = [];
    for await (const entry of entries) {
      batch.push(entry);
      if (batch.length >= IMPORT_BATCH) {
        await settle(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await settle(batch);
    return report;
  }

  /** Outcomes in the batch's order; commands of different records run at once. */
  private async applyBatch(
    batch: readonly DatasetEntry[],
    actor: Actor,
  ): Promise<{ line: number; outcome: Outcome | { error: string } }[]> {
    const outcomes: (Outcome | { error: string })[] = new Array(batch.length);
    const byRecord = new Map<string, number[]>();
    batch.forEach((entry, i) => {
      if (entry.error !== undefined) outcomes[i] = { error: entry.error };
      else {
        // A record without an id gets a new one: nothing else in the batch can touch it.
        const id = entry.command.input.id;
        const key = typeof id === 'string' ? id : `line ${entry.line}`;
        byRecord.set(key, [...(byRecord.get(key) ?? []), i]);
      }
    });
    await Promise.all(
      [...byRecord.values()].map(async (indexes) => {
        for (const i of indexes) {
          const entry = batch[i] as Extract<DatasetEntry, { command: DatasetCommand }>;
          try {
            outcomes[i] = await this.apply(entry.command, actor);
          } catch (error) {
            outcomes[i] = { error: describeFailure(error) };
          }
        }
      }),
    );
    return batch.map((entry, i) => ({ line: entry.line, outcome: outcomes[i] }));
  }

  private async apply(line: DatasetCommand, actor: Actor): Promise<Outcome> {
    const change = new ChangeDiplomaticEvent(COMMANDS[line.command], line.input, actor);
    if (line.command === 'recordEvent') {
      const result = await this.commands.execute<ChangeDiplomaticEvent, CommandResult>(change);
      return result.changed ? 'recorded' : 'unchanged';
    }
    // Read straight from this node's read model: the command line registers no query handlers.
    const changeType = line.command === 'amendEvent' ? 'AMENDED' : 'RETRACTED';
    const history = this.readSide.timeline.history(String(line.input.id));
    if (history.some((r) => r.changeType === changeType && r.reason === line.input.reason)) {
      return 'unchanged';
    }
    await this.commands.execute<ChangeDiplomaticEvent, CommandResult>(change);
    return line.command === 'amendEvent' ? 'amended' : 'retracted';
  }
}

async function* asEntries(
  commands: AsyncIterable<{ readonly ref: number; readonly line: DatasetLine }>,
): AsyncGenerator<DatasetEntry> {
  for await (const { ref, line } of commands) yield { line: ref, command: line };
}

/** Lines of newline-delimited JSON as entries; blank lines are skipped. */
async function* parsedLines(lines: AsyncIterable<SourceLine>): AsyncGenerator<DatasetEntry> {
  for await (const entry of lines) {
    if (entry.error !== undefined) yield entry;
    else if (entry.text.trim()) {
      try {
        yield { line: entry.line, command: parseLine(entry.text) };
      } catch (error) {
        yield { line: entry.line, error: describeFailure(error) };
      }
    }
  }
}

function parseLine(raw: string): DatasetCommand {
  const line = JSON.parse(raw) as Partial<DatasetCommand> | null;
  if (typeof line?.command !== 'string' || !Object.hasOwn(COMMANDS, line.command)) {
    throw new Error('command must be "recordEvent", "amendEvent" or "retractEvent"');
  }
  if (typeof line.input !== 'object' || line.input === null)
    throw new Error('input must be an object');
  return line as DatasetCommand;
}

export function describeFailure(error: unknown): string {
  if (error instanceof DomainError && error.issues.length) {
    return error.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}

function cut(message: string): string {
  if (message.length <= MAX_MESSAGE_CHARS) return message;
  // Never end on the first half of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(message[MAX_MESSAGE_CHARS - 1])
    ? MAX_MESSAGE_CHARS - 1
    : MAX_MESSAGE_CHARS;
  return `${message.slice(0, end)}…`;
}
