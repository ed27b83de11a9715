import { ConfigError } from '../../src/config/config.js';
import { loadNotificationsConfig } from '../../src/notifications/notifications.config.js';
import { loadReportsConfig } from '../../src/reports/reports.config.js';

describe('recovery settings', () => {
  it('rebuilds a report silent for 10 minutes, 3 builds at most, unless told otherwise', () => {
    expect(loadReportsConfig({})).toEqual({ stallSeconds: 600, maxBuilds: 3 });
    expect(loadReportsConfig({ REPORT_STALL_SECONDS: '120', REPORT_MAX_BUILDS: '5' })).toEqual({ stallSeconds: 120, maxBuilds: 5 });
  });

  it('sends an interrupted e-mail again after 5 minutes, 5 sends at most, unless told otherwise', () => {
    expect(loadNotificationsConfig({})).toEqual({ retryGraceSeconds: 300, maxAttempts: 5 });
    expect(loadNotificationsConfig({ MAIL_RETRY_GRACE_SECONDS: '30', MAIL_MAX_ATTEMPTS: '2' })).toEqual({ retryGraceSeconds: 30, maxAttempts: 2 });
  });

  it.each([
    ['REPORT_STALL_SECONDS', '1', loadReportsConfig],
    ['REPORT_STALL_SECONDS', 'soon', loadReportsConfig],
    ['REPORT_MAX_BUILDS', '0', loadReportsConfig],
    ['MAIL_RETRY_GRACE_SECONDS', '0', loadNotificationsConfig],
    ['MAIL_MAX_ATTEMPTS', '51', loadNotificationsConfig],
    ['MAIL_MAX_ATTEMPTS', '-1', loadNotificationsConfig],
  ] as const)('refuses %s=%s, naming the variable', (name, value, load) => {
    expect(() => load({ [name]: value })).toThrow(ConfigError);
    expect(() => load({ [name]: value })).toThrow(name);
  });
});
