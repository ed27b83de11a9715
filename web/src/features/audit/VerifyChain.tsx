import { useMutation } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { formatNumber } from '../../ui/format';
import { ProblemMessage } from '../../ui/ProblemMessage';

/** Recomputes every event's hash on the server and says whether the chain holds. */
export function VerifyChain() {
  const verify = useMutation({ mutationFn: () => call(api.GET('/api/v1/audit-events/verify')) });
  const result = verify.data;
  return (
    <div className="verify">
      <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
        Verify chain
      </button>
      <div role="status" aria-live="polite">
        {verify.isPending && <p>Checking every event…</p>}
        {result?.valid && <p className="good">The chain holds: {formatNumber(result.checked)} events checked, none changed.</p>}
        {result && !result.valid && (
          <p className="field-error">
            The chain is broken at event <code>{result.firstBrokenId}</code> after {formatNumber(result.checked)} events: an event was changed or removed.
          </p>
        )}
      </div>
      <ProblemMessage error={verify.error} />
    </div>
  );
}
