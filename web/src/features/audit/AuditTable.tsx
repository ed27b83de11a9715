import type { Schemas } from '../../api/client';
import { formatDateTime } from '../../ui/format';

/** What changed, as `field: before → after` pairs. */
function changesInWords(changes: Record<string, unknown>): string {
  return Object.entries(changes)
    .map(([field, change]) => {
      const pair = change as { before?: unknown; after?: unknown } | null;
      if (pair && typeof pair === 'object' && ('before' in pair || 'after' in pair)) return `${field}: ${JSON.stringify(pair.before ?? null)} → ${JSON.stringify(pair.after ?? null)}`;
      return `${field}: ${JSON.stringify(change)}`;
    })
    .join('; ');
}

export function AuditTable({ events, page }: { events: Schemas['AuditEventResponse'][]; page: number }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Audit events">
      <table>
        <caption className="visually-hidden">Audit events, page {page}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Action</th>
            <th scope="col">Entity</th>
            <th scope="col">Actor</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>{formatDateTime(event.occurredAt)}</td>
              <th scope="row">{event.action}</th>
              <td>
                {event.entityType} <code className="id">{event.entityId}</code>
              </td>
              <td>
                {event.actorRole ?? 'system'} {event.actorId && <code className="id">{event.actorId}</code>}
              </td>
              <td className="changes">{changesInWords(event.changes as Record<string, unknown>)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
