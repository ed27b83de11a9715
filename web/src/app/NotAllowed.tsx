import { Link } from './router';

/** What a role sees at another role's address: no data, a way back. */
export function NotAllowed() {
  return (
    <section>
      <h1>You are not allowed to see this page</h1>
      <p>Your role does not include this page. If you need it, ask an administrator.</p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </section>
  );
}
