import { useQuery } from '@tanstack/react-query';
import { api, ApiProblem, call, type Schemas } from '../../api/client';
import { keys } from '../../api/keys';

export type Assessment = Schemas['AssessmentResponse'];
export type Score = Schemas['ScoreResponse'];
export type Finding = Schemas['FindingResponse'];
export type Decision = Schemas['DecisionResponse'];

/** The assessment with the ETag it was read at: a decision is sent back with it as If-Match. */
export interface TaggedAssessment {
  assessment: Assessment;
  etag: string;
}

export async function readAssessment(id: string): Promise<TaggedAssessment> {
  const pending = api.GET('/api/v1/assessments/{id}', { params: { path: { id } } });
  const assessment = await call(pending);
  return { assessment, etag: (await pending).response.headers.get('etag') ?? '' };
}

export const reviewKeys = {
  tagged: (id: string) => ['/api/v1/assessments/{id}', id, 'etag'] as const,
  score: (id: string) => ['/api/v1/assessments/{id}/score', id] as const,
  decision: (id: string) => ['/api/v1/assessments/{id}/decision', id] as const,
};

export function useTaggedAssessment(id: string) {
  // The ETag is the version the reviewer has seen: it is read again only when they ask (or after their own change).
  return useQuery({ queryKey: reviewKeys.tagged(id), queryFn: () => readAssessment(id), staleTime: Infinity, refetchOnWindowFocus: false });
}

export function useScore(id: string) {
  return useQuery({ queryKey: reviewKeys.score(id), queryFn: () => call(api.GET('/api/v1/assessments/{id}/score', { params: { path: { id } } })) });
}

export function useFindings(id: string) {
  return useQuery({
    queryKey: keys.findings(id),
    queryFn: () => call(api.GET('/api/v1/assessments/{id}/findings', { params: { path: { id }, query: { limit: 100 } } })),
  });
}

/** The standing (or last void) decision; null while there is none. */
export function useDecision(id: string) {
  return useQuery({
    queryKey: reviewKeys.decision(id),
    queryFn: async () => {
      try {
        return await call(api.GET('/api/v1/assessments/{id}/decision', { params: { path: { id } } }));
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export const OUTCOME_WORDS: Record<Decision['outcome'], string> = {
  approved: 'Approve',
  approved_with_conditions: 'Approve with conditions',
  rejected: 'Reject',
};

export const SEVERITIES: Finding['severity'][] = ['low', 'medium', 'high', 'critical'];
