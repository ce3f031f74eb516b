/** The part of the `edtf` package the domain uses (the package ships no type declarations). */
declare module 'edtf' {
  export interface EdtfParseResult {
    readonly type?: string;
    readonly level?: number;
    /** Date parts (month 0-based); for an interval its two ends, `Infinity` or null when open. */
    readonly values: readonly (number | EdtfParseResult | null)[];
    readonly unspecified?: number;
    readonly uncertain?: number | boolean;
    readonly approximate?: number | boolean;
  }

  export interface EdtfValue {
    readonly type: string;
    readonly edtf: string;
    /** Epoch milliseconds of the first instant covered. */
    readonly min: number;
    /** Epoch milliseconds of the last instant covered (may be Infinity or null when open). */
    readonly max: number | null;
    readonly precision?: number;
  }

  export interface EdtfConstraints {
    readonly level?: number;
    readonly types?: readonly string[];
  }

  function edtf(input: string | EdtfParseResult, constraints?: EdtfConstraints): EdtfValue;
  namespace edtf {
    function parse(input: string, constraints?: EdtfConstraints): EdtfParseResult;
  }
  export default edtf;
  export function parse(input: string, constraints?: EdtfConstraints): EdtfParseResult;
}
