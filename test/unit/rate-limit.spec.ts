import { createServer, type AddressInfo } from 'node:net';
import { ApiRateLimit, MemoryCounter, RedisCounter } from '../../src/common/rate-limit.js';

function memoryAt(start = 5_000_000) {
  let now = start;
  return { counter: new MemoryCounter(() => now), advance: (ms: number) => (now += ms) };
}

describe('the API rate limit', () => {
  it.each([
    [1, true, 2],
    [3, true, 0],
    [4, false, 0],
    [10, false, 0],
  ])('after %i requests in a minute with a limit of 3, allows: %s, remaining %i', async (requests, allowed, remaining) => {
    const limit = new ApiRateLimit(memoryAt().counter, 3);
    let decision = null;
    for (let i = 0; i < requests; i++) decision = await limit.take('token:a');
    expect(decision).toMatchObject({ allowed, remaining, limit: 3 });
  });

  it('says how long until the window starts over, in whole seconds', async () => {
    const { counter, advance } = memoryAt();
    const limit = new ApiRateLimit(counter, 1);
    await limit.take('address:10.0.0.1');
    advance(20_500);
    expect(await limit.take('address:10.0.0.1')).toMatchObject({ allowed: false, retryAfterSeconds: 40 });
  });

  it('starts over when the minute has passed', async () => {
    const { counter, advance } = memoryAt();
    const limit = new ApiRateLimit(counter, 2);
    for (let i = 0; i < 3; i++) await limit.take('token:a');
    advance(60_000);
    expect(await limit.take('token:a')).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('keeps keys apart', async () => {
    const limit = new ApiRateLimit(memoryAt().counter, 1);
    await limit.take('token:a');
    expect(await limit.take('token:a')).toMatchObject({ allowed: false });
    expect(await limit.take('token:b')).toMatchObject({ allowed: true });
  });

  it('looks at a key without counting when peeking', async () => {
    const limit = new ApiRateLimit(memoryAt().counter, 2);
    expect(await limit.peek('refused-token:10.0.0.1')).toMatchObject({ allowed: true, remaining: 2 });
    await limit.take('refused-token:10.0.0.1');
    expect(await limit.peek('refused-token:10.0.0.1')).toMatchObject({ allowed: true, remaining: 1 });
    await limit.take('refused-token:10.0.0.1');
    expect(await limit.peek('refused-token:10.0.0.1')).toMatchObject({ allowed: false, remaining: 0 });
  });

  it('lets requests through when Redis cannot be reached', async () => {
    // A port that accepts nothing: bound, then closed again.
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    await new Promise((done) => server.close(done));
    const limit = new ApiRateLimit(new RedisCounter(`redis://127.0.0.1:${port}`, 'assay-test'), 1);
    limit.open();
    try {
      const started = Date.now();
      expect(await limit.take('token:a')).toBeNull();
      expect(await limit.take('token:a')).toBeNull();
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await limit.close();
    }
  });
});
