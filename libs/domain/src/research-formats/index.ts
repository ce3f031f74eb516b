export {
  RESEARCH_ID_NAMESPACE,
  researchEventId,
  type RowOutcome,
  type RowReader,
} from './research-row';
export {
  fromCameoCountry,
  fromCountryName,
  fromCowCountry,
  fromFipsCountry,
  type Mapped,
} from './country-mapping';
export { GDELT_V1_COLUMNS, GDELT_V2_COLUMNS, readGdeltRow } from './gdelt';
export { ICEWS_COLUMNS, icewsReader } from './icews';
export { COW_DIPEX_COLUMNS, cowDipexReader } from './cow-dipex';
export { COUNTRY_SCHEMES, csvMappingReader, parseCsvMapping, type CsvMapping } from './csv-mapping';
export * from './formats';
