import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import * as yauzl from 'yauzl';
import type { ResearchFormat, RowOutcome } from '@app/domain';
import { MAX_LINE_BYTES, ndjsonLines } from './ndjson-lines';

/** One row of a research file: where it is (line from 1), and what its format made of it. */
export interface ResearchRow {
  readonly line: number;
  readonly outcome: RowOutcome;
}

/** Bytes read so far of how many (the file's, or for a zip the entry's uncompressed size). */
export type ReadProgress = (done: number, total: number) => void;

/** Why a whole file cannot be read (not a row of it): a bad header, a broken zip. */
export class ResearchFileError extends Error {}

/**
 * The rows of a research file, read as a stream: memory holds one row (capped), never the file.
 * A `.zip` (GDELT publishes `*.export.CSV.zip`) is read from its one data entry. Tab-separated
 * formats are split on tabs, line by line (they are not quoted); CSV is parsed by csv-parse,
 * so a quoted field may hold commas, tabs and line breaks.
 */
export async function* researchRows(
  file: string,
  format: ResearchFormat,
  options: { version?: string; onProgress?: ReadProgress } = {},
): AsyncGenerator<ResearchRow> {
  const { stream, total } = /\.zip$/i.test(file)
    ? await openZipEntry(file)
    : { stream: createReadStream(file), total: (await stat(file)).size };
  let done = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      done += chunk.length;
      options.onProgress?.(done, total);
      yield chunk;
    }
  }
  try {
    const fields =
      format.layout === 'tsv' ? tabFields(counted()) : csvFields(counted(), format.delimiter);
    let read = format.hasHeader ? undefined : format.reader(undefined, options.version);
    for await (const row of fields) {
      if ('error' in row) {
        yield { line: row.line, outcome: { kind: 'refused', reason: row.error } };
        continue;
      }
      if (!read) {
        read = format.reader(row.fields, options.version);
        if ('error' in read) throw new ResearchFileError(`${file}: ${read.error}`);
        continue;
      }
      if ('error' in read) return;
      yield { line: row.line, outcome: read(row.fields) };
    }
  } finally {
    stream.destroy();
  }
}

type Fields = { line: number; fields: string[] } | { line: number; error: string };

async function* tabFields(chunks: AsyncIterable<Buffer>): AsyncGenerator<Fields> {
  for await (const entry of ndjsonLines(chunks)) {
    if (entry.error !== undefined) yield { line: entry.line, error: entry.error };
    else if (entry.text !== '') yield { line: entry.line, fields: entry.text.split('\t') };
  }
}

async function* csvFields(chunks: AsyncIterable<Buffer>, delimiter = ','): AsyncGenerator<Fields> {
  const source = Readable.from(chunks);
  const parser = source.pipe(
    parse({
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_LINE_BYTES,
    }),
  );
  const records = (parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)[
    Symbol.asyncIterator
  ]();
  try {
    for (;;) {
      let next: IteratorResult<{ record: string[]; info: { lines: number } }>;
      try {
        next = await records.next();
      } catch (error) {
        // csv-parse stops at a broken quote: the rest of the file cannot be split into rows.
        throw new ResearchFileError(`CSV cannot be read further: ${(error as Error).message}`);
      }
      if (next.done) return;
      yield { line: next.value.info.lines, fields: next.value.record };
    }
  } finally {
    // Destroyed, not awaited: a reader that stops early (a bad header) must not see the
    // parser's "premature close" in place of its own reason.
    parser.destroy();
    source.destroy();
  }
}

/** The data entry of a zip: the only file in it, or the one named `*.csv`. */
function openZipEntry(file: string): Promise<{ stream: Readable; total: number }> {
  return new Promise((resolve, reject) => {
    // autoClose would close the file once the entries are listed, before the one read is opened.
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (error || !zip) return reject(new ResearchFileError(`${file}: not a readable zip`));
      const entries: yauzl.Entry[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith('/')) entries.push(entry);
        zip.readEntry();
      });
      zip.on('error', () => reject(new ResearchFileError(`${file}: not a readable zip`)));
      zip.on('end', () => {
        const entry =
          entries.length === 1 ? entries[0] : entries.find((e) => /\.csv$/i.test(e.fileName));
        if (!entry) {
          zip.close();
          return reject(new ResearchFileError(`${file}: no single data file (*.csv) in the zip`));
        }
        zip.openReadStream(entry, (openError, stream) => {
          if (openError || !stream) {
            zip.close();
            return reject(new ResearchFileError(`${file}: ${entry.fileName} cannot be read`));
          }
          stream.once('close', () => zip.close());
          resolve({ stream, total: entry.uncompressedSize });
        });
      });
      zip.readEntry();
    });
  });
}
