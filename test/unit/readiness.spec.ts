import { readinessOf } from '../../src/health/readiness.js';

describe('readiness: can this process serve?', () => {
  it.each([
    [{ database: 'ok', queue: 'ok' }, 'ok'],
    [{ database: 'ok', queue: 'degraded' }, 'degraded'],
    [{ database: 'ok', queue: 'ok', sweep: 'degraded' }, 'degraded'],
    [{ database: 'down', queue: 'ok' }, 'unavailable'],
    [{ database: 'down', queue: 'degraded' }, 'unavailable'],
  ] as const)('with %j the status is %s', (checks, status) => {
    expect(readinessOf({ ...checks })).toEqual({ status, checks });
  });
});
