import type { Schemas } from '../../api/client';
import { Link } from '../../app/router';
import { formatDay } from '../../ui/format';
import { APPROVAL_WORDS, CATEGORY_WORDS, RESIDUAL_WORDS, TIER_WORDS } from '../../ui/words';

export function InventoryTable({ items, page }: { items: Schemas['InventoryItem'][]; page: number }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="AI systems">
      <table>
        <caption className="visually-hidden">AI systems, page {page}</caption>
        <thead>
          <tr>
            <th scope="col">AI system</th>
            <th scope="col">Vendor</th>
            <th scope="col">Tier</th>
            <th scope="col">EU AI Act</th>
            <th scope="col">Approval</th>
            <th scope="col">Residual risk</th>
            <th scope="col">Next review</th>
            <th scope="col">Foundation models</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                {item.name} <span className="hint">{item.version}</span>
              </th>
              <td>
                <Link to={`/vendors/${item.vendor.id}`}>{item.vendor.legalName}</Link>
              </td>
              <td>{item.inherentTier ? TIER_WORDS[item.inherentTier] : '—'}</td>
              <td>{item.euAiActCategory ? CATEGORY_WORDS[item.euAiActCategory] : '—'}</td>
              <td>{APPROVAL_WORDS[item.approvalStatus]}</td>
              <td>{item.residualRisk ? RESIDUAL_WORDS[item.residualRisk] : '—'}</td>
              <td>{item.nextReviewDate ? formatDay(item.nextReviewDate) : '—'}</td>
              <td>{item.foundationModelProviders.join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
