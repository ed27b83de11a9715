import type { Response } from 'supertest';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
}

/** Asserts an RFC 9457 answer with the given status and stable code, and returns its body. */
export function expectProblem(res: Response, status: number, code: string): ProblemBody {
  expect({ status: res.status, contentType: res.headers['content-type'], code: res.body.code }).toEqual({
    status,
    contentType: expect.stringMatching(/^application\/problem\+json/),
    code,
  });
  expect(res.body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\//), title: expect.any(String), detail: expect.any(String) });
  return res.body as ProblemBody;
}

/** The fields a validation problem names, in order. */
export const fieldsOf = (problem: ProblemBody): string[] => (problem.errors ?? []).map((error) => error.field);
