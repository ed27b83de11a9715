import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';
import { keys } from '../../api/keys';
import { Field } from '../../ui/Field';
import { Pager, useCursorPages } from '../../ui/Pager';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { AuditTable } from './AuditTable';
import { VerifyChain } from './VerifyChain';

type Query = NonNullable<paths['/api/v1/audit-events']['get']['parameters']['query']>;

/** A calendar day as the start (or the end) of that day in the reader's time zone. */
const dayBound = (day: string, end: boolean) => (day ? new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString() : '');

/** Every change, newest first, filtered by entity, actor and time; and whether the hash chain holds. */
export function AuditTrailPage() {
  const [entityType, setEntityType] = useState('');
  const [entityId, setEntityId] = useState('');
  const [actor, setActor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const typed = { entityType: useDeferredValue(entityType.trim()), entityId: useDeferredValue(entityId.trim()), actor: useDeferredValue(actor.trim()), from: dayBound(from, false), to: dayBound(to, true) };
  const filters = Object.fromEntries(Object.entries(typed).filter(([, v]) => v)) as Query;
  const pages = useCursorPages(JSON.stringify(filters));
  const query: Query = { ...filters, cursor: pages.cursor, limit: 50 };
  const list = useQuery({ queryKey: keys.auditEvents(query), queryFn: () => call(api.GET('/api/v1/audit-events', { params: { query } })), placeholderData: (previous) => previous, retry: false });
  return (
    <section className="wide">
      <h1>Audit trail</h1>
      <VerifyChain />
      <form className="filters" role="search" aria-label="Filter the audit trail" onSubmit={(event) => event.preventDefault()}>
        <Field label="Entity type" name="entityType" value={entityType} onChange={setEntityType} hint="Such as vendor, assessment, user" error={list.error} />
        <Field label="Entity id" name="entityId" value={entityId} onChange={setEntityId} error={list.error} />
        <Field label="Actor (user id)" name="actor" value={actor} onChange={setActor} error={list.error} />
        <Field label="From" name="from" type="date" value={from} onChange={setFrom} error={list.error} />
        <Field label="To" name="to" type="date" value={to} onChange={setTo} error={list.error} />
      </form>
      <ProblemMessage error={list.error} shownBeside={['entityType', 'entityId', 'actor', 'from', 'to']} />
      {list.isPending && <p role="status">Loading…</p>}
      {list.data && list.data.items.length === 0 && <p>No event matches.</p>}
      {list.data && list.data.items.length > 0 && <AuditTable events={list.data.items} page={pages.page} />}
      <Pager pages={pages} nextCursor={list.data?.nextCursor} />
    </section>
  );
}
