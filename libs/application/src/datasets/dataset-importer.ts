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
  /** Lines whose change is already in the store (a re-import). */
  readonly unchanged: number;
  /** The first MAX_REPORTED_FAILURES failed lines, in file order. */
  readonly failed: readonly { readonly line: number; readonly error: string }[];
  /** Every failed line, including those beyond `failed`. */
  readonly failedCount: number;
}

export type DatasetLine =
  | { command: 'recordEvent'; input: Record<string, unknown> }
  | { command: 'amendEvent'; input: Record<string, unknown> & { id: string; reason: string } };

/**
 * Imports a dataset: newline-delimited JSON, one `recordEvent` or `amendEvent` command per line,
 * applied in order through the same command handlers as the API. Re-importing changes nothing:
 * records carry fixed ids, and an amendment whose reason is already in the history is skipped.
 */
@Injectable()
export class DatasetImporter {
  constructor(
    private readonly commands: CommandBus,
    private readonly readSide: ReadSide,
  ) {}

  /** Reads the file as a stream: memory stays bounded by one capped line, whatever its size. */
  async importFile(file: string, actor: Actor): Promise<ImportReport> {
    const stream = createReadStream(file);
    try {
      return await this.importLines(ndjsonLines(stream), actor);
    } finally {
      stream.destroy();
    }
  }

  async importText(text: string, actor: Actor): Promise<ImportReport> {
    return this.importLines(ndjsonLines([Buffer.from(text, 'utf8')]), actor);
  }

  /**
   * Applies commands already parsed from some other format (research imports), through the same
   * path as a dataset's lines. `ref` is the row's line in its file, reported with a failure;
   * every failure also goes to `onFailure`, beyond the MAX_REPORTED_FAILURES kept in the report.
   * Up to `window` commands are in flight at once, so the store can commit their appends
   * together; memory stays bounded by the window. Rows are independent records: a repeated id
   * racing itself is settled by the store (one records it, the other finds it recorded).
   */
  async importCommands(
    entries: AsyncIterable<{ readonly ref: number; readonly line: DatasetLine }>,
    actor: Actor,
    options: {
      readonly window?: number;
      readonly onFailure?: (ref: number, error: string, line: DatasetLine) => void;
    } = {},
  ): Promise<ImportReport> {
    const report = emptyReport();
    const window = Math.max(1, options.window ?? 1);
    const inFlight = new Set<Promise<void>>();
    // Lines about one record wait for each other, so they apply in file order.
    const byRecord = new Map<string, Promise<void>>();
    try {
      for await (const { ref, line } of entries) {
        const id = String(line.input.id);
        const before = byRecord.get(id) ?? Promise.resolve();
        const done: Promise<void> = before
          .then(() => this.apply(line, actor))
          .then(
            (outcome) => void (report[outcome] += 1),
            (error: unknown) => {
              const message = describeFailure(error);
              addFailure(report, ref, message);
              options.onFailure?.(ref, message, line);
            },
          );
        inFlight.add(done);
        byRecord.set(id, done);
        void done.finally(() => {
          inFlight.delete(done);
          if (byRecord.get(id) === done) byRecord.delete(id);
        });
        if (inFlight.size >= window) await Promise.race(inFlight);
      }
    } finally {
      // A source that fails mid-file still lets the commands already started finish.
      await Promise.allSettled(inFlight);
    }
    return report;
  }

  private async importLines(lines: AsyncIterable<SourceLine>, actor: Actor): Promise<ImportReport> {
    const report = emptyReport();
    const fail = (line: number, error: string) => addFailure(report, line, error);
    for await (const entry of lines) {
      if (entry.error !== undefined) {
        fail(entry.line, entry.error);
        continue;
      }
      if (!entry.text.trim()) continue;
      try {
        const outcome = await this.apply(this.parseLine(entry.text), actor);
        report[outcome] += 1;
      } catch (error) {
        fail(entry.line, describeFailure(error));
      }
    }
    return report;
  }

  private parseLine(raw: string): DatasetLine {
    const line = JSON.parse(raw) as Partial<DatasetLine>;
    if (line?.command !== 'recordEvent' && line?.command !== 'amendEvent') {
      throw new Error('command must be "recordEvent" or "amendEvent"');
    }
    if (typeof line.input !== 'object' || line.input === null)
      throw new Error('input must be an object');
    return line as DatasetLine;
  }

  private async apply(
    line: DatasetLine,
    actor: Actor,
  ): Promise<'recorded' | 'amended' | 'unchanged'> {
    if (line.command === 'recordEvent') {
      const result = await this.commands.execute<ChangeDiplomaticEvent, CommandResult>(
        new ChangeDiplomaticEvent('RecordDiplomaticEvent', line.input, actor),
      );
      return result.changed ? 'recorded' : 'unchanged';
    }
    // Read straight from this node's read model: the command line registers no query handlers.
    const history = this.readSide.timeline.history(String(line.input.id));
    if (history.some((r) => r.changeType === 'AMENDED' && r.reason === line.input.reason)) {
      return 'unchanged';
    }
    await this.commands.execute<ChangeDiplomaticEvent, CommandResult>(
      new ChangeDiplomaticEvent('AmendDiplomaticEvent', line.input, actor),
    );
    return 'amended';
  }
}

type MutableReport = {
  -readonly [K in keyof ImportReport]: K extends 'failed'
    ? ImportReport['failed'][number][]
    : ImportReport[K];
};

const emptyReport = (): MutableReport => ({
  recorded: 0,
  amended: 0,
  unchanged: 0,
  failed: [],
  failedCount: 0,
});

function addFailure(report: MutableReport, line: number, error: string): void {
  report.failedCount += 1;
  if (report.failed.length < MAX_REPORTED_FAILURES) report.failed.push({ line, error: cut(error) });
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
