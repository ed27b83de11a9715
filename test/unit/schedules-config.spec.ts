import { ConfigError } from '../../src/config/config.js';
import { loadSchedulesConfig } from '../../src/schedules/schedules.config.js';

describe('schedule settings', () => {
  it('sweeps every 5 minutes and opens reassessments 45 days ahead unless told otherwise', () => {
    expect(loadSchedulesConfig({})).toEqual({ sweepIntervalSeconds: 300, reassessmentLeadDays: 45 });
  });

  it('reads both from the environment', () => {
    expect(loadSchedulesConfig({ SWEEP_INTERVAL_SECONDS: '60', REASSESSMENT_LEAD_DAYS: '90' })).toEqual({ sweepIntervalSeconds: 60, reassessmentLeadDays: 90 });
  });

  it.each([
    ['SWEEP_INTERVAL_SECONDS', 'often'],
    ['SWEEP_INTERVAL_SECONDS', '5'],
    ['REASSESSMENT_LEAD_DAYS', '-1'],
    ['REASSESSMENT_LEAD_DAYS', '400'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadSchedulesConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadSchedulesConfig({ [name]: value })).toThrow(name);
  });
});
