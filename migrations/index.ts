import { Foundation1795808618808 } from './1795808618808-Foundation.js';
import { Procurement1795809106068 } from './1795809106068-Procurement.js';
import { Assessments1795809303039 } from './1795809303039-Assessments.js';
import { Questionnaires1795809565523 } from './1795809565523-Questionnaires.js';
import { Review1795810962217 } from './1795810962217-Review.js';
import { IntakeRulings1796300000000 } from './1796300000000-IntakeRulings.js';
import { IntakeContradictions1796300000001 } from './1796300000001-IntakeContradictions.js';

/** Every migration, oldest first. A migration is never edited once it has landed: add a new one. */
export const MIGRATIONS: Function[] = [Foundation1795808618808, Procurement1795809106068, Assessments1795809303039, Questionnaires1795809565523, Review1795810962217, IntakeRulings1796300000000, IntakeContradictions1796300000001];
