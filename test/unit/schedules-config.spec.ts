import { ConfigError } from '../../src/config/config.js';
import { loadSchedulesConfig } from '../../src/schedules/schedules.config.js';

describe('schedule settings', () => {
  it('sweeps every 5 minutes, checks its schedule every minute and opens reassessments 45 days ahead unless told otherwise', () => {
    expect(loadSchedulesConfig({})).toEqual({ sweepIntervalSeconds: 300, sweepEnsureSeconds: 60, reassessmentLeadDays: 45 });
  });

  it('reads all three from the environment', () => {
    expect(loadSchedulesConfig({ SWEEP_INTERVAL_SECONDS: '60', SWEEP_ENSURE_SECONDS: '15', REASSESSMENT_LEAD_DAYS: '90' })).toEqual({
      sweepIntervalSeconds: 60,
      sweepEnsureSeconds: 15,
      reassessmentLeadDays: 90,
    });
  });

  it.each([
    ['SWEEP_INTERVAL_SECONDS', 'often'],
    ['SWEEP_INTERVAL_SECONDS', '5'],
    ['SWEEP_ENSURE_SECONDS', '0'],
    ['SWEEP_ENSURE_SECONDS', '7200'],
    ['REASSESSMENT_LEAD_DAYS', '-1'],
    ['REASSESSMENT_LEAD_DAYS', '400'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadSchedulesConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadSchedulesConfig({ [name]: value })).toThrow(name);
  });
});
