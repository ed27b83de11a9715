import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Problem = Schemas['ProblemResponse'];

/** The name of the readable cookie that carries this session's CSRF token. */
const CSRF_COOKIE = 'assay_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function csrfToken(): string | undefined {
  const pair = document.cookie.split('; ').find((part) => part.startsWith(`${CSRF_COOKIE}=`));
  return pair ? decodeURIComponent(pair.slice(CSRF_COOKIE.length + 1)) : undefined;
}

/** Every write carries the CSRF token; the session itself travels in an HttpOnly cookie. */
const csrf: Middleware = {
  onRequest({ request }) {
    const token = csrfToken();
    if (UNSAFE.has(request.method) && token) request.headers.set('x-csrf-token', token);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrf);

/** A failed call as the API described it (problem+json), or a network failure in words. */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

const OFFLINE: Problem = { type: 'about:blank', title: 'Network error', status: 0, code: 'network_error', detail: 'The server could not be reached. Check your connection.' };

/** Unwraps an openapi-fetch result: the data, or an ApiProblem to throw. */
export async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await pending;
  } catch {
    throw new ApiProblem(OFFLINE);
  }
  if (result.error !== undefined || !result.response.ok) throw new ApiProblem(asProblem(result.error, result.response.status));
  return result.data as T;
}

function asProblem(error: unknown, status: number): Problem {
  if (error && typeof error === 'object' && 'code' in error && 'detail' in error) return error as Problem;
  return { type: 'about:blank', title: 'Error', status, code: 'unexpected', detail: `The server answered ${status}.` };
}
