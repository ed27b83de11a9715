import { AiSystemVersionChangeEntity } from '../ai-systems/ai-system-version-change.entity.js';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import { ClarificationEntity } from '../assessments/clarification.entity.js';
import { AssessmentContactEntity } from '../assessments/assessment-contact.entity.js';
import { AssessmentEntity } from '../assessments/assessment.entity.js';
import { InvitationEntity } from '../assessments/invitation.entity.js';
import { ResponseEntity } from '../assessments/response.entity.js';
import { AuditChainHeadEntity } from '../audit/audit-chain-head.entity.js';
import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { ApiTokenEntity } from '../auth/api-token.entity.js';
import { OidcSignInEntity } from '../auth/oidc/oidc-sign-in.entity.js';
import { ConditionEntity } from '../decisions/condition.entity.js';
import { DecisionStepEntity } from '../decisions/decision-step.entity.js';
import { DecisionEntity } from '../decisions/decision.entity.js';
import { EvidenceEntity } from '../evidence/evidence.entity.js';
import { FindingCommentEntity } from '../findings/finding-comment.entity.js';
import { FindingEntity } from '../findings/finding.entity.js';
import { RiskAcceptanceEntity } from '../findings/risk-acceptance.entity.js';
import { IncidentEntity } from '../incidents/incident.entity.js';
import { IntakeEntity } from '../intakes/intake.entity.js';
import { IdempotencyKeyEntity } from '../common/idempotency.entity.js';
import { MonitoringPlanEntity } from '../monitoring/monitoring-plan.entity.js';
import { MonitoringReadingEntity, MonitoringSubmissionEntity } from '../monitoring/monitoring-reading.entity.js';
import { NotificationEntity } from '../notifications/notification.entity.js';
import { OutboxEntity } from '../queue/outbox.entity.js';
import { QuestionnaireVersionEntity } from '../questionnaires/questionnaire-version.entity.js';
import { ReportEntity } from '../reports/report.entity.js';
import { SweepRunEntity } from '../schedules/sweep-run.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { ValidationRunEntity } from '../validation/validation-run.entity.js';
import { VendorContactEntity } from '../vendors/vendor-contact.entity.js';
import { VendorEntity } from '../vendors/vendor.entity.js';
import { WebhookDeliveryEntity } from '../webhooks/webhook-delivery.entity.js';
import { WebhookEventEntity } from '../webhooks/webhook-event.entity.js';
import { WebhookEntity } from '../webhooks/webhook.entity.js';

/** Every TypeORM entity of the product; the migration drift test compares them with migrations/. */
export const ENTITIES = [
  UserEntity,
  ApiTokenEntity,
  OidcSignInEntity,
  AuditEventEntity,
  AuditChainHeadEntity,
  OutboxEntity,
  IdempotencyKeyEntity,
  NotificationEntity,
  VendorEntity,
  VendorContactEntity,
  AiSystemEntity,
  AiSystemVersionChangeEntity,
  IntakeEntity,
  QuestionnaireVersionEntity,
  AssessmentEntity,
  AssessmentContactEntity,
  InvitationEntity,
  ResponseEntity,
  EvidenceEntity,
  ClarificationEntity,
  FindingEntity,
  FindingCommentEntity,
  RiskAcceptanceEntity,
  DecisionEntity,
  DecisionStepEntity,
  ConditionEntity,
  ReportEntity,
  SweepRunEntity,
  ValidationRunEntity,
  MonitoringPlanEntity,
  MonitoringSubmissionEntity,
  MonitoringReadingEntity,
  IncidentEntity,
  WebhookEntity,
  WebhookEventEntity,
  WebhookDeliveryEntity,
];
