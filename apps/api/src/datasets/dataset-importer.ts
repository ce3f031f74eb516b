import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { DomainError } from '@app/domain';
import type { RevisionView } from '@app/projections';
import type { Actor } from '../auth/actor';
import { AmendEvent, RecordEvent, type CommandResult } from '../diplomatic-events/commands';
import { GetEventHistory } from '../diplomatic-events/queries';

export interface ImportReport {
  readonly recorded: number;
  readonly amended: number;
  /** Lines whose change is already in the store (a re-import). */
  readonly unchanged: number;
  readonly failed: readonly { readonly line: number; readonly error: string }[];
}

type DatasetLine =
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
    private readonly queries: QueryBus,
  ) {}

  async importFile(file: string, actor: Actor): Promise<ImportReport> {
    return this.importText(readFileSync(file, 'utf8'), actor);
  }

  async importText(text: string, actor: Actor): Promise<ImportReport> {
    const report = { recorded: 0, amended: 0, unchanged: 0, failed: [] as ImportReport['failed'][number][] };
    const lines = text.split(/\r?\n/);
    for (const [index, raw] of lines.entries()) {
      if (!raw.trim()) continue;
      try {
        const outcome = await this.apply(this.parseLine(raw), actor);
        report[outcome] += 1;
      } catch (error) {
        report.failed.push({ line: index + 1, error: describe(error) });
      }
    }
    return report;
  }

  private parseLine(raw: string): DatasetLine {
    const line = JSON.parse(raw) as Partial<DatasetLine>;
    if (line?.command !== 'recordEvent' && line?.command !== 'amendEvent') {
      throw new Error('command must be "recordEvent" or "amendEvent"');
    }
    if (typeof line.input !== 'object' || line.input === null) throw new Error('input must be an object');
    return line as DatasetLine;
  }

  private async apply(line: DatasetLine, actor: Actor): Promise<'recorded' | 'amended' | 'unchanged'> {
    if (line.command === 'recordEvent') {
      const result = await this.commands.execute<RecordEvent, CommandResult>(new RecordEvent(line.input, actor));
      return result.changed ? 'recorded' : 'unchanged';
    }
    const history = await this.queries.execute<GetEventHistory, RevisionView[]>(
      new GetEventHistory(String(line.input.id)),
    );
    if (history.some((r) => r.changeType === 'AMENDED' && r.reason === line.input.reason)) {
      return 'unchanged';
    }
    await this.commands.execute<AmendEvent, CommandResult>(new AmendEvent(line.input, actor));
    return 'amended';
  }
}

function describe(error: unknown): string {
  if (error instanceof DomainError && error.issues.length) {
    return error.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}
