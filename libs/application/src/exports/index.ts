export * from './export-query';
export * from './event-export';
export * from './panel-export';
