import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import { AssessmentEntity } from '../assessments/assessment.entity.js';
import { ResponseEntity } from '../assessments/response.entity.js';
import { SYSTEM_ACTOR } from '../common/actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { canonicalJson } from '../domain/canonical-json.js';
import { adverseImpactBreaches, aucShortfallBreaches, generativeBreaches, stabilityBreaches, type Breach } from '../domain/validation/breaches.js';
import { thresholdsFor, type ThresholdFile } from '../domain/validation/thresholds.js';
import { FindingEntity } from '../findings/finding.entity.js';
import { VALIDATION_THRESHOLDS } from './thresholds.loader.js';
import type { ValidationResults } from './validation-compute.js';
import { ValidationRunEntity } from './validation-run.entity.js';

/**
 * Finishes a run in one transaction: the results with the breaches they show, a draft finding
 * per breach on the assessment the run was done for (else the AI system's latest), and the
 * audit events. All or nothing.
 */
@Injectable()
export class ValidationOutcome {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(VALIDATION_THRESHOLDS) private readonly thresholds: ThresholdFile,
  ) {}

  async complete(runId: string, computed: ValidationResults): Promise<boolean> {
    return this.uow.run(SYSTEM_ACTOR, async (work) => {
      const run = await work.manager.findOne(ValidationRunEntity, { where: { id: runId, status: 'running' }, lock: { mode: 'pessimistic_write' } });
      if (!run) return false;
      const system = await work.manager.findOneByOrFail(AiSystemEntity, { id: run.aiSystemId });
      const assessment = run.assessmentId
        ? await work.manager.findOneByOrFail(AssessmentEntity, { id: run.assessmentId })
        : await work.manager.findOne(AssessmentEntity, { where: { aiSystemId: run.aiSystemId }, order: { cycle: 'DESC' } });
      const breaches = await this.breaches(work.manager, computed, system, assessment);
      const results = { ...computed, breaches, findingsOn: assessment ? { assessmentId: assessment.id } : null };
      const resultsSha256 = createHash('sha256').update(canonicalJson(results)).digest('hex');
      const findings = assessment ? await work.manager.save(breaches.map((breach) => work.manager.create(FindingEntity, draftFinding(run, assessment, breach)))) : [];
      for (const finding of findings) {
        work.audit({ action: 'finding.created', entityType: 'finding', entityId: finding.id, changes: { assessmentId: { before: null, after: finding.assessmentId }, severity: { before: null, after: finding.severity }, source: { before: null, after: 'validation' }, validationRunId: { before: null, after: run.id } } });
      }
      const findingIds = findings.map((f) => f.id);
      await work.manager.update(ValidationRunEntity, { id: run.id }, { status: 'done', progress: 100, results: results as never, resultsSha256, findingIds, error: null, finishedAt: () => 'now()' });
      work.audit({ action: 'validation.completed', entityType: 'validation_run', entityId: run.id, changes: { status: { before: 'running', after: 'done' }, resultsSha256: { before: null, after: resultsSha256 }, findingIds: { before: null, after: findingIds } } });
      return true;
    });
  }

  private async breaches(manager: EntityManager, computed: ValidationResults, system: AiSystemEntity, assessment: AssessmentEntity | null): Promise<Breach[]> {
    const t = thresholdsFor(this.thresholds, system.inherentTier);
    if (computed.kind === 'generative_eval') return generativeBreaches(computed.categories, t.generative);
    const claim = assessment ? await claimedAuc(manager, assessment.id, t.aucShortfall.claimQuestionIds) : null;
    return [
      ...adverseImpactBreaches(computed.fairness, t.adverseImpact),
      ...(computed.stability ? stabilityBreaches(computed.stability, t.psi, computed.stability.referenceValidationId) : []),
      ...aucShortfallBreaches(computed.performance.auc, claim, t.aucShortfall),
    ];
  }
}

/** The vendor's claimed AUC: the first of the claim questions answered with a number in (0, 1]. */
async function claimedAuc(manager: EntityManager, assessmentId: string, questionIds: string[]): Promise<{ value: number; questionId: string } | null> {
  if (questionIds.length === 0) return null;
  const responses = await manager.find(ResponseEntity, { where: questionIds.map((questionId) => ({ assessmentId, questionId })) });
  for (const questionId of questionIds) {
    const value = responses.find((r) => r.questionId === questionId)?.value;
    if (typeof value === 'number' && value > 0 && value <= 1) return { value, questionId };
  }
  return null;
}

function draftFinding(run: ValidationRunEntity, assessment: AssessmentEntity, breach: Breach): Partial<FindingEntity> {
  return {
    assessmentId: assessment.id,
    aiSystemId: assessment.aiSystemId,
    vendorId: assessment.vendorId,
    title: breach.title.slice(0, 300),
    description: `${breach.description}. Independent validation run ${run.id} on sample SHA-256 ${run.inputSha256}.`,
    severity: breach.severity,
    status: 'draft',
    source: 'validation',
    questionIds: [],
    createdBy: null,
  };
}
