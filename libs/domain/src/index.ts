export * from './errors';
export * from './diplomatic-event/vocabulary';
export * from './diplomatic-event/facts';
export * from './diplomatic-event/events';
export * from './diplomatic-event/commands';
