/**
 * Who may call what, written by hand from the roles of the design, not read from the code:
 * procurement registers vendors and AI systems, fills intakes and sends questionnaires; the vendor
 * works on its own assessments only; the risk manager reviews, raises findings, decides, accepts
 * risk and manages questionnaires and schedules; the auditor reads everything and changes nothing;
 * the admin runs users and API keys. Where the design is silent the code's choice is kept, and
 * the line says so.
 */
import type { Operation } from './openapi-samples.js';

export type RoleName = 'admin' | 'procurement' | 'risk_manager' | 'auditor' | 'vendor';
/** `public`: no token needed; `signed-in`: any role. */
export type Access = 'public' | 'signed-in' | readonly RoleName[];

export const ROLE_NAMES: readonly RoleName[] = ['admin', 'procurement', 'risk_manager', 'auditor', 'vendor'];

/** Everyone who works for the buying organisation. */
const STAFF: RoleName[] = ['admin', 'procurement', 'risk_manager', 'auditor'];
/** Staff and the vendor, the vendor on its own vendor's records only (404 on any other). */
const STAFF_AND_VENDOR: RoleName[] = [...STAFF, 'vendor'];
/** The buyers: procurement registers and sends; the risk manager may do the same (design silent: kept). */
const BUYERS: RoleName[] = ['procurement', 'risk_manager'];

export const ROLE_TABLE: Record<string, Access> = {
  // auth and ops
  login: 'public',
  acceptInvitation: 'public',
  getAuthMethods: 'public',
  startOidcLogin: 'public',
  finishOidcLogin: 'public',
  liveness: 'public',
  readiness: 'public',
  logout: 'signed-in',
  getMe: 'signed-in',

  // users and keys: the admin's; the auditor reads who may do what, an access review being audit work
  listUsers: ['admin', 'auditor'],
  getUser: ['admin', 'auditor'],
  createUser: ['admin'],
  updateUser: ['admin'],
  listApiKeys: ['admin', 'auditor'],
  createApiKey: ['admin'],
  revokeApiKey: ['admin'],

  // vendors and AI systems: registered by procurement
  listVendors: STAFF,
  createVendor: BUYERS,
  getVendor: STAFF_AND_VENDOR,
  updateVendor: BUYERS,
  listVendorContacts: STAFF,
  createVendorContact: BUYERS,
  listVendorAiSystems: STAFF,
  createAiSystem: BUYERS,
  getAiSystem: STAFF, // design silent on a vendor reading its AI system record: kept staff-only
  updateAiSystem: BUYERS,
  reassessAiSystem: BUYERS,

  // intakes: filled by procurement
  listIntakes: STAFF,
  getIntakeForm: STAFF,
  createIntake: BUYERS,
  getIntake: STAFF,
  previewIntake: BUYERS, // the same people who file the intake see its tier before filing it
  // second-line rulings on an intake: ruling out an Article 5 practice, signing off a lower tier
  ruleOutProhibitedPractice: ['risk_manager'],
  signOffTier: ['risk_manager'],

  // questionnaires: managed by the risk manager
  listQuestionnaires: STAFF,
  getQuestionnaireVersion: STAFF,
  getQuestionnaireCoverage: STAFF,
  importQuestionnaire: ['risk_manager'],
  exportQuestionnaireVersion: ['risk_manager', 'auditor'], // the export carries the scoring weights; design silent on procurement and admin: kept

  // assessments: sent by the buyers, answered by the vendor, reviewed by the risk manager
  listAssessments: STAFF_AND_VENDOR,
  createAssessment: BUYERS,
  getAssessment: STAFF_AND_VENDOR,
  sendAssessment: BUYERS,
  cancelAssessment: BUYERS,
  listAssessmentQuestions: STAFF_AND_VENDOR,
  saveAssessmentResponses: ['vendor'],
  submitAssessment: ['vendor'],
  startAssessmentReview: ['risk_manager'],
  listClarifications: STAFF_AND_VENDOR,
  requestClarification: ['risk_manager'],
  getAssessmentScore: ['risk_manager', 'auditor', 'admin'], // never the vendor; design silent on procurement: kept out
  decideAssessment: ['risk_manager'],
  disagreeWithDecision: ['risk_manager'],
  getAssessmentDecision: STAFF, // design silent on the vendor reading the decision record: kept staff-only

  // evidence: uploaded and withdrawn by the vendor
  listEvidence: STAFF_AND_VENDOR,
  uploadEvidence: ['vendor'],
  downloadEvidence: STAFF_AND_VENDOR,
  deleteEvidence: ['vendor'],
  reviewEvidence: ['risk_manager'],

  // findings: raised and triaged by the risk manager, remediated by the vendor
  listAssessmentFindings: STAFF_AND_VENDOR,
  createFinding: ['risk_manager'],
  listFindings: STAFF_AND_VENDOR,
  getFinding: STAFF_AND_VENDOR,
  updateFinding: ['risk_manager', 'vendor'],
  commentOnFinding: ['risk_manager', 'procurement', 'vendor'], // design silent on procurement discussing a finding: kept
  acceptFindingRisk: ['risk_manager'],

  // conditions of a decision
  listConditions: STAFF,
  updateCondition: ['risk_manager', 'procurement'], // design silent on who tracks a condition: kept

  // reports: internal; a vendor passes the role check and is always told that no such report exists
  requestReport: STAFF, // building the report changes no assessment: a read for the auditor (design silent: kept)
  getReport: STAFF_AND_VENDOR,
  downloadReport: STAFF_AND_VENDOR,

  // portfolio and schedules
  listInventory: STAFF,
  getPortfolioSummary: STAFF,
  listSchedules: STAFF,

  // audit trail: read by the auditor; the admin as platform owner too (design silent: kept)
  listAuditEvents: ['auditor', 'admin'],
  verifyAuditChain: ['auditor', 'admin'],

  // independent validation: the sample holds personal data, so only the risk team and audit read
  // results; only risk managers run a validation or download its sample (the design: risk managers validate)
  listValidations: ['risk_manager', 'auditor'],
  getValidation: ['risk_manager', 'auditor'],
  requestValidation: ['risk_manager'],
  downloadValidationSample: ['risk_manager'],

  // monitoring plans: written by one risk manager, approved by another (the second line sets what is
  // watched); all staff read what is in force; the vendor is kept out (design silent: it submits
  // figures and reports incidents, it does not read the thresholds)
  getMonitoringPlan: STAFF,
  replaceMonitoringPlan: ['risk_manager'],
  approveMonitoringPlan: ['risk_manager'],
  getMonitoringPlanProposal: ['risk_manager', 'auditor'],
  // figures: the vendor for vendor-sourced metrics of its own systems; staff who work the system
  // (procurement as first line, the risk manager) for the others; the auditor only reads
  submitMonitoringFigures: ['vendor', 'procurement', 'risk_manager'],
  getMonitoringSeries: STAFF,

  // incidents: reported by the vendor on its own systems or by staff who work them; every role
  // reads (a vendor only what it reported); the second line classifies and records notifications
  reportIncident: ['vendor', 'procurement', 'risk_manager'],
  listAiSystemIncidents: STAFF_AND_VENDOR,
  getIncident: STAFF_AND_VENDOR,
  classifyIncident: ['risk_manager'],
  recordIncidentNotification: ['risk_manager'],

  // outgoing mail: the operator watches what did not arrive; the auditor reads everything
  listNotifications: ['admin', 'auditor'],

  // exchange formats: staff export what they may read (the export has no scores); the vendor
  // imports into its own assessment (404 on another's), procurement and risk may do it for them
  exportAssessment: STAFF,
  importAnswers: [...BUYERS, 'vendor'],
  getQuestionnaireOscal: STAFF,

  // webhooks: platform settings, so the admin's (design: admin runs users, keys, settings); the
  // auditor reads where events go and what was delivered
  listWebhooks: ['admin', 'auditor'],
  createWebhook: ['admin'],
  deleteWebhook: ['admin'],
  listWebhookDeliveries: ['admin', 'auditor'],
  redeliverWebhookDelivery: ['admin'],
};

