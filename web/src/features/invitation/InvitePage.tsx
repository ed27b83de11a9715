import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiProblem, call, type Schemas } from '../../api/client';
import { keys } from '../../api/keys';
import { navigate } from '../../app/router';
import { COOKIE_SESSION } from '../../app/session';
import { ProblemMessage } from '../../ui/ProblemMessage';

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** The token travels in the fragment, which browsers never send to a server or in a Referer. */
function tokenFromFragment(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  return token && TOKEN.test(token) ? token : null;
}

type Refusal = Schemas['InvitationProblem'];

/** Why the link does not work, in the vendor's words. */
const REASONS: Record<NonNullable<Refusal['reason']>, string> = {
  unknown: 'This link is not a valid invitation. Open it exactly as it was sent: a link cut short or copied by hand does not work.',
  expired: 'This invitation link has expired. Links work for 14 days.',
  used: 'This invitation link has been used already. If you set a password then, sign in with it; otherwise ask for a new link.',
  replaced: 'A newer invitation replaced this link. Use the link in the latest e-mail you received.',
};

function LinkNotValid({ reason, sentBy }: { reason: string; sentBy?: Refusal['sentBy'] }) {
  return (
    <div className="problem" role="alert">
      <h2>This invitation link does not work</h2>
      <p>{reason}</p>
      {sentBy ? (
        <p>
          To get a new link, ask {sentBy.name}, who sent the invitation: <a href={`mailto:${sentBy.email}`}>{sentBy.email}</a>.
        </p>
      ) : (
        <p>
          Ask the person who sent you the invitation for a new link: reply to the invitation e-mail, or contact the risk or procurement team of
          the company that invited you.
        </p>
      )}
    </div>
  );
}

export function InvitePage() {
  const [token] = useState(tokenFromFragment);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const queries = useQueryClient();
  const accept = useMutation({
    mutationFn: () =>
      call(api.POST('/api/v1/auth/invitations/accept', { body: { token: token!, name, ...(password ? { password } : {}) }, headers: COOKIE_SESSION })),
    onSuccess: (session) => {
      queries.setQueryData(keys.me, session.user);
      navigate(`/assessments/${session.assessmentId}`, { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate();
  };
  const refused = accept.error instanceof ApiProblem && (accept.error.code === 'invitation_invalid' || accept.error.problem.errors?.some((e) => e.field === 'token'));
  const refusal = refused ? (accept.error as ApiProblem).problem as Refusal : undefined;

  if (!token) return <InviteFrame><LinkNotValid reason="The link is incomplete: it has no invitation token. Open the link from the e-mail exactly as it was sent." /></InviteFrame>;
  if (refusal) return <InviteFrame><LinkNotValid reason={REASONS[refusal.reason ?? 'unknown']} sentBy={refusal.sentBy} /></InviteFrame>;
  return (
    <InviteFrame>
      <p>You have been asked to answer a due-diligence questionnaire about an AI system. Tell us your name to start.</p>
      <form onSubmit={submit} noValidate className="stack">
        <div className="field">
          <label htmlFor="invite-name">Your name</label>
          <input id="invite-name" autoComplete="name" required value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="invite-password">Password (optional)</label>
          <p className="hint" id="invite-password-hint">
            At least 12 characters. Set one to sign in later without a new link.
          </p>
          <input
            id="invite-password"
            type="password"
            autoComplete="new-password"
            aria-describedby="invite-password-hint"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <ProblemMessage error={accept.error} title="The invitation could not be accepted" />
        <button type="submit" className="primary" disabled={accept.isPending || name.trim() === ''}>
          {accept.isPending ? 'Accepting…' : 'Accept invitation'}
        </button>
      </form>
    </InviteFrame>
  );
}

function InviteFrame({ children }: { children: ReactNode }) {
  return (
    <section className="narrow">
      <h1>Your invitation</h1>
      {children}
    </section>
  );
}
