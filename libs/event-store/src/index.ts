export * from './event-store.port';
export * from './errors';
export { newEventId, isUuid } from './uuid';
export {
  prepareAppend,
  checkStreamName,
  DEFAULT_MAX_EVENT_BYTES,
  MAX_STREAM_NAME_LENGTH,
  MAX_EVENT_TYPE_LENGTH,
  type PreparedEvent,
  type AppendLimits,
} from './validate-append';
export {
  openSqliteEventStore,
  type SqliteEventStore,
  type SqliteEventStoreOptions,
} from './sqlite/sqlite-event-store';
export { EventStoreFileError, SCHEMA_VERSION } from './sqlite/schema';
