import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiProblem, call } from '../../api/client';
import { keys } from '../../api/keys';
import { navigate } from '../../app/router';
import { COOKIE_SESSION } from '../../app/session';
import { ProblemMessage } from '../../ui/ProblemMessage';

/** Only paths of this portal: a crafted `next` cannot send the browser elsewhere. */
function nextPath(): string {
  const next = new URLSearchParams(window.location.search).get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const queries = useQueryClient();
  const signIn = useMutation({
    mutationFn: () => call(api.POST('/api/v1/auth/login', { body: { email, password }, headers: COOKIE_SESSION })),
    onSuccess: (session) => {
      queries.setQueryData(keys.me, session.user);
      navigate(nextPath(), { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  return (
    <section className="narrow">
      <h1>Sign in</h1>
      <form onSubmit={submit} className="stack">
        <div className="field">
          <label htmlFor="sign-in-email">E-mail</label>
          <input id="sign-in-email" type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">Password</label>
          <input id="sign-in-password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
        </div>
        <ProblemMessage error={signIn.error} title={signInTrouble(signIn.error)} />
        <button type="submit" className="primary" disabled={signIn.isPending}>
          Sign in
        </button>
      </form>
      <p className="hint">Invited by e-mail? Open the link in the invitation instead.</p>
    </section>
  );
}

/** What to do next, above the server's own words. */
function signInTrouble(error: unknown): string {
  if (error instanceof ApiProblem && error.status === 401) return 'You are not signed in: check the e-mail and password and try again';
  if (error instanceof ApiProblem && error.status === 429) return 'You are not signed in: too many tries, wait the time given and try again';
  return 'You are not signed in';
}
