import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('writes read models relaxed unless told otherwise', () => {
    expect(loadConfig({}).readModelSync).toBe('relaxed');
    expect(loadConfig({ READ_MODEL_SYNC: 'normal' }).readModelSync).toBe('normal');
  });

  it('names the variable and the accepted values when READ_MODEL_SYNC is wrong', () => {
    expect(() => loadConfig({ READ_MODEL_SYNC: 'full' })).toThrow(ConfigError);
    expect(() => loadConfig({ READ_MODEL_SYNC: 'full' })).toThrow('READ_MODEL_SYNC must be relaxed or normal, got "full"');
  });

  it('refuses a port out of range, naming PORT', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow('PORT must be an integer 0-65535, got "70000"');
  });
});
