import { Redis } from 'ioredis';
import { createHash } from 'node:crypto';

/**
 * Where the sign-in throttle keeps its failure counts. In Redis when there is one, so every API
 * process shares them and a restart forgets nothing; in memory otherwise, and whenever Redis
 * cannot be reached: an outage of the cache must not stop people signing in, nor stop the throttle.
 */
export interface Failures {
  count: number;
  /** Milliseconds since the epoch, by the application's clock. */
  lastAt: number;
}

export interface FailureStore {
  get(key: string): Promise<Failures | undefined>;
  /** One more failure at `now`; a count whose last failure is `forgetAfterMs` old starts over. Returns the new count. */
  add(key: string, now: number, forgetAfterMs: number): Promise<number>;
  clear(key: string): Promise<void>;
  open(): void;
  close(): Promise<void>;
}

/** Enough for a large spray; beyond it the keys that failed longest ago are dropped first. */
const MAX_KEYS = 100_000;

export class MemoryFailureStore implements FailureStore {
  private readonly failures = new Map<string, Failures>();

  async get(key: string): Promise<Failures | undefined> {
    return this.failures.get(key);
  }

  async add(key: string, now: number, forgetAfterMs: number): Promise<number> {
    const entry = this.failures.get(key);
    const count = (entry && now - entry.lastAt < forgetAfterMs ? entry.count : 0) + 1;
    // Re-inserted so that the map's order is the order of last failure.
    this.failures.delete(key);
    this.failures.set(key, { count, lastAt: now });
    for (const oldest of this.failures.keys()) {
      if (this.failures.size <= MAX_KEYS) break;
      this.failures.delete(oldest);
    }
    return count;
  }

  async clear(key: string): Promise<void> {
    this.failures.delete(key);
  }

  open(): void {}

  async close(): Promise<void> {
    this.failures.clear();
  }
}

/** Counts one failure atomically, starting over when the last one is older than the forget period. */
const ADD_SCRIPT = `
local last = tonumber(redis.call('HGET', KEYS[1], 'lastAt') or '')
local now = tonumber(ARGV[1])
local count = 0
if last and now - last < tonumber(ARGV[2]) then count = tonumber(redis.call('HGET', KEYS[1], 'count') or '0') end
count = count + 1
redis.call('HSET', KEYS[1], 'count', count, 'lastAt', now)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return count
`;

export class RedisFailureStore implements FailureStore {
  private readonly redis: Redis;
  private readonly fallback = new MemoryFailureStore();

  constructor(
    redisUrl: string,
    private readonly prefix: string,
  ) {
    // As the rate limit's counter: no offline queue, no retries per command, a short timeout.
    this.redis = new Redis(redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 500, connectTimeout: 2000 });
    this.redis.on('error', () => undefined);
  }

  async get(key: string): Promise<Failures | undefined> {
    try {
      const [count, lastAt] = await this.redis.hmget(this.redisKey(key), 'count', 'lastAt');
      return count !== null && lastAt !== null ? { count: Number(count), lastAt: Number(lastAt) } : undefined;
    } catch {
      return this.fallback.get(key);
    }
  }

  async add(key: string, now: number, forgetAfterMs: number): Promise<number> {
    try {
      return Number(await this.redis.eval(ADD_SCRIPT, 1, this.redisKey(key), now, forgetAfterMs));
    } catch {
      return this.fallback.add(key, now, forgetAfterMs);
    }
  }

  async clear(key: string): Promise<void> {
    await this.fallback.clear(key);
    await this.redis.del(this.redisKey(key)).catch(() => undefined);
  }

  open(): void {
    this.redis.connect().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    await this.fallback.close();
  }

  /** Hashed: e-mail addresses and client addresses are not kept in the cache as given. */
  private redisKey(key: string): string {
    return `${this.prefix}:login:${createHash('sha256').update(key).digest('hex')}`;
  }
}
