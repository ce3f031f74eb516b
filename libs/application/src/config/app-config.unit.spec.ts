import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('writes read models relaxed unless told otherwise', () => {
    expect(loadConfig({}).readModelSync).toBe('relaxed');
    expect(loadConfig({ READ_MODEL_SYNC: 'normal' }).readModelSync).toBe('normal');
  });

  it('names the variable and the accepted values when READ_MODEL_SYNC is wrong', () => {
    expect(() => loadConfig({ READ_MODEL_SYNC: 'full' })).toThrow(ConfigError);
    expect(() => loadConfig({ READ_MODEL_SYNC: 'full' })).toThrow(
      'READ_MODEL_SYNC must be relaxed or normal, got "full"',
    );
  });

  it('refuses a port out of range, naming PORT', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(
      'PORT must be an integer 0-65535, got "70000"',
    );
  });
});

describe('loadConfig: feed limits', () => {
  it('keeps the feed limits at their defaults unless told otherwise', () => {
    expect(loadConfig({}).feedLimits).toEqual({
      maxConnections: 5000,
      maxSubscriptionsPerConnection: 20,
      drainTimeoutMs: 10_000,
      sendBufferBytes: 1024 * 1024,
      maxFeedsPerClient: 50,
    });
  });

  it('reads each limit from its variable', () => {
    const limits = loadConfig({
      MAX_WS_CONNECTIONS: '7',
      MAX_SUBSCRIPTIONS_PER_CONNECTION: '3',
      SLOW_CONSUMER_TIMEOUT_MS: '1000',
      WS_SEND_BUFFER_BYTES: '65536',
      MAX_FEEDS_PER_CLIENT: '2',
    }).feedLimits;
    expect(limits).toEqual({
      maxConnections: 7,
      maxSubscriptionsPerConnection: 3,
      drainTimeoutMs: 1000,
      sendBufferBytes: 65536,
      maxFeedsPerClient: 2,
    });
  });

  it.each(['0', '-1', '2.5', 'ten', '1e3', '0x10'])(
    'refuses MAX_FEEDS_PER_CLIENT=%s, naming the variable',
    (raw) => {
      expect(() => loadConfig({ MAX_FEEDS_PER_CLIENT: raw })).toThrow(ConfigError);
      expect(() => loadConfig({ MAX_FEEDS_PER_CLIENT: raw })).toThrow(
        `MAX_FEEDS_PER_CLIENT must be a whole number, at least 1, got "${raw}"`,
      );
    },
  );

  it('refuses a slow-consumer timeout that no timer can hold, naming the variable', () => {
    expect(() => loadConfig({ SLOW_CONSUMER_TIMEOUT_MS: '99999999999' })).toThrow(
      'SLOW_CONSUMER_TIMEOUT_MS must be a whole number, 0 to 2147483647, got "99999999999"',
    );
    expect(() => loadConfig({ MAX_WS_CONNECTIONS: 'many' })).toThrow(
      'MAX_WS_CONNECTIONS must be a whole number',
    );
  });
});
