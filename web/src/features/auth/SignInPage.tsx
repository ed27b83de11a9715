import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

/** What the server's `?error=` code after a single sign-on means, in words. */
const SSO_ERRORS: Record<string, string> = {
  oidc_state: 'The sign-in link was used already, took too long, or was opened in another browser. Start again below.',
  oidc_denied: "The organisation's sign-in page did not sign you in (cancelled or refused). Try again.",
  oidc_unavailable: "The organisation's sign-in service cannot be reached. Try again shortly, or ask IT whether it is down.",
  oidc_token: "The organisation's sign-in service sent an answer Assay could not check. Try again; if it keeps happening, tell IT.",
  oidc_audience: "The organisation's sign-in service sent a sign-in meant for another application. Tell IT: Assay's client setup may be wrong.",
  oidc_issuer: "The sign-in came from a service other than the organisation's. Tell IT.",
  oidc_expired: 'The sign-in had expired by the time it reached Assay (check the clocks, or try again).',
  oidc_nonce: 'The sign-in did not belong to this attempt. Start again below.',
  oidc_no_email: "Your organisation's account has no verified e-mail address for Assay. Ask IT to add one.",
  oidc_no_role: 'Your account has no Assay role: ask IT to add you to one of the Assay groups, then sign in again.',
  oidc_disabled: 'Your Assay account is deactivated. Ask an Assay administrator.',
  oidc_vendor_account: 'This e-mail belongs to a vendor account: vendors sign in with their password below.',
  oidc_last_admin: 'Your groups no longer make you an admin, but you are the last active admin. Ask another admin, or IT, to sort out the roles first.',
};

function ssoError(): string | undefined {
  const code = new URLSearchParams(window.location.search).get('error');
  return code ? (SSO_ERRORS[code] ?? 'Single sign-on did not work. Try again.') : undefined;
}

export function SignInPage() {
  const methods = useQuery({ queryKey: keys.authMethods, queryFn: () => call(api.GET('/api/v1/auth/methods')), staleTime: 300_000 });
  const sso = methods.data?.oidc === true;
  const vendorsOnly = methods.data?.localLogin === 'vendors-only';
  const failedSso = ssoError();
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
      {failedSso && (
        <p role="alert" className="problem">
          {failedSso}
        </p>
      )}
      {sso && (
        <div className="stack">
          <a className="button primary" href={`/api/v1/auth/oidc/login?next=${encodeURIComponent(nextPath())}`}>
            Sign in with your organisation&apos;s account
          </a>
          {vendorsOnly && <p className="hint">Staff sign in with the organisation&apos;s account. The password form below is for vendors (and for administrators when single sign-on is down).</p>}
        </div>
      )}
      {sso && <h2>{vendorsOnly ? 'Vendors: sign in with your password' : 'Or sign in with a password'}</h2>}
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
  if (error instanceof ApiProblem && error.status === 403) return "You are not signed in: staff use the organisation's account, with the button above";
  if (error instanceof ApiProblem && error.status === 429) return 'You are not signed in: too many tries, wait the time given and try again';
  return 'You are not signed in';
}
