import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_ADMIN_TOKEN, loadConfig } from '../../server/config.ts';

describe('server configuration', () => {
  it('has safe defaults: loopback, PGlite in .packline-data, no admin token, no seed', () => {
    const c = loadConfig({}, []);
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, databaseUrl: null, adminToken: null, seed: 'none', logLevel: 'info', bodyLimit: 8 * 1024 * 1024, rateLimit: 20_000 });
    expect(c.dataDir).toMatch(/\.packline-data$/);
  });

  it('reads every variable', () => {
    const c = loadConfig({
      HOST: '0.0.0.0', PORT: '9000', DATABASE_URL: 'postgres://u@db/packline', PACKLINE_DATA_DIR: '/tmp/x', PACKLINE_ADMIN_TOKEN: 'a-long-enough-secret',
      PACKLINE_SEED: 'demo', PACKLINE_LOG_LEVEL: 'warn', PACKLINE_BODY_LIMIT: '1048576', PACKLINE_RATE_LIMIT: '600', PACKLINE_ENROL_RATE_LIMIT: '5',
    }, []);
    expect(c).toEqual({
      host: '0.0.0.0', port: 9000, databaseUrl: 'postgres://u@db/packline', dataDir: '/tmp/x', adminToken: 'a-long-enough-secret', adminTokenIsDemo: false,
      seed: 'demo', logLevel: 'warn', bodyLimit: 1_048_576, rateLimit: 600, enrolRateLimit: 5,
    });
  });

  it('uses the well-known dev token and the demo seed with --demo, unless told otherwise', () => {
    expect(loadConfig({}, ['--demo'])).toMatchObject({ adminToken: DEMO_ADMIN_TOKEN, adminTokenIsDemo: true, seed: 'demo' });
    expect(loadConfig({ PACKLINE_ADMIN_TOKEN: 'my-own-secret-token', PACKLINE_SEED: 'none' }, ['--demo'])).toMatchObject({ adminToken: 'my-own-secret-token', adminTokenIsDemo: false, seed: 'none' });
  });

  it('reports every invalid value at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', PACKLINE_SEED: 'lots', PACKLINE_LOG_LEVEL: 'loud', PACKLINE_BODY_LIMIT: '-1', PACKLINE_RATE_LIMIT: '0', PACKLINE_ADMIN_TOKEN: 'short' }, ['--verbose']);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = error instanceof ConfigError ? error.problems : [];
    expect(problems).toHaveLength(8);
    expect(problems.join('\n')).toMatch(/PORT.*DATABASE_URL.*PACKLINE_ADMIN_TOKEN.*PACKLINE_SEED.*PACKLINE_LOG_LEVEL.*PACKLINE_BODY_LIMIT.*PACKLINE_RATE_LIMIT/s);
  });
});
