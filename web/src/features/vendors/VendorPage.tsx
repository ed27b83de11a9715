import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { keys } from '../../api/keys';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { AiSystemsSection } from './AiSystemsSection';
import { ContactsSection } from './ContactsSection';
import { VendorAssessments } from './VendorAssessments';

/** One vendor: its contacts, AI systems (with approvals and open conditions) and assessments. */
export function VendorPage({ id }: { id: string }) {
  const vendor = useQuery({ queryKey: keys.vendor(id), queryFn: () => call(api.GET('/api/v1/vendors/{id}', { params: { path: { id } } })) });
  if (vendor.isPending) return <p role="status">Loading…</p>;
  if (vendor.error) return <ProblemMessage error={vendor.error} />;
  const v = vendor.data;
  return (
    <section>
      <h1>{v.legalName}</h1>
      <p className="lede">
        {v.country} · {v.status === 'active' ? 'Active' : 'Offboarded'}
        {v.website && (
          <>
            {' '}
            · <a href={v.website}>{v.website}</a>
          </>
        )}
        {v.tags.length > 0 && <> · Tags: {v.tags.join(', ')}</>}
      </p>
      <ContactsSection vendorId={id} />
      <AiSystemsSection vendorId={id} />
      <VendorAssessments vendorId={id} />
    </section>
  );
}
