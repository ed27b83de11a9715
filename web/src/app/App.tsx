import type { ReactElement } from 'react';
import { AssessmentPage } from '../features/questionnaire/AssessmentPage';
import { AssessmentListPage } from '../features/questionnaire/AssessmentListPage';
import { InvitePage } from '../features/invitation/InvitePage';
import { SignInPage } from '../features/auth/SignInPage';
import { Layout } from './Layout';
// Risk manager's review workspace and follow-up.
import { FollowUpPage } from '../features/followup/FollowUpPage';
import { RequireRole } from '../features/review/RequireRole';
import { ReviewPage } from '../features/review/ReviewPage';
import { ReviewQueuePage } from '../features/review/ReviewQueuePage';
import { match, usePath } from './router';
import { RequireSession } from './RequireSession';

/** The risk manager's pages: the review queue, one assessment's review, and follow-up. */
function reviewPage(path: string) {
  const staff = (page: ReactElement, roles: Parameters<typeof RequireRole>[0]['roles']) => (
    <RequireSession>
      <RequireRole roles={roles}>{page}</RequireRole>
    </RequireSession>
  );
  if (path === '/review') return staff(<ReviewQueuePage />, ['risk_manager']);
  const review = match('/review/:id', path);
  if (review) return staff(<ReviewPage id={review.id} />, ['risk_manager', 'auditor']);
  if (path === '/follow-up') return staff(<FollowUpPage />, ['risk_manager', 'procurement', 'auditor']);
  return null;
}

function Page({ path }: { path: string }) {
  const reviewing = reviewPage(path);
  if (reviewing) return reviewing;
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
