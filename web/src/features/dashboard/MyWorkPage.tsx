import type { ReactNode } from 'react';
import { Link } from '../../app/router';
import type { Role } from '../../app/roles';
import { useMe } from '../../app/session';
import { dayFromToday } from '../../ui/words';
import { AssessmentSection } from './AssessmentSection';
import { OverdueConditions } from './OverdueConditions';

const weekAhead = () => dayFromToday(7);
const notOverdue = (a: { dueDate: string }) => a.dueDate >= dayFromToday(0);

function ProcurementWork() {
  return (
    <>
      <AssessmentSection title="Waiting for me: drafts to send" query={{ requestedBy: 'me', status: 'draft' }} empty="No draft waits to be sent." />
      <AssessmentSection title="Overdue" query={{ requestedBy: 'me', overdue: 'true' }} empty="None of your assessments is overdue." />
      <AssessmentSection title="Due this week" query={{ requestedBy: 'me', dueBefore: weekAhead() }} keep={notOverdue} empty="Nothing of yours falls due this week." />
      <AssessmentSection title="All my open assessments" query={{ requestedBy: 'me' }} keep={(a) => a.status !== 'draft'} empty="You follow no open assessment." />
      <p>
        <Link to="/vendors/new">Register a vendor</Link> · <Link to="/vendors">Find a vendor</Link>
      </p>
    </>
  );
}

function RiskWork() {
  return (
    <>
      <AssessmentSection title="Waiting for me: submitted for review" query={{ status: 'submitted' }} empty="No assessment waits for a reviewer." />
      <AssessmentSection title="In my review" query={{ reviewer: 'me' }} keep={(a) => a.status === 'in_review' || a.status === 'clarification_requested'} empty="You are reviewing nothing right now." />
      <AssessmentSection title="Overdue" query={{ overdue: 'true' }} empty="No assessment is overdue." />
      <AssessmentSection title="Due this week" query={{ dueBefore: weekAhead() }} keep={notOverdue} empty="Nothing falls due this week." />
      <OverdueConditions />
    </>
  );
}

function AuditorWork() {
  return (
    <>
      <p>
        <Link to="/audit">Audit trail</Link> · <Link to="/inventory">Model inventory</Link> · <Link to="/portfolio">Dashboard</Link>
      </p>
      <AssessmentSection title="Overdue" query={{ overdue: 'true' }} empty="No assessment is overdue." />
      <OverdueConditions />
    </>
  );
}

function AdminWork() {
  return (
    <ul className="cards">
      <li>
        <Link to="/admin/users">Users</Link>
        <span>Create staff accounts, change roles, deactivate.</span>
      </li>
      <li>
        <Link to="/admin/api-keys">API keys</Link>
        <span>Keys for integrations: create, revoke.</span>
      </li>
      <li>
        <Link to="/audit">Audit trail</Link>
        <span>Who changed what, and whether the chain holds.</span>
      </li>
    </ul>
  );
}

const WORK: Record<Exclude<Role, 'vendor'>, () => ReactNode> = { procurement: ProcurementWork, risk_manager: RiskWork, auditor: AuditorWork, admin: AdminWork };

/** The staff landing page: what waits for me, what is overdue, what falls due this week. */
export function MyWorkPage() {
  const me = useMe();
  if (!me.data || me.data.role === 'vendor') return null;
  const Work = WORK[me.data.role];
  return (
    <section>
      <h1>My work</h1>
      <Work />
    </section>
  );
}
