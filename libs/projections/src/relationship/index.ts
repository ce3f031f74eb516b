export * from './schema';
export * from './segments';
export * from './projection';
export * from './queries';
