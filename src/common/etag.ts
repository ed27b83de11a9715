import { preconditionFailed } from './errors.js';

/** A strong entity tag for an optimistically locked row. */
export function entityTag(version: number | string): string {
  return `"${version}"`;
}

/**
 * Honours If-Match: absent means the caller accepts any version; otherwise one of the listed
 * tags (or `*`) must match the current one, else 412.
 */
export function assertIfMatch(ifMatch: string | undefined, current: string): void {
  if (ifMatch === undefined || ifMatch.trim() === '') return;
  const tags = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (tags.includes('*') || tags.includes(current)) return;
  throw preconditionFailed(`The resource is now at ${current}; read it again and retry`);
}
