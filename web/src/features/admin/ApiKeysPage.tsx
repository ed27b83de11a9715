import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { keys } from '../../api/keys';
import { formatDateTime } from '../../ui/format';
import { Pager, useCursorPages } from '../../ui/Pager';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { CreateApiKey } from './CreateApiKey';

/** Keys for integrations: created with the secret shown once, revoked at once. */
export function ApiKeysPage() {
  const pages = useCursorPages('');
  const query = { cursor: pages.cursor, limit: 50 };
  const list = useQuery({ queryKey: [...keys.apiKeys, query], queryFn: () => call(api.GET('/api/v1/api-keys', { params: { query } })), placeholderData: (previous) => previous });
  return (
    <section className="wide">
      <h1>API keys</h1>
      <CreateApiKey />
      <h2>Keys</h2>
      <ProblemMessage error={list.error} />
      {list.isPending && <p role="status">Loading…</p>}
      {list.data?.items.length === 0 && <p>No API key yet.</p>}
      {list.data && list.data.items.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="API keys">
          <table>
            <caption className="visually-hidden">API keys, page {pages.page}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key begins</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((key) => (
                <KeyRow key={key.id} apiKey={key} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager pages={pages} nextCursor={list.data?.nextCursor} />
    </section>
  );
}

function KeyRow({ apiKey }: { apiKey: Schemas['ApiKeyResponse'] }) {
  const queries = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => call(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id: apiKey.id } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: keys.apiKeys }),
  });
  return (
    <tr>
      <th scope="row">{apiKey.name}</th>
      <td>
        <code>{apiKey.tokenHint}…</code>
      </td>
      <td>{apiKey.expiresAt ? formatDateTime(apiKey.expiresAt) : 'Never'}</td>
      <td>{apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : 'Never'}</td>
      <td>
        {apiKey.revokedAt ? (
          `Revoked ${formatDateTime(apiKey.revokedAt)}`
        ) : (
          <button type="button" onClick={() => window.confirm(`Revoke the key "${apiKey.name}"? Integrations using it stop working at once.`) && revoke.mutate()} disabled={revoke.isPending} aria-label={`Revoke ${apiKey.name}`}>
            Revoke
          </button>
        )}
        <ProblemMessage error={revoke.error} />
      </td>
    </tr>
  );
}
