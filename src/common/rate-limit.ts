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
  /** Adds `by` (0 to only look) to the key's count in the current window. */
  hit(key: string, windowMs: number, by?: number): Promise<WindowCount | null>;
  /** Called when the server starts listening. */
  open(): void;
  close(): Promise<void>;
}

const MAX_MEMORY_KEYS = 100_000;

export class MemoryCounter implements RequestCounter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, windowMs: number, by = 1): Promise<WindowCount> {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      if (this.windows.size >= MAX_MEMORY_KEYS) this.dropEnded(now);
      window = { count: 0, endsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += by;
    return { count: window.count, resetInMs: window.endsAt - now };
  }

  open(): void {}

  async close(): Promise<void> {
    this.windows.clear();
  }

  private dropEnded(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    if (this.windows.size >= MAX_MEMORY_KEYS) this.windows.clear();
  }
}

/** INCRBY and, when the key has no expiry yet (a new window), PEXPIRE, atomically; returns the count and the time left. */
const HIT_SCRIPT = `
local count = redis.call('INCRBY', KEYS[1], ARGV[2])
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
    // Connected when the server listens (a process that serves no HTTP never connects); no offline
    // queue and no retries per command: while Redis is away a hit fails at once.
    this.redis = new Redis(redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 500, connectTimeout: 2000 });
    this.redis.on('error', () => undefined);
  }

  async hit(key: string, windowMs: number, by = 1): Promise<WindowCount | null> {
    try {
      const [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, `${this.prefix}:rate:${key}`, windowMs, by)) as [number, number];
      return { count, resetInMs: ttl };
    } catch {
      return null;
    }
  }

  open(): void {
    this.redis.connect().catch(() => undefined);
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
  take(key: string): Promise<RateDecision | null> {
    return this.decide(key, 1);
  }

  /** Whether `key` is over its limit, without counting a request. */
  peek(key: string): Promise<RateDecision | null> {
    return this.decide(key, 0);
  }

  private async decide(key: string, by: number): Promise<RateDecision | null> {
    const hit = await this.counter.hit(key, 60_000, by);
    if (!hit) return null;
    return {
      allowed: by === 0 ? hit.count < this.perMinute : hit.count <= this.perMinute,
      limit: this.perMinute,
      remaining: Math.max(0, this.perMinute - hit.count),
      retryAfterSeconds: Math.max(1, Math.ceil(hit.resetInMs / 1000)),
    };
  }

  open(): void {
    this.counter.open();
  }

  close(): Promise<void> {
    return this.counter.close();
  }
}
