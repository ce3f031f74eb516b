/** The longest line a dataset may hold, line terminator excluded. */
export const MAX_LINE_BYTES = 1024 * 1024;

/** One line of a dataset: its decoded text, or why it cannot be read. Lines count from 1. */
export type SourceLine =
  | { readonly line: number; readonly text: string; readonly error?: undefined }
  | { readonly line: number; readonly error: string };

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Splits a byte stream into lines of UTF-8 text, holding at most one capped line in memory.
 *
 * It works on bytes rather than on decoded text (as node:readline does) for two reasons:
 * readline buffers a whole line however long before handing it over, so a single huge line
 * would be held in memory; and decoding the stream as it arrives turns invalid UTF-8 into
 * U+FFFD silently, where a dataset line with broken bytes must be refused, not stored altered.
 */
export async function* ndjsonLines(
  source: AsyncIterable<Buffer> | Iterable<Buffer>,
  maxBytes = MAX_LINE_BYTES,
): AsyncGenerator<SourceLine> {
  // fatal: broken bytes throw instead of becoming U+FFFD. ignoreBOM keeps a BOM in the text, so
  // that only the one at the very start of the file is accepted (it is cut off below); without
  // it every line would silently lose a leading BOM, since each line is decoded on its own.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let line = 1;

  const take = (piece: Buffer) => {
    if (tooLong || piece.length === 0) return;
    // Room for a CR before the newline and, on the first line, for a BOM: neither is content.
    const limit = maxBytes + 1 + (line === 1 ? BOM.length : 0);
    if (size + piece.length > limit) {
      // Past the cap the line is a failure whatever follows: drop what was kept and skip the
      // rest of its bytes as they arrive, up to the next newline.
      tooLong = true;
      parts = [];
      size = 0;
      return;
    }
    parts.push(piece);
    size += piece.length;
  };

  const finish = (): SourceLine => {
    let bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
    const wasTooLong = tooLong;
    parts = [];
    size = 0;
    tooLong = false;
    if (bytes.at(-1) === CARRIAGE_RETURN) bytes = bytes.subarray(0, -1);
    if (line === 1 && bytes.subarray(0, BOM.length).equals(BOM)) bytes = bytes.subarray(BOM.length);
    if (wasTooLong || bytes.length > maxBytes) {
      return { line, error: `line longer than ${maxBytes} bytes` };
    }
    try {
      return { line, text: decoder.decode(bytes) };
    } catch {
      return { line, error: 'line is not valid UTF-8' };
    }
  };

  for await (const chunk of source) {
    for (let start = 0; start < chunk.length;) {
      const end = chunk.indexOf(NEWLINE, start);
      take(chunk.subarray(start, end < 0 ? chunk.length : end));
      if (end < 0) break;
      yield finish();
      line += 1;
      start = end + 1;
    }
  }
  // The last line needs no newline; an empty remainder after a final newline is not a line.
  if (size > 0 || tooLong) yield finish();
}
