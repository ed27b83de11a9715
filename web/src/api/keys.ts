/** Query keys are the API paths they cache, so an invalidation names what it refreshes. */
export const keys = {
  me: ['/api/v1/me'] as const,
  authMethods: ['/api/v1/auth/methods'] as const,
  assessments: ['/api/v1/assessments'] as const,
  assessment: (id: string) => ['/api/v1/assessments/{id}', id] as const,
  questions: (id: string) => ['/api/v1/assessments/{id}/questions', id] as const,
  evidence: (id: string) => ['/api/v1/assessments/{id}/evidence', id] as const,
  clarifications: (id: string) => ['/api/v1/assessments/{id}/clarifications', id] as const,
  findings: (id: string) => ['/api/v1/assessments/{id}/findings', id] as const,
};
