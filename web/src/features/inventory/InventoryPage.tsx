import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';
import { keys } from '../../api/keys';
import { Field, SelectField } from '../../ui/Field';
import { Pager, useCursorPages } from '../../ui/Pager';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { APPROVAL_WORDS, CATEGORY_WORDS, pairs, TIER_WORDS } from '../../ui/words';
import { InventoryTable } from './InventoryTable';

type Query = NonNullable<paths['/api/v1/inventory']['get']['parameters']['query']>;

/** The third-party model inventory: filters, a page at a time, and the whole selection as CSV. */
export function InventoryPage() {
  const [q, setQ] = useState('');
  const [tier, setTier] = useState('');
  const [status, setStatus] = useState('');
  const [category, setCategory] = useState('');
  const [provider, setProvider] = useState('');
  const filters = Object.fromEntries(
    Object.entries({ q: useDeferredValue(q.trim()), tier, status, euAiActCategory: category, provider: useDeferredValue(provider.trim()) }).filter(([, v]) => v),
  ) as Query;
  const pages = useCursorPages(JSON.stringify(filters));
  const query: Query = { ...filters, cursor: pages.cursor, limit: 50 };
  const list = useQuery({ queryKey: keys.inventory(query), queryFn: () => call(api.GET('/api/v1/inventory', { params: { query }, parseAs: 'json' })).then(asPage), placeholderData: (previous) => previous });
  const csv = `/api/v1/inventory?${new URLSearchParams({ ...(filters as Record<string, string>), format: 'csv' })}`;
  return (
    <section className="wide">
      <h1>Model inventory</h1>
      <form className="filters" role="search" aria-label="Filter the inventory" onSubmit={(event) => event.preventDefault()}>
        <Field label="Search by system or vendor" name="q" type="search" value={q} onChange={setQ} />
        <SelectField label="Inherent tier" name="tier" value={tier} onChange={setTier} options={pairs(TIER_WORDS)} empty="Any tier" />
        <SelectField label="Approval" name="status" value={status} onChange={setStatus} options={pairs(APPROVAL_WORDS)} empty="Any approval" />
        <SelectField label="EU AI Act category" name="euAiActCategory" value={category} onChange={setCategory} options={pairs(CATEGORY_WORDS)} empty="Any category" />
        <Field label="Foundation-model provider" name="provider" value={provider} onChange={setProvider} />
      </form>
      <p>
        <a href={csv} download="ai-inventory.csv">
          Download the inventory as CSV
        </a>{' '}
        <span className="hint">(every row that matches the filters)</span>
      </p>
      <ProblemMessage error={list.error} />
      {list.isPending && <p role="status">Loading…</p>}
      {list.data && list.data.items.length === 0 && <p>No AI system matches.</p>}
      {list.data && list.data.items.length > 0 && <InventoryTable items={list.data.items} page={pages.page} />}
      <Pager pages={pages} nextCursor={list.data?.nextCursor} />
    </section>
  );
}

type InventoryPageBody = Schemas['InventoryPage'];

/** The route also answers CSV; asked without `format=csv` it is the JSON page. */
function asPage(body: InventoryPageBody | string): InventoryPageBody {
  if (typeof body === 'string') throw new Error('The inventory answered CSV where a page was expected');
  return body;
}
