import { AssessmentPage } from '../features/questionnaire/AssessmentPage';
import { AssessmentListPage } from '../features/questionnaire/AssessmentListPage';
import { InvitePage } from '../features/invitation/InvitePage';
import { SignInPage } from '../features/auth/SignInPage';
import { Layout } from './Layout';
import { match, usePath } from './router';
import { RequireSession } from './RequireSession';

function Page({ path }: { path: string }) {
  if (path === '/invite') return <InvitePage />;
  if (path === '/sign-in') return <SignInPage />;
  const assessment = match('/assessments/:id', path);
  if (assessment) return <RequireSession>{<AssessmentPage id={assessment.id} />}</RequireSession>;
  if (path === '/' || path === '/assessments') return <RequireSession>{<AssessmentListPage />}</RequireSession>;
  return (
    <>
      <h1>Page not found</h1>
      <p>There is no page at this address. Check the link, or go to your assessments.</p>
    </>
  );
}

export function App() {
  const path = usePath();
  return (
    <Layout>
      <Page path={path} />
    </Layout>
  );
}
