import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { keys } from '../../api/keys';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { RemediationItem } from './RemediationItem';

/** The findings the risk team addressed to this vendor on this assessment. */
export function RemediationItems({ assessmentId }: { assessmentId: string }) {
  const findings = useQuery({
    queryKey: keys.findings(assessmentId),
    queryFn: () => call(api.GET('/api/v1/assessments/{id}/findings', { params: { path: { id: assessmentId } } })),
  });
  const evidence = useQuery({
    queryKey: keys.evidence(assessmentId),
    queryFn: () => call(api.GET('/api/v1/assessments/{id}/evidence', { params: { path: { id: assessmentId } } })),
  });
  if (findings.error) return <ProblemMessage error={findings.error} title="The remediation items cannot be shown" />;
  const items = findings.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="remediation" aria-labelledby="remediation-heading">
      <h2 id="remediation-heading">Remediation items for you</h2>
      <p className="hint">The risk team asks you to fix these. Say how you plan to, report progress, and tell them when it is done.</p>
      {items.map((finding) => (
        <RemediationItem key={finding.id} assessmentId={assessmentId} finding={finding} evidence={evidence.data?.items ?? []} />
      ))}
    </section>
  );
}
