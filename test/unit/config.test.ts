import { describe, expect, it } from 'vitest';
import { loadConfig, trustProxySetting } from '../../server/config.js';

describe('config', () => {
  it('has working defaults with nothing configured: production mode, the embedded database, a kept secret', () => {
    const asked: string[] = [];
    const config = loadConfig(
      {},
      {
        secretFor: (dir) => {
          asked.push(dir);
          return 'generated-secret-generated-secret-00';
        },
      },
    );

    expect(asked).toEqual(['data']);
    expect(config).toMatchObject({
      PORT: 3000,
      PUBLIC_URL: 'http://localhost:3000',
      SQLITE_FILE: 'data/praxis.db',
      NODE_ENV: 'production',
      LOG_FORMAT: 'auto',
      sessionSecretGenerated: true,
      SESSION_SECRET: 'generated-secret-generated-secret-00',
    });
    expect(config.MONGODB_URI).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every problem at once', () => {
    const attempt = () =>
      loadConfig({ PORT: 'eighty', PUBLIC_URL: 'not a url', MONGODB_URI: 'postgres://x', SESSION_SECRET: 'short' });

    expect(attempt).toThrow(/Invalid configuration/);
    const message = (() => {
      try {
        attempt();
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/PUBLIC_URL/);
    expect(message).toMatch(/MONGODB_URI: must start with mongodb/);
    expect(message).toMatch(/SESSION_SECRET: use at least 32 random characters/);
  });

  it('takes SESSION_SECRET from the environment when it is set, and asks for one only when it is not', () => {
    const secretFor = () => {
      throw new Error('not asked when set');
    };
    const config = loadConfig({ SESSION_SECRET: 'x'.repeat(32) }, { secretFor });

    expect(config.sessionSecretGenerated).toBe(false);
    expect(config.SESSION_SECRET).toBe('x'.repeat(32));
  });

  it('lets the environment override defaults given by the caller (npm run dev asks for development)', () => {
    expect(loadConfig({}, { defaults: { NODE_ENV: 'development' } }).NODE_ENV).toBe('development');
    expect(loadConfig({ NODE_ENV: 'production' }, { defaults: { NODE_ENV: 'development' } }).NODE_ENV).toBe(
      'production',
    );
  });

  it('strips a trailing slash from PUBLIC_URL and treats blank values as unset', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://learn.example.org/', MONGODB_URI: '' }).PUBLIC_URL).toBe(
      'https://learn.example.org',
    );
    expect(loadConfig({ MONGODB_URI: '' }).MONGODB_URI).toBeUndefined();
  });

  it('translates TRUST_PROXY into what express expects', () => {
    expect(trustProxySetting('true')).toBe(true);
    expect(trustProxySetting('false')).toBe(false);
    expect(trustProxySetting('2')).toBe(2);
    expect(trustProxySetting('loopback, 10.0.0.0/8')).toBe('loopback, 10.0.0.0/8');
  });
});
