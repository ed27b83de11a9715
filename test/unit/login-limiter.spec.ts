import { LoginLimiter, type LimitedKey } from '../../src/auth/login-limiter.js';

const WINDOW_MS = 15 * 60 * 1000;

function limiterAt(start = 1_000_000) {
  let now = start;
  const limiter = new LoginLimiter(WINDOW_MS, () => now);
  return { limiter, advance: (ms: number) => (now += ms) };
}

const keys = (email = 'ana@bank.example', ip = '10.0.0.1', emailMax = 3, ipMax = 5): LimitedKey[] => [
  { key: `email:${email}`, max: emailMax },
  { key: `ip:${ip}`, max: ipMax },
];

describe('failed sign-in throttle', () => {
  it('lets a key try until it has failed its maximum', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter(keys())).toBe(0);
      limiter.fail(keys());
    }
    expect(limiter.retryAfter(keys())).toBeGreaterThan(0);
  });

  it('says how many whole seconds are left in the window', () => {
    const { limiter, advance } = limiterAt();
    for (let i = 0; i < 3; i++) limiter.fail(keys());
    expect(limiter.retryAfter(keys())).toBe(WINDOW_MS / 1000);
    advance(60_500);
    expect(limiter.retryAfter(keys())).toBe(Math.ceil((WINDOW_MS - 60_500) / 1000));
  });

  it('forgets failures once the window has passed', () => {
    const { limiter, advance } = limiterAt();
    for (let i = 0; i < 3; i++) limiter.fail(keys());
    advance(WINDOW_MS - 1);
    expect(limiter.retryAfter(keys())).toBe(1);
    advance(1);
    expect(limiter.retryAfter(keys())).toBe(0);
    limiter.fail(keys());
    expect(limiter.retryAfter(keys())).toBe(0);
  });

  it('starts a new window for a failure after the old one expired', () => {
    const { limiter, advance } = limiterAt();
    limiter.fail(keys());
    limiter.fail(keys());
    advance(WINDOW_MS);
    limiter.fail(keys());
    limiter.fail(keys());
    expect(limiter.retryAfter(keys())).toBe(0);
    limiter.fail(keys());
    expect(limiter.retryAfter(keys())).toBe(WINDOW_MS / 1000);
  });

  it('blocks an address spraying many e-mails, each below its own limit', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 5; i++) limiter.fail(keys(`user${i}@bank.example`));
    expect(limiter.retryAfter(keys('someone-new@bank.example'))).toBeGreaterThan(0);
    expect(limiter.retryAfter(keys('someone-new@bank.example', '10.0.0.2'))).toBe(0);
  });

  it('clears the e-mail on success but keeps counting the address', () => {
    const { limiter } = limiterAt();
    limiter.fail(keys('ana@bank.example', '10.0.0.1', 3, 4));
    limiter.fail(keys('ana@bank.example', '10.0.0.1', 3, 4));
    limiter.succeed(keys('ana@bank.example', '10.0.0.1', 3, 4));
    limiter.fail(keys('ana@bank.example', '10.0.0.1', 3, 4));
    limiter.fail(keys('ana@bank.example', '10.0.0.1', 3, 4));
    expect(limiter.retryAfter([{ key: 'email:ana@bank.example', max: 3 }])).toBe(0);
    expect(limiter.retryAfter([{ key: 'ip:10.0.0.1', max: 4 }])).toBeGreaterThan(0);
  });

  it('reports the longest wait among the keys', () => {
    const { limiter, advance } = limiterAt();
    for (let i = 0; i < 5; i++) limiter.fail([{ key: 'ip:10.0.0.1', max: 5 }]);
    advance(10 * 60 * 1000);
    for (let i = 0; i < 3; i++) limiter.fail([{ key: 'email:ana@bank.example', max: 3 }]);
    expect(limiter.retryAfter(keys())).toBe(WINDOW_MS / 1000);
  });

  it('keeps different e-mails apart', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 3; i++) limiter.fail([{ key: 'email:ana@bank.example', max: 3 }]);
    expect(limiter.retryAfter([{ key: 'email:ana@bank.example', max: 3 }])).toBeGreaterThan(0);
    expect(limiter.retryAfter([{ key: 'email:bo@bank.example', max: 3 }])).toBe(0);
  });
});
