import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { api, call } from '../../api/client';
import { keys } from '../../api/keys';
import { BUYERS, mayDo } from '../../app/roles';
import { Link } from '../../app/router';
import { useMe } from '../../app/session';
import { Field, SelectField } from '../../ui/Field';
import { formatDay } from '../../ui/format';
import { Pager, useCursorPages } from '../../ui/Pager';
import { ProblemMessage } from '../../ui/ProblemMessage';

const STATUSES = [
  ['active', 'Active'],
  ['offboarded', 'Offboarded'],
] as const;

/** Vendors: search by name, filter by status and tag, a page at a time. */
export function VendorsPage() {
  const me = useMe();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [tag, setTag] = useState('');
  const filters = { q: useDeferredValue(q.trim()) || undefined, status: (status || undefined) as 'active' | 'offboarded' | undefined, tag: tag.trim() || undefined };
  const pages = useCursorPages(JSON.stringify(filters));
  const query = { ...filters, cursor: pages.cursor, limit: 25 };
  const list = useQuery({ queryKey: keys.vendorList(query), queryFn: () => call(api.GET('/api/v1/vendors', { params: { query } })), placeholderData: (previous) => previous });
  return (
    <section>
      <h1>Vendors</h1>
      {mayDo(me.data?.role, BUYERS) && (
        <p>
          <Link to="/vendors/new" className="button-link">
            Register a vendor
          </Link>
        </p>
      )}
      <form className="filters" role="search" aria-label="Filter vendors" onSubmit={(event) => event.preventDefault()}>
        <Field label="Search by name" name="q" type="search" value={q} onChange={setQ} />
        <SelectField label="Status" name="status" value={status} onChange={setStatus} options={STATUSES} empty="Any status" />
        <Field label="Tag" name="tag" value={tag} onChange={setTag} />
      </form>
      <ProblemMessage error={list.error} />
      {list.isPending && <p role="status">Loading…</p>}
      {list.data && list.data.items.length === 0 && <p>No vendor matches.</p>}
      {list.data && list.data.items.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Vendors">
          <table>
            <caption className="visually-hidden">Vendors, page {pages.page}</caption>
            <thead>
              <tr>
                <th scope="col">Vendor</th>
                <th scope="col">Country</th>
                <th scope="col">Status</th>
                <th scope="col">Tags</th>
                <th scope="col">Registered</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((vendor) => (
                <tr key={vendor.id}>
                  <th scope="row">
                    <Link to={`/vendors/${vendor.id}`}>{vendor.legalName}</Link>
                  </th>
                  <td>{vendor.country}</td>
                  <td>{vendor.status === 'active' ? 'Active' : 'Offboarded'}</td>
                  <td>{vendor.tags.join(', ')}</td>
                  <td>{formatDay(vendor.createdAt.slice(0, 10))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager pages={pages} nextCursor={list.data?.nextCursor} />
    </section>
  );
}
