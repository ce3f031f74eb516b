export * from './schema';
export * from './projection';
export * from './filter';
export * from './record-view';
export * from './feed-versions';
export * from './queries';
export * from './aggregate-queries';
