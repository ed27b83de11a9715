import { ConfigError, loadConfig } from '../../src/config/config.js';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('configuration from the environment', () => {
  it('starts with sensible defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      redisUrl: undefined,
      dataDir: './data',
      smtpUrl: undefined,
      mailFrom: 'Assay <assay@localhost>',
      maxUploadBytes: 52_428_800,
      adminEmail: undefined,
      adminPassword: undefined,
      logLevel: 'info',
      sessionTtlHours: 12,
      queuePrefix: 'assay',
      outboxPollMs: 2000,
      portalDir: 'dist/web',
    });
  });

  it('treats blank values as unset and trims the others', () => {
    const config = loadConfig({ PORT: '  ', LOG_LEVEL: '', DATA_DIR: ' /var/lib/assay ', QUEUE_PREFIX: 'tenant-a ' });
    expect(config).toMatchObject({ port: 3000, logLevel: 'info', dataDir: '/var/lib/assay', queuePrefix: 'tenant-a' });
  });

  it('reads every setting it knows', () => {
    const config = loadConfig({
      PORT: '8080',
      PUBLIC_URL: 'https://assay.bank.example/',
      DATABASE_URL: 'postgresql://assay@db:5432/assay',
      REDIS_URL: 'rediss://cache:6380/2',
      SMTP_URL: 'smtps://mail.bank.example:465',
      MAIL_FROM: 'Risk Team <risk@bank.example>',
      MAX_UPLOAD_BYTES: '1048576',
      ASSAY_ADMIN_EMAIL: 'Root@Bank.Example',
      ASSAY_ADMIN_PASSWORD: 'twelve-chars',
      LOG_LEVEL: 'debug',
      SESSION_TTL_HOURS: '8',
      OUTBOX_POLL_MS: '500',
      PORTAL_DIR: '/srv/assay/web',
    });
    expect(config).toMatchObject({
      port: 8080,
      publicUrl: 'https://assay.bank.example',
      databaseUrl: 'postgresql://assay@db:5432/assay',
      redisUrl: 'rediss://cache:6380/2',
      smtpUrl: 'smtps://mail.bank.example:465',
      mailFrom: 'Risk Team <risk@bank.example>',
      maxUploadBytes: 1_048_576,
      adminEmail: 'root@bank.example',
      adminPassword: 'twelve-chars',
      logLevel: 'debug',
      sessionTtlHours: 8,
      outboxPollMs: 500,
      portalDir: '/srv/assay/web',
    });
  });

  it('derives the public URL from the port when it is not set', () => {
    expect(loadConfig({ PORT: '4100' }).publicUrl).toBe('http://localhost:4100');
  });

  it.each([
    ['PORT', 'http'],
    ['PORT', '-1'],
    ['PORT', '3.5'],
    ['PORT', '65536'],
    ['LOG_LEVEL', 'verbose'],
    ['PUBLIC_URL', 'assay.bank.example'],
    ['PUBLIC_URL', 'ftp://assay.bank.example'],
    ['DATABASE_URL', 'mysql://db/assay'],
    ['DATABASE_URL', 'not a url'],
    ['REDIS_URL', 'http://cache:6379'],
    ['SMTP_URL', 'http://mail.bank.example'],
    ['MAIL_FROM', 'assay'],
    ['MAIL_FROM', 'Assay <assay>'],
    ['MAX_UPLOAD_BYTES', '0'],
    ['MAX_UPLOAD_BYTES', '50MB'],
    ['MAX_UPLOAD_BYTES', String(11 * 1024 ** 3)],
    ['ASSAY_ADMIN_EMAIL', 'admin'],
    ['ASSAY_ADMIN_EMAIL', 'Admin <admin@bank.example>'],
    ['ASSAY_ADMIN_PASSWORD', 'short'],
    ['SESSION_TTL_HOURS', '0'],
    ['SESSION_TTL_HOURS', String(24 * 90 + 1)],
    ['OUTBOX_POLL_MS', '49'],
    ['OUTBOX_POLL_MS', '60001'],
  ])('refuses %s=%j with an error naming the variable', (name, value) => {
    const error = errorOf({ [name]: value });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(name);
  });

  it('refuses an ASSAY_ variable it does not know, so a typo is not silently ignored', () => {
    const error = errorOf({ ASSAY_ADMIN_PASSWRD: 'twelve-chars-long' });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('ASSAY_ADMIN_PASSWRD');
  });

  it('ignores variables that are not its own', () => {
    expect(() => loadConfig({ HOME: '/home/assay', NODE_ENV: 'production', ASSAYER: 'x' })).not.toThrow();
  });
});
