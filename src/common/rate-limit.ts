import { Redis } from 'ioredis';

/**
 * The general API rate limit: a fixed one-minute window per key (a token, or a client address
 * without one). In Redis when there is one, so every API process shares the count; in memory
 * otherwise. A counter that cannot be reached lets the request through: an outage of the cache
 * must not take the API down with it.
 */
export interface WindowCount {
  count: number;
  /** Milliseconds until the window starts over. */
  resetInMs: number;
}

export interface RequestCounter {
  hit(key: string, windowMs: number): Promise<WindowCount | null>;
  close(): Promise<void>;
}

const MAX_MEMORY_KEYS = 100_000;

export class MemoryCounter implements RequestCounter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      if (this.windows.size >= MAX_MEMORY_KEYS) this.dropEnded(now);
      window = { count: 0, endsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetInMs: window.endsAt - now };
  }

  async close(): Promise<void> {
    this.windows.clear();
  }

  private dropEnded(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    if (this.windows.size >= MAX_MEMORY_KEYS) this.windows.clear();
  }
}

/** INCR and, on the first hit of a window, PEXPIRE, atomically; returns the count and the time left. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return { count, ttl }
`;

export class RedisCounter implements RequestCounter {
  private readonly redis: Redis;

  constructor(
    redisUrl: string,
    private readonly prefix: string,
  ) {
    // No offline queue and no retries per command: while Redis is away a hit fails at once.
    this.redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 500, connectTimeout: 2000 });
    this.redis.on('error', () => undefined);
  }

  async hit(key: string, windowMs: number): Promise<WindowCount | null> {
    try {
      const [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, `${this.prefix}:rate:${key}`, windowMs)) as [number, number];
      return { count, resetInMs: ttl };
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  retryAfterSeconds: number;
}

export class ApiRateLimit {
  constructor(
    private readonly counter: RequestCounter,
    private readonly perMinute: number,
  ) {}

  /** Counts one request for `key`; null when the counter could not be asked (the request goes through). */
  async take(key: string): Promise<RateDecision | null> {
    const hit = await this.counter.hit(key, 60_000);
    if (!hit) return null;
    return {
      allowed: hit.count <= this.perMinute,
      limit: this.perMinute,
      remaining: Math.max(0, this.perMinute - hit.count),
      retryAfterSeconds: Math.max(1, Math.ceil(hit.resetInMs / 1000)),
    };
  }

  close(): Promise<void> {
    return this.counter.close();
  }
}
