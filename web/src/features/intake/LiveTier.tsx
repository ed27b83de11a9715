import type { Schemas } from '../../api/client';
import { CATEGORY_WORDS, TIER_WORDS } from '../../ui/words';

/** The tier, EU AI Act category and reasons the answers so far give, announced as they change. */
export function LiveTier({ preview, updating }: { preview: Schemas['IntakePreviewResponse'] | undefined; updating: boolean }) {
  return (
    <aside className="live-tier" aria-labelledby="live-tier-heading" tabIndex={0}>
      <h2 id="live-tier-heading">Inherent risk so far</h2>
      <div role="status" aria-live="polite">
        {!preview && <p>Answer the questions to see the tier.</p>}
        {preview && (
          <dl className="facts">
            <dt>Inherent tier</dt>
            <dd className={`tier tier-${preview.inherentTier}`}>{TIER_WORDS[preview.inherentTier]}</dd>
            <dt>EU AI Act category</dt>
            <dd>{CATEGORY_WORDS[preview.euAiActCategory]}</dd>
            {!preview.canProceed && (
              <>
                <dt>Can proceed</dt>
                <dd className="field-error">No: a risk manager must rule on it first</dd>
              </>
            )}
          </dl>
        )}
      </div>
      {updating && <p className="hint">Updating…</p>}
      {preview && preview.reasons.length > 0 && (
        <>
          <h3>Why</h3>
          <ul className="reasons">
            {preview.reasons.map((reason) => (
              <li key={reason.rule}>
                {reason.reason}
                {reason.legalReference && <span className="hint"> ({reason.legalReference})</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {preview && preview.missing.length > 0 && <p className="hint">{preview.missing.length} required question(s) still to answer.</p>}
    </aside>
  );
}
