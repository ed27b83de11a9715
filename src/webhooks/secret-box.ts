import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A signing secret must be read back to sign each delivery, so it cannot be hashed like an API
 * key. With WEBHOOK_SECRET_KEY set it is sealed with AES-256-GCM (`gcm:` iv.tag.ciphertext), so a
 * copy of the database alone does not give it away; without it, it is stored as it is (`plain:`).
 */
export function sealSecret(secret: string, key: Buffer | null): string {
  if (!key) return `plain:${secret}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `gcm:${[iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64')).join('.')}`;
}

export function openSecret(stored: string, key: Buffer | null): string {
  if (stored.startsWith('plain:')) return stored.slice('plain:'.length);
  if (!key) throw new Error('The webhook secret is sealed and WEBHOOK_SECRET_KEY is not set');
  const [iv, tag, sealed] = stored.slice('gcm:'.length).split('.').map((part) => Buffer.from(part, 'base64'));
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
}
