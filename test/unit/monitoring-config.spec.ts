import { ConfigError } from '../../src/config/config.js';
import { loadMonitoringConfig } from '../../src/monitoring/monitoring.config.js';

describe('monitoring and incident settings', () => {
  it('defaults to reassessing on red and on severe incidents, with incident days counted in Brussels', () => {
    expect(loadMonitoringConfig({})).toMatchObject({ reassessOnRed: true, reassessOnIncident: true, incidentTimeZone: 'Europe/Brussels', colourPolicy: { consecutiveAmbersForFinding: 2 } });
  });

  it('reads each setting', () => {
    const config = loadMonitoringConfig({ INCIDENT_TIME_ZONE: 'UTC', INCIDENT_REASSESS: 'false', MONITORING_RED_REASSESS: 'FALSE', MONITORING_AMBERS_FOR_FINDING: '3' });
    expect(config).toMatchObject({ reassessOnRed: false, reassessOnIncident: false, incidentTimeZone: 'UTC', colourPolicy: { consecutiveAmbersForFinding: 3 } });
  });

  it.each([
    ['INCIDENT_TIME_ZONE', 'Mars/Olympus'],
    ['INCIDENT_REASSESS', 'yes'],
    ['MONITORING_RED_REASSESS', '1'],
    ['MONITORING_AMBERS_FOR_FINDING', '0'],
    ['MONITORING_AMBERS_FOR_FINDING', 'two'],
  ])('refuses %s=%s at boot', (name, value) => {
    expect(() => loadMonitoringConfig({ [name]: value })).toThrow(ConfigError);
  });
});
