import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { keys } from '../../api/keys';

/** A vendor's legal name, read once per vendor and cached. */
export function VendorName({ id }: { id: string }) {
  const vendor = useQuery({ queryKey: keys.vendor(id), queryFn: () => call(api.GET('/api/v1/vendors/{id}', { params: { path: { id } } })), staleTime: 300_000 });
  return <>{vendor.data?.legalName ?? 'Vendor'}</>;
}
