import { inspect } from 'node:util';
import { ConsoleLogger, type LogLevel } from '@nestjs/common';

// Every C0 control (tab and newline too: a value must not be able to start a line of its own
// that looks like the program's), DEL, the C1 controls (0x9b alone starts an escape sequence on
// some terminals), and the bidi embeddings, overrides and isolates, which reorder what is shown.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text that did not come from the program itself (a dataset's lines, error messages quoting
 * them, command-line arguments, stored token names), made inert for a terminal: each control
 * character is shown as its escape, e.g. ESC as `\u001b`, instead of being sent to the terminal.
 */
export function printable(text: unknown): string {
  return String(text).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Multi-line text (a stack trace) keeps its line breaks; every line is made printable. */
const printableLines = (text: string) => text.split('\n').map(printable).join('\n');

/**
 * The framework's logger, printing messages and stack traces through `printable`: an error raised
 * while the application starts may quote configuration or stored values.
 */
export class TerminalLogger extends ConsoleLogger {
  protected override stringifyMessage(message: unknown, logLevel: LogLevel): string {
    const resolved = this.resolveMessage(message);
    // Inspected without colours, so that the only escape sequences left are the logger's own.
    const text =
      typeof resolved === 'string'
        ? resolved
        : inspect(resolved, { ...this.getInspectOptions(), colors: false });
    return this.colorize(printableLines(text), logLevel);
  }

  protected override printStackTrace(stack: string): void {
    super.printStackTrace(stack && printableLines(stack));
  }
}
