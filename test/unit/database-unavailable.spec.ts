import { isDatabaseUnavailable } from '../../src/common/database-unavailable.js';
import { toProblem } from '../../src/common/problem.filter.js';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });
/** How TypeORM wraps what the driver threw. */
const queryFailed = (driverError: Error) => Object.assign(new Error(driverError.message), { name: 'QueryFailedError', driverError, code: (driverError as { code?: string }).code });

describe('telling a database outage from a failed query', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', withCode('ECONNRESET', 'read ECONNRESET')],
    ['a connect timeout', withCode('ETIMEDOUT', 'connect ETIMEDOUT')],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['a connection ended by its timeout', new Error('Connection terminated due to connection timeout')],
    ['no pooled connection in time', new Error('timeout exceeded when trying to connect')],
    ['a server starting up (57P03)', queryFailed(withCode('57P03', 'the database system is starting up'))],
    ['a server shutting down (57P01)', queryFailed(withCode('57P01', 'terminating connection due to administrator command'))],
    ['too many connections (53300)', withCode('53300', 'sorry, too many clients already')],
    ['a connection exception (08006)', withCode('08006', 'connection failure')],
    ['a connection never established (08001)', withCode('08001', 'could not connect')],
    ['a dual-stack connect refused twice', Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], ''), { code: undefined })],
    ['an outage given as the cause', new Error('could not load', { cause: withCode('ECONNREFUSED') })],
  ])('sees %s as the database being unavailable', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', queryFailed(withCode('23505', 'duplicate key value violates unique constraint'))],
    ['a syntax error', queryFailed(withCode('42601', 'syntax error at or near "SELEC"'))],
    ['a bad uuid', queryFailed(withCode('22P02', 'invalid input syntax for type uuid'))],
    ['a serialization failure', queryFailed(withCode('40001', 'could not serialize access'))],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a thrown string', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('sees %s as something else', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('answers an outage with 503 database_unavailable and a retry delay, naming no address', () => {
    const problem = toProblem(withCode('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.7:5432'));
    expect(problem).toMatchObject({ status: 503, code: 'database_unavailable', retryAfterSeconds: 5 });
    expect(problem.detail).not.toContain('10.0.0.7');
  });

  it('still answers any other failure with 500 internal_error', () => {
    expect(toProblem(queryFailed(withCode('23505', 'duplicate key')))).toMatchObject({ status: 500, code: 'internal_error' });
  });
});