/** Operations where a vendor that passes the role check must still get 404, whatever the id. */
export const NOT_FOUND_FOR_VENDOR: ReadonlySet<string> = new Set(['getReport', 'downloadReport']);

/** The table's access in the contract's own terms: no `x-roles` when public, `['any']` for any signed-in role. */
export function asContractRoles(access: Access): string[] | undefined {
  if (access === 'public') return undefined;
  if (access === 'signed-in') return ['any'];
  return [...access].sort();
}

const contractRoles = (operation: Operation): string[] | undefined => (operation['x-roles'] ? [...operation['x-roles']].sort() : undefined);

const listed = (roles: string[] | undefined) => (roles ? `[${roles.join(', ')}]` : 'none (public)');

/** Null when the contract's `x-roles` of the operation match the table, else a line naming both. */
export function roleDifference(operation: Operation): string | null {
  const access = ROLE_TABLE[operation.operationId];
  if (access === undefined) return `${operation.operationId} is missing from the role table (contract: ${listed(contractRoles(operation))})`;
  const [contract, table] = [contractRoles(operation), asContractRoles(access)];
  return JSON.stringify(contract) === JSON.stringify(table) ? null : `${operation.operationId}: the contract allows ${listed(contract)}, the role table ${listed(table)}`;
}

/** Whether the table lets `caller` (a role, or no token at all) past the role check of `operationId`. */
export function tableAllows(operationId: string, caller: RoleName | 'anonymous'): boolean {
  const access = ROLE_TABLE[operationId];
  if (access === undefined) throw new Error(`${operationId} is missing from the role table`);
  if (access === 'public') return true;
  if (caller === 'anonymous') return false;
  return access === 'signed-in' || access.includes(caller);
}
