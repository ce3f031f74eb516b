import { createWriteStream, openSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { Injectable } from '@nestjs/common';
import {
  deepEqual,
  DomainError,
  parseRecordInput,
  researchFormat,
  type CsvMapping,
  type ResearchFormatName,
  type RowOutcome,
} from '@app/domain';
import type { Actor } from '../access-tokens/actor';
import { ReadSide } from '../infrastructure/read-side';
import { DatasetImporter, describeFailure, type DatasetLine } from './dataset-importer';
import { ResearchFileError, researchRows, type ReadProgress } from './research-rows';

export interface ResearchImportSummary {
  readonly rows: number;
  readonly recorded: number;
  /** Rows whose record is already in the archive: a re-import, a resumed import, a repeated row. */
  readonly alreadyPresent: number;
  readonly refused: number;
  readonly seconds: number;
  /** Where the refused rows went, one JSON object a line: `{ line, rowId?, reason }`. */
  readonly rejectsFile: string;
}

/**
 * Imports a research dataset file (GDELT, ICEWS, COW Diplomatic Exchange): rows are read as a
 * stream, each made a `recordEvent` command by the domain's parser for the format, and applied
 * through the same command path as every other import. Re-running an import resumes it: a row
 * whose record is already in this node's read model (same dataset, same row id, same facts) is
 * counted as already present without touching the store; one whose id is taken by different
 * facts (a repeated row id that says something else) is refused with that reason.
 */
@Injectable()
export class ResearchImporter {
  constructor(
    private readonly importer: DatasetImporter,
    private readonly readSide: ReadSide,
  ) {}

  async importFile(
    file: string,
    format: ResearchFormatName,
    actor: Actor,
    options: {
      version?: string;
      mapping?: CsvMapping;
      onProgress?: ReadProgress;
      now?: () => number;
    } = {},
  ): Promise<ResearchImportSummary> {
    const now = options.now ?? (() => performance.now());
    const started = now();
    const rejectsFile = `${file}.rejects.ndjson`;
    // Opened at once, so a place that cannot be written is refused before any row is imported.
    let fd: number;
    try {
      fd = openSync(rejectsFile, 'w');
    } catch (error) {
      throw new ResearchFileError(`${rejectsFile} cannot be written: ${(error as Error).message}`);
    }
    const rejects = createWriteStream('', { fd });
    const counts = { rows: 0, refused: 0, alreadyPresent: 0 };
    const reject = (line: number, reason: string, rowId?: string) => {
      counts.refused += 1;
      write(rejects, JSON.stringify({ line, ...(rowId ? { rowId } : {}), reason }) + '\n');
    };
    const rows = researchRows(file, researchFormat(format, options.mapping), options);
    const drained = async () => {
      if (rejects.writableNeedDrain) await once(rejects, 'drain');
    };
    const commands = this.commands(rows, counts, reject, drained);
    try {
      const report = await this.importer.importCommands(commands, actor, {
        onFailure: (line, error, command) => reject(line, error, rowIdOf(command.input)),
      });
      counts.alreadyPresent += report.unchanged;
      return {
        rows: counts.rows,
        recorded: report.recorded,
        alreadyPresent: counts.alreadyPresent,
        refused: counts.refused,
        seconds: (now() - started) / 1000,
        rejectsFile,
      };
    } finally {
      rejects.end();
      await once(rejects, 'close');
    }
  }

  /** The rows that still need a command; the others are counted (and refusals written) here. */
  private async *commands(
    rows: AsyncIterable<{ line: number; outcome: RowOutcome }>,
    counts: { rows: number; alreadyPresent: number },
    reject: (line: number, reason: string, rowId?: string) => void,
    drained: () => Promise<void>,
  ): AsyncGenerator<{ ref: number; line: DatasetLine }> {
    for await (const { line, outcome } of rows) {
      await drained();
      if (outcome.kind === 'skip') continue;
      counts.rows += 1;
      if (outcome.kind === 'refused') {
        reject(line, outcome.reason, outcome.rowId);
        continue;
      }
      const present = this.readSide.timeline.findEvent(String(outcome.input.id));
      if (present) {
        const same = this.sameFacts(outcome.input, present.facts);
        if (same === true) counts.alreadyPresent += 1;
        else reject(line, same, outcome.rowId);
        continue;
      }
      yield { ref: line, line: { command: 'recordEvent', input: outcome.input } };
    }
  }

  /** True when the row says what the stored record says; else why it is refused. */
  private sameFacts(input: Record<string, unknown>, stored: unknown): true | string {
    try {
      const { facts } = parseRecordInput(input);
      return deepEqual(facts, stored)
        ? true
        : `row id ${String((facts.provenance ?? {}).rowId)} is already recorded with different facts`;
    } catch (error) {
      return error instanceof DomainError ? describeFailure(error) : String(error);
    }
  }
}

const rowIdOf = (input: Record<string, unknown>): string | undefined => {
  const provenance = input.provenance as { rowId?: unknown } | undefined;
  return typeof provenance?.rowId === 'string' ? provenance.rowId : undefined;
};

/** Written at once; the row loop waits for the file to drain before it reads on. */
const write = (stream: WriteStream, text: string) => void stream.write(text);
