import { Foundation1795808618808 } from './1795808618808-Foundation.js';
import { Procurement1795809106068 } from './1795809106068-Procurement.js';
import { Assessments1795809303039 } from './1795809303039-Assessments.js';
import { Questionnaires1795809565523 } from './1795809565523-Questionnaires.js';
import { Review1795810962217 } from './1795810962217-Review.js';
import { ReportProgress1796100000000 } from './1796100000000-ReportProgress.js';
import { NotificationAttempts1796100000001 } from './1796100000001-NotificationAttempts.js';
import { SweepRuns1796100000002 } from './1796100000002-SweepRuns.js';
import { DecisionControls1796200000000 } from './1796200000000-DecisionControls.js';
import { IntakeRulings1796300000000 } from './1796300000000-IntakeRulings.js';
import { IntakeContradictions1796300000001 } from './1796300000001-IntakeContradictions.js';
import { ValidationRuns1796600000000 } from './1796600000000-ValidationRuns.js';
import { FindingEvidence1796700000000 } from './1796700000000-FindingEvidence.js';
import { KeysetIndexes1796900000000 } from './1796900000000-KeysetIndexes.js';
import { PortfolioSummaryIndex1796900000001 } from './1796900000001-PortfolioSummaryIndex.js';
import { FindingHighestSeverity1797000000000 } from './1797000000000-FindingHighestSeverity.js';
import { ValidationRunAssessment1797000000001 } from './1797000000001-ValidationRunAssessment.js';
import { Monitoring1797200000000 } from './1797200000000-Monitoring.js';
import { Webhooks1797300000000 } from './1797300000000-Webhooks.js';
import { OidcSignIns1797500000000 } from './1797500000000-OidcSignIns.js';

/** Every migration, oldest first. A migration is never edited once it has landed: add a new one. */
export const MIGRATIONS: Function[] = [
  Foundation1795808618808,
  Procurement1795809106068,
  Assessments1795809303039,
  Questionnaires1795809565523,
  Review1795810962217,
  ReportProgress1796100000000,
  NotificationAttempts1796100000001,
  SweepRuns1796100000002,
  DecisionControls1796200000000,
  IntakeRulings1796300000000,
  IntakeContradictions1796300000001,
  ValidationRuns1796600000000,
  FindingEvidence1796700000000,
  KeysetIndexes1796900000000,
  PortfolioSummaryIndex1796900000001,
  FindingHighestSeverity1797000000000,
  ValidationRunAssessment1797000000001,
  Monitoring1797200000000,
  Webhooks1797300000000,
  OidcSignIns1797500000000,
];
