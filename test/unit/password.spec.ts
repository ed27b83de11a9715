import { DECOY_HASH, hashPassword, verifyPassword } from '../../src/auth/password.js';

describe('password hashing', () => {
  it('stores scrypt with its parameters, a salt and the key', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    expect(stored).not.toContain('correct horse');
  });

  it('accepts the right password and refuses any other', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash, so equal passwords do not give equal hashes', async () => {
    const [one, two] = await Promise.all([hashPassword('same password here'), hashPassword('same password here')]);
    expect(one).not.toBe(two);
    expect(await verifyPassword('same password here', one)).toBe(true);
    expect(await verifyPassword('same password here', two)).toBe(true);
  });

  it('refuses a password against a hash whose key was altered', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const parts = stored.split('$');
    parts[5] = (parts[5][0] === 'A' ? 'B' : 'A') + parts[5].slice(1);
    expect(await verifyPassword('correct horse battery staple', parts.join('$'))).toBe(false);
  });

  it.each(['', 'plain-text-password', 'bcrypt$10$abc$def$ghi$jkl', 'scrypt$16384$8$1$$', 'scrypt$16384$8$1$c2FsdA'])(
    'refuses anything checked against a malformed stored value (%j)',
    async (stored) => {
      expect(await verifyPassword('plain-text-password', stored)).toBe(false);
    },
  );

  it('never verifies anything against the decoy hash used for unknown users', async () => {
    for (const password of ['', 'A', 'admin-password-123', 'A'.repeat(86)]) {
      expect(await verifyPassword(password, DECOY_HASH)).toBe(false);
    }
  });
});
