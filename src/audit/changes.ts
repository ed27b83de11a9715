export type Changes = Record<string, { before: unknown; after: unknown }>;

function comparable(value: unknown): string {
  return JSON.stringify(value instanceof Date ? value.toISOString() : (value ?? null));
}

/** The fields of `fields` whose value differs between `before` and `after`. */
export function diff<T extends object>(before: Partial<T> | null, after: Partial<T> | null, fields: (keyof T)[]): Changes {
  const changes: Changes = {};
  for (const field of fields) {
    const was = before ? before[field] : null;
    const now = after ? after[field] : null;
    if (comparable(was) !== comparable(now)) {
      changes[field as string] = { before: JSON.parse(comparable(was)), after: JSON.parse(comparable(now)) };
    }
  }
  return changes;
}
