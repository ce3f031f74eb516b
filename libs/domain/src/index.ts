export * from './errors';
export * from './diplomatic-event/vocabulary';
export * from './diplomatic-event/facts';
export * from './diplomatic-event/events';
export * from './diplomatic-event/commands';
export * from './diplomatic-event/consistency';
export * from './diplomatic-event/decider';
export {
  FACT_FIELDS,
  parseAmendInput,
  parseRecordInput,
  parseRetractInput,
  type ParsedAmendment,
  type ParsedRecord,
  type ParsedRetraction,
} from './diplomatic-event/input/parse-input';
export { EFFECT_FIELDS } from './diplomatic-event/input/effects';
export { readCountry } from './diplomatic-event/input/read';
export { LIMITS as INPUT_LIMITS } from './diplomatic-event/input/fact-fields';
export * from './diplomatic-event/filter/parse-event-filter';
export * from './relationship/between';
export * from './text/text-rules';
export * from './time/occurred';
export * from './time/iso-day';
export * from './time/series';
export * from './countries/countries';
export * from './countries/country-names';
export * from './taxonomy/cameo-entry';
export * from './taxonomy/cameo';
export { buildCameoTable, type CameoSourceFiles } from './taxonomy/build-cameo-table';
export * from './relationship/relationship-state';
export * from './relationship/effect-key';
export * from './relationship/relationship-at';
export * from './relationship/breakpoints';
export * from './relationship/diff-states';
export * from './relationship/dated-changes';
export { deepEqual } from './util/deep-equal';
export * from './relationship/key-timeline';
export * from './research-formats/index';
