/** Injection tokens for the ports and plain values the application depends on. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
export const CLOCK = Symbol('CLOCK');
export const ID_GENERATOR = Symbol('ID_GENERATOR');

/** The current instant; injected so handlers and tests never call `new Date()` themselves. */
export type Clock = () => Date;
/** A new record id (UUID). */
export type IdGenerator = () => string;
