import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { keys } from '../../api/keys';
import { BUYERS, mayDo } from '../../app/roles';
import { Link } from '../../app/router';
import { useMe } from '../../app/session';
import { formatDay } from '../../ui/format';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { APPROVAL_WORDS, CATEGORY_WORDS, HOSTING_WORDS, MODEL_TYPE_WORDS, TIER_WORDS } from '../../ui/words';
import { RegisterAiSystem } from './RegisterAiSystem';

export function AiSystemsSection({ vendorId }: { vendorId: string }) {
  const me = useMe();
  const buyer = mayDo(me.data?.role, BUYERS);
  const systems = useQuery({ queryKey: keys.aiSystems(vendorId), queryFn: () => call(api.GET('/api/v1/vendors/{id}/ai-systems', { params: { path: { id: vendorId }, query: { limit: 100 } } })) });
  return (
    <section className="panel" aria-labelledby="systems-heading">
      <h2 id="systems-heading">AI systems</h2>
      <ProblemMessage error={systems.error} />
      {systems.data?.items.length === 0 && <p className="hint">No AI system registered yet.</p>}
      {systems.data?.items.map((system) => <AiSystemCard key={system.id} system={system} buyer={buyer} />)}
      {buyer && <RegisterAiSystem vendorId={vendorId} />}
    </section>
  );
}

function AiSystemCard({ system, buyer }: { system: Schemas['AiSystemResponse']; buyer: boolean }) {
  const open = system.approval.conditions.filter((c) => c.status === 'open');
  return (
    <article className="card" aria-labelledby={`system-${system.id}`}>
      <h3 id={`system-${system.id}`}>
        {system.name} <span className="hint">version {system.version}</span>
      </h3>
      <dl className="facts">
        <dt>Type</dt>
        <dd>{MODEL_TYPE_WORDS[system.modelType]}</dd>
        <dt>Hosting</dt>
        <dd>{HOSTING_WORDS[system.hosting]}</dd>
        <dt>Foundation models</dt>
        <dd>{system.foundationModelProviders.join(', ') || 'None'}</dd>
        <dt>Data regions</dt>
        <dd>{system.dataRegions.join(', ') || 'Not given'}</dd>
        <dt>Inherent tier</dt>
        <dd>{system.inherentTier ? TIER_WORDS[system.inherentTier] : 'No intake yet'}</dd>
        <dt>EU AI Act</dt>
        <dd>{system.euAiActCategory ? CATEGORY_WORDS[system.euAiActCategory] : 'Not categorised'}</dd>
        <dt>Approval</dt>
        <dd>
          {APPROVAL_WORDS[system.approval.status]}
          {system.approval.validUntil && `, valid until ${formatDay(system.approval.validUntil)}`}
        </dd>
      </dl>
      {open.length > 0 && (
        <>
          <h4>Open conditions</h4>
          <ul>
            {open.map((condition) => (
              <li key={condition.id}>
                {condition.text}, due {formatDay(condition.dueDate)}
                {condition.overdue && <strong className="field-error"> (overdue)</strong>}
              </li>
            ))}
          </ul>
        </>
      )}
      {buyer && (
        <p>
          <Link to={`/ai-systems/${system.id}/intake`}>Fill the intake for {system.name}</Link>
        </p>
      )}
    </article>
  );
}
