import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { mayVendorRead, type VendorVisibility } from '../auth/vendor-scope.js';
import { conflict, notFound } from '../common/errors.js';
import { nextState, visibleToVendor, type AssessmentEvent } from '../domain/assessment-state.js';
import { AssessmentEntity } from './assessment.entity.js';

/**
 * Loads an assessment for a caller. A vendor user gets "not found" for another vendor's
 * assessment and for a draft, so nothing about them leaks.
 */
@Injectable()
export class AssessmentAccess {
  constructor(private readonly db: DataSource) {}

  async load(principal: Principal, id: string, options: { manager?: EntityManager; lock?: boolean } = {}): Promise<AssessmentEntity> {
    const manager = options.manager ?? this.db.manager;
    const assessment = await manager.findOne(AssessmentEntity, { where: { id }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!assessment || !mayRead(principal, assessment)) throw notFound('Assessment');
    return assessment;
  }
}

/** A vendor sees its own vendor's assessments once they were sent, never a draft. */
export const ASSESSMENT_VISIBILITY: VendorVisibility<AssessmentEntity> = {
  vendorColumn: 'vendor_id',
  conditions: ["{}.status <> 'draft'", '{}.sent_at IS NOT NULL'],
  visible: (assessment) => visibleToVendor(assessment.status, assessment.sentAt),
  vendorId: (assessment) => assessment.vendorId,
};

export function mayRead(principal: Principal, assessment: AssessmentEntity): boolean {
  return mayVendorRead(principal, assessment, ASSESSMENT_VISIBILITY);
}

/** Refuses with 409, naming the current state, when `event` is not possible now. */
export function assertCan(assessment: AssessmentEntity, event: AssessmentEvent): AssessmentEntity['status'] {
  const next = nextState(assessment.status, event);
  if (!next) {
    throw conflict('invalid_state', `The assessment is ${assessment.status}: ${event.replace(/_/g, ' ')} is not possible now`, { currentState: assessment.status });
  }
  return next;
}

/** Moves the assessment by `event` or refuses with 409 naming its current state. */
export function move(assessment: AssessmentEntity, event: AssessmentEvent): void {
  assessment.status = assertCan(assessment, event);
}
