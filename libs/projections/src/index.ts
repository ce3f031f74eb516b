export * from './read-model-db';
export * from './projection';
export * from './projector';
export * from './result-cache';
export * from './recent-cache';
export * from './timeline';
export * from './access-tokens';
export * from './relationship';
