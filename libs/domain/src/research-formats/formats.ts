import { cowDipexReader } from './cow-dipex';
import { csvMappingReader, type CsvMapping } from './csv-mapping';
import { readGdeltRow } from './gdelt';
import { icewsReader } from './icews';
import type { RowReader } from './research-row';

export const RESEARCH_FORMATS = ['gdelt', 'icews', 'cow-dipex', 'csv'] as const;
export type ResearchFormatName = (typeof RESEARCH_FORMATS)[number];

/** How a format's files are laid out, and the reader of its rows. */
export interface ResearchFormat {
  readonly name: ResearchFormatName;
  /** Tab-separated files are not quoted (GDELT, ICEWS); CSV fields may be. */
  readonly layout: 'tsv' | 'csv';
  readonly hasHeader: boolean;
  /** For CSV: the field separator. */
  readonly delimiter?: string;
  /** The row reader, once the header (if the format has one) is known. */
  readonly reader: (
    header: readonly string[] | undefined,
    version?: string,
  ) => RowReader | { readonly error: string };
}

const FORMATS: Readonly<Record<Exclude<ResearchFormatName, 'csv'>, ResearchFormat>> = {
  gdelt: { name: 'gdelt', layout: 'tsv', hasHeader: false, reader: () => readGdeltRow },
  icews: {
    name: 'icews',
    layout: 'tsv',
    hasHeader: true,
    reader: (header, version) => icewsReader(header ?? [], version),
  },
  'cow-dipex': {
    name: 'cow-dipex',
    layout: 'csv',
    hasHeader: true,
    reader: (header, version) => cowDipexReader(header ?? [], version),
  },
};

export const isResearchFormat = (name: string): name is ResearchFormatName =>
  (RESEARCH_FORMATS as readonly string[]).includes(name);

/** The format of that name; `csv` needs its mapping (see csv-mapping.ts). */
export const researchFormat = (name: ResearchFormatName, mapping?: CsvMapping): ResearchFormat => {
  if (name !== 'csv') return FORMATS[name];
  if (!mapping) throw new Error('the csv format needs a mapping');
  return {
    name,
    layout: 'csv',
    hasHeader: true,
    delimiter: mapping.delimiter,
    reader: (header) => csvMappingReader(mapping, header ?? []),
  };
};
