import type { Readable } from 'node:stream';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Where evidence bytes live, addressed by their SHA-256: the same document uploaded twice is
 * stored once, and a stored file can never change under its name.
 */
export abstract class EvidenceStorage {
  /** Takes a finished, accepted temp file into the store under its digest; returns its storage key. */
  abstract put(tempPath: string, sha256: string): Promise<string>;
  /** The stored bytes; fails before any byte is read when they are missing. */
  abstract open(sha256: string): Promise<Readable>;
  /** Removes the stored bytes; removing what is not there is not an error. */
  abstract delete(sha256: string): Promise<void>;
  abstract exists(sha256: string): Promise<boolean>;
}

/** `ab/cd/abcd…`: two levels of fan-out keep directories (and S3 listings) small. */
export function storageKey(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error('A storage key needs a lowercase hex SHA-256');
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/** Thrown by `open` when the bytes of a recorded document are not in the store. */
export class StoredFileMissing extends Error {
  constructor(readonly sha256: string) {
    super(`The stored file ${sha256} is missing`);
  }
}
