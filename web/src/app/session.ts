import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiProblem, call } from '../api/client';
import { keys } from '../api/keys';
import { forgetUnsavedAnswers } from '../features/questionnaire/autosave';
import { navigate } from './router';

/** The signed-in user, or null when the browser holds no (valid) session cookie. */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async () => {
      try {
        return await call(api.GET('/api/v1/me'));
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** Browser sign-ins ask for cookies: the token never reaches this code. */
export const COOKIE_SESSION = { 'X-Session': 'cookie' } as const;

export function useSignOut() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/auth/logout')),
    onSettled: () => {
      forgetUnsavedAnswers();
      queries.clear();
      navigate('/sign-in');
    },
  });
}
