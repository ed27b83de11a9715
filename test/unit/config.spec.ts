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
      host: '0.0.0.0',
      publicUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      redisUrl: undefined,
      dataDir: './data',
      smtpUrl: undefined,
      mailFrom: 'Assay <assay@localhost>',
      maxUploadBytes: 52_428_800,
      maxSampleBytes: 524_288_000,
      adminEmail: undefined,
      adminPassword: undefined,
      logLevel: 'info',
      sessionTtlHours: 12,
      queuePrefix: 'assay',
      outboxPollMs: 2000,
      decisionPolicy: {
        reassessmentMonths: { critical: 6, high: 12, medium: 24, low: 36 },
        approvalMonthsByResidual: { severe: 3, high: 6, moderate: 12, low: null },
        riskAcceptance: { low: { maxMonths: 12, approvers: 1 }, medium: { maxMonths: 12, approvers: 1 }, high: { maxMonths: 6, approvers: 2 }, critical: null },
      },
      trustProxy: false,
      rateLimitPerMinute: 600,
      corsOrigins: [],
      headersTimeoutMs: 20_000,
      requestTimeoutMs: 300_000,
      keepAliveTimeoutMs: 5_000,
      bodyIdleTimeoutMs: 30_000,
      validationRetentionDays: 90,
      portalDir: 'dist/web',
      localLogin: 'all',
    });
  });

  it('reads the decision policy and refuses a malformed one, naming the setting', () => {
    const config = loadConfig({ REASSESSMENT_MONTHS: 'high=9', APPROVAL_MONTHS_BY_RESIDUAL: 'severe=2,low=24', RISK_ACCEPTANCE_POLICY: 'medium=6:2,critical=3:2' });
    expect(config.decisionPolicy.reassessmentMonths.high).toBe(9);
    expect(config.decisionPolicy.approvalMonthsByResidual).toMatchObject({ severe: 2, low: 24, high: 6 });
    expect(config.decisionPolicy.riskAcceptance).toMatchObject({ medium: { maxMonths: 6, approvers: 2 }, critical: { maxMonths: 3, approvers: 2 }, low: { maxMonths: 12, approvers: 1 } });
    expect(errorOf({ RISK_ACCEPTANCE_POLICY: 'high=6:3' }).message).toMatch(/^RISK_ACCEPTANCE_POLICY: "high=6:3"/);
    expect(errorOf({ APPROVAL_MONTHS_BY_RESIDUAL: 'extreme=1' }).message).toMatch(/^APPROVAL_MONTHS_BY_RESIDUAL/);
    expect(errorOf({ REASSESSMENT_MONTHS: 'high=0' }).message).toMatch(/^REASSESSMENT_MONTHS/);
    expect(errorOf({ REASSESSMENT_MONTHS: 'high=0' })).toBeInstanceOf(ConfigError);
  });

  it.each([
    ['APPROVAL_MONTHS_BY_RESIDUAL', 'constructor=3'],
    ['APPROVAL_MONTHS_BY_RESIDUAL', 'toString=none'],
    ['APPROVAL_MONTHS_BY_RESIDUAL', '__proto__=3'],
    ['REASSESSMENT_MONTHS', 'constructor=3'],
    ['RISK_ACCEPTANCE_POLICY', 'constructor=3'],
  ])('refuses %s=%j: a name every object has is not a level', (name, value) => {
    const error = errorOf({ [name]: value });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(new RegExp(`^${name}`));
  });

  it('takes a body idle timeout, 30 s by default, never longer than the request timeout', () => {
    expect(loadConfig({}).bodyIdleTimeoutMs).toBe(30_000);
    expect(loadConfig({ HTTP_BODY_IDLE_TIMEOUT_MS: '5000' }).bodyIdleTimeoutMs).toBe(5000);
    expect(loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '3000' }).bodyIdleTimeoutMs).toBe(3000);
    expect(errorOf({ HTTP_BODY_IDLE_TIMEOUT_MS: '50' }).message).toContain('HTTP_BODY_IDLE_TIMEOUT_MS');
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
      MAX_SAMPLE_BYTES: '2097152',
      ASSAY_ADMIN_EMAIL: 'Root@Bank.Example',
      ASSAY_ADMIN_PASSWORD: 'twelve-chars',
      LOG_LEVEL: 'debug',
      SESSION_TTL_HOURS: '8',
      OUTBOX_POLL_MS: '500',
      HOST: '127.0.0.1',
      TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,fd00::/8',
      RATE_LIMIT_PER_MINUTE: '0',
      CORS_ORIGINS: 'https://portal.bank.example, http://localhost:5173/',
      HTTP_HEADERS_TIMEOUT_MS: '10000',
      HTTP_REQUEST_TIMEOUT_MS: '600000',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000',
      VALIDATION_RETENTION_DAYS: '30',
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
      maxSampleBytes: 2_097_152,
      adminEmail: 'root@bank.example',
      adminPassword: 'twelve-chars',
      logLevel: 'debug',
      sessionTtlHours: 8,
      outboxPollMs: 500,
      host: '127.0.0.1',
      trustProxy: ['10.0.0.0/8', '192.168.1.7', 'fd00::/8'],
      rateLimitPerMinute: 0,
      corsOrigins: ['https://portal.bank.example', 'http://localhost:5173'],
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 600_000,
      keepAliveTimeoutMs: 65_000,
      validationRetentionDays: 30,
      portalDir: '/srv/assay/web',
      localLogin: 'all',
    });
  });

  it.each([
    ['true', true],
    ['false', false],
    ['2', 2],
    ['::1', ['::1']],
  ])('reads TRUST_PROXY=%j as %j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
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
    ['VALIDATION_RETENTION_DAYS', '0'],
    ['VALIDATION_RETENTION_DAYS', '90d'],
    ['SESSION_TTL_HOURS', String(24 * 90 + 1)],
    ['OUTBOX_POLL_MS', '49'],
    ['OUTBOX_POLL_MS', '60001'],
    ['HOST', 'not a host'],
    ['HOST', 'http://0.0.0.0'],
    ['TRUST_PROXY', 'yes'],
    ['TRUST_PROXY', '0'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', '10.0.0.1,proxy.internal'],
    ['TRUST_PROXY', '10.0.0.0/8/1'],
    ['RATE_LIMIT_PER_MINUTE', '-5'],
    ['RATE_LIMIT_PER_MINUTE', 'lots'],
    ['CORS_ORIGINS', '*'],
    ['CORS_ORIGINS', 'portal.bank.example'],
    ['CORS_ORIGINS', 'https://portal.bank.example/app'],
    ['CORS_ORIGINS', 'ftp://portal.bank.example'],
    ['HTTP_HEADERS_TIMEOUT_MS', '99'],
    ['HTTP_REQUEST_TIMEOUT_MS', '1s'],
    ['HTTP_KEEP_ALIVE_TIMEOUT_MS', '0'],
  ])('refuses %s=%j with an error naming the variable', (name, value) => {
    const error = errorOf({ [name]: value });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(name);
  });

  it('refuses a header timeout longer than the request timeout, which Node would never reach', () => {
    const error = errorOf({ HTTP_HEADERS_TIMEOUT_MS: '60000', HTTP_REQUEST_TIMEOUT_MS: '30000' });
    expect(error.message).toContain('HTTP_HEADERS_TIMEOUT_MS');
  });

  it('refuses an ASSAY_ variable it does not know, so a typo is not silently ignored', () => {
    const error = errorOf({ ASSAY_ADMIN_PASSWRD: 'twelve-chars-long' });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('ASSAY_ADMIN_PASSWRD');
  });

  it('ignores variables that are not its own', () => {
    expect(() => loadConfig({ HOME: '/home/assay', NODE_ENV: 'production', ASSAYER: 'x' })).not.toThrow();
  });

  describe('single sign-on', () => {
    const OIDC = { OIDC_ISSUER: 'https://login.bank.example/realms/staff/', OIDC_CLIENT_ID: 'assay', OIDC_ROLE_CLAIM: 'groups', OIDC_ROLE_MAP: 'assay-risk=risk_manager' };

    it('is off, with passwords for everyone, when nothing is set', () => {
      expect(loadConfig({})).toMatchObject({ oidc: undefined, localLogin: 'all' });
    });

    it('reads the provider, the client, the role claim and map, and the scopes', () => {
      const config = loadConfig({ ...OIDC, OIDC_CLIENT_SECRET: 's3cret', OIDC_SCOPES: 'openid  email groups', LOCAL_LOGIN: 'vendors-only' });
      expect(config.localLogin).toBe('vendors-only');
      expect(config.oidc).toMatchObject({ issuer: 'https://login.bank.example/realms/staff', clientId: 'assay', clientSecret: 's3cret', roleClaim: 'groups', scopes: 'openid email groups' });
      expect([...config.oidc!.roleMap]).toEqual([['assay-risk', 'risk_manager']]);
      expect(loadConfig(OIDC).oidc).toMatchObject({ scopes: 'openid email profile', clientSecret: undefined });
    });

    it('allows plain http only for a provider on this machine', () => {
      expect(loadConfig({ ...OIDC, OIDC_ISSUER: 'http://127.0.0.1:9000' }).oidc?.issuer).toBe('http://127.0.0.1:9000');
      expect(loadConfig({ ...OIDC, OIDC_ISSUER: 'http://localhost:9000' }).oidc?.issuer).toBe('http://localhost:9000');
      expect(errorOf({ ...OIDC, OIDC_ISSUER: 'http://login.bank.example' }).message).toBe('OIDC_ISSUER must start with https:// (http:// only for localhost)');
    });

    it.each([
      [{ OIDC_ISSUER: 'https://login.bank.example' }, 'OIDC_ISSUER is set but OIDC_CLIENT_ID is not'],
      [{ OIDC_CLIENT_ID: 'assay' }, 'OIDC_CLIENT_ID is set but OIDC_ISSUER is not'],
      [{ OIDC_ROLE_MAP: 'g=admin' }, 'OIDC_ROLE_MAP is set but OIDC_ISSUER and OIDC_CLIENT_ID are not'],
      [{ ...OIDC, OIDC_ISSUER: 'not a url' }, 'OIDC_ISSUER is not a valid URL'],
      [{ ...OIDC, OIDC_ROLE_CLAIM: '' }, 'OIDC_ROLE_CLAIM must name the claim that carries the groups (e.g. groups)'],
      [{ ...OIDC, OIDC_ROLE_MAP: '' }, 'OIDC_ROLE_MAP must map at least one claim value to a staff role (e.g. assay-risk=risk_manager)'],
      [{ ...OIDC, OIDC_ROLE_MAP: 'assay-vendors=vendor' }, 'OIDC_ROLE_MAP: "vendor" is not a staff role (admin, procurement, risk_manager, auditor)'],
      [{ ...OIDC, OIDC_SCOPES: 'email profile' }, 'OIDC_SCOPES must include openid'],
      [{ ...OIDC, LOCAL_LOGIN: 'staff' }, 'LOCAL_LOGIN must be all or vendors-only, got "staff"'],
      [{ LOCAL_LOGIN: 'vendors-only' }, 'LOCAL_LOGIN=vendors-only needs single sign-on: set OIDC_ISSUER and OIDC_CLIENT_ID'],
    ])('refuses %j with one line naming the setting', (env, message) => {
      const error = errorOf(env as Record<string, string>);
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toBe(message);
    });
  });
});
