import type { ReactNode } from 'react';
import { AssessmentListPage } from '../features/questionnaire/AssessmentListPage';
import { AssessmentPage } from '../features/questionnaire/AssessmentPage';
import { AuditTrailPage } from '../features/audit/AuditTrailPage';
import { ApiKeysPage } from '../features/admin/ApiKeysPage';
import { UsersPage } from '../features/admin/UsersPage';
import { MyWorkPage } from '../features/dashboard/MyWorkPage';
import { PortfolioPage } from '../features/dashboard/PortfolioPage';
import { AssessmentStatusPage } from '../features/intake/AssessmentStatusPage';
import { IntakePage } from '../features/intake/IntakePage';
import { InventoryPage } from '../features/inventory/InventoryPage';
import { FollowUpPage } from '../features/followup/FollowUpPage';
import { ReviewPage } from '../features/review/ReviewPage';
import { ReviewQueuePage } from '../features/review/ReviewQueuePage';
import { NewVendorPage } from '../features/vendors/NewVendorPage';
import { VendorPage } from '../features/vendors/VendorPage';
import { VendorsPage } from '../features/vendors/VendorsPage';
import { BUYERS, READERS, STAFF, type Role } from './roles';
import { useMe } from './session';

export interface PortalRoute {
  path: string;
  /** Who may open it; anyone else is told so, and the page (and its data) is never asked for. */
  roles: readonly Role[];
  page: (params: Record<string, string>) => ReactNode;
  /** Shown in the navigation, to these roles only, when set. */
  label?: string;
}

const EVERYONE: readonly Role[] = [...STAFF, 'vendor'];

/** Every signed-in page: one line each. The navigation is the routes that have a label. */
export const ROUTES: PortalRoute[] = [
  { path: '/', roles: EVERYONE, label: 'My work', page: () => <HomePage /> },
  { path: '/assessments', roles: ['vendor'], page: () => <AssessmentListPage /> },
  { path: '/vendors', roles: READERS, label: 'Vendors', page: () => <VendorsPage /> },
  { path: '/vendors/new', roles: BUYERS, page: () => <NewVendorPage /> },
  { path: '/vendors/:id', roles: READERS, page: ({ id }) => <VendorPage id={id} /> },
  { path: '/ai-systems/:id/intake', roles: BUYERS, page: ({ id }) => <IntakePage aiSystemId={id} /> },
  { path: '/assessments/:id/status', roles: READERS, page: ({ id }) => <AssessmentStatusPage id={id} /> },
  { path: '/assessments/:id', roles: EVERYONE, page: ({ id }) => <AssessmentPage id={id} /> },
  { path: '/review', roles: ['risk_manager'], label: 'Review queue', page: () => <ReviewQueuePage /> },
  { path: '/review/:id', roles: ['risk_manager', 'auditor'], page: ({ id }) => <ReviewPage id={id} /> },
  { path: '/follow-up', roles: ['risk_manager', 'procurement', 'auditor'], label: 'Follow-up', page: () => <FollowUpPage /> },
  { path: '/inventory', roles: READERS, label: 'Model inventory', page: () => <InventoryPage /> },
  { path: '/portfolio', roles: READERS, label: 'Dashboard', page: () => <PortfolioPage /> },
  { path: '/audit', roles: ['auditor', 'admin'], label: 'Audit trail', page: () => <AuditTrailPage /> },
  { path: '/admin/users', roles: ['admin'], label: 'Users', page: () => <UsersPage /> },
  { path: '/admin/api-keys', roles: ['admin'], label: 'API keys', page: () => <ApiKeysPage /> },
];

function HomePage() {
  return <RoleSwitch vendor={<AssessmentListPage />} staff={<MyWorkPage />} />;
}

function RoleSwitch({ vendor, staff }: { vendor: ReactNode; staff: ReactNode }) {
  const me = useMe();
  return <>{me.data?.role === 'vendor' ? vendor : staff}</>;
}
