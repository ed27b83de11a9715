import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { keys } from '../../api/keys';

export type FindingChange = Schemas['UpdateFindingRequest'];

/** PATCH /findings/{id}; the assessment's findings are read again afterwards. */
export function useFindingUpdate(assessmentId: string, findingId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: FindingChange) => call(api.PATCH('/api/v1/findings/{id}', { params: { path: { id: findingId } }, body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: keys.findings(assessmentId) }),
  });
}
