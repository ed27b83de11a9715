import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import type { Principal } from '../auth/principal.js';
import { Role } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { assertIfMatch, entityTag } from '../common/etag.js';
import { conflict, forbidden, notFound, validationFailed } from '../common/errors.js';
import { keysetPage, type Page } from '../common/pagination.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { EvidenceEntity } from '../evidence/evidence.entity.js';
import { ConditionEntity } from './condition.entity.js';
import type { ConditionListQuery, UpdateConditionRequest } from './dto/decision.dto.js';

@Injectable()
export class ConditionsService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** Soonest due first. */
  list(query: ConditionListQuery): Promise<Page<ConditionEntity>> {
    const qb = this.db.getRepository(ConditionEntity).createQueryBuilder('c');
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.aiSystemId) qb.andWhere('c.ai_system_id = :aiSystemId', { aiSystemId: query.aiSystemId });
    if (query.assessmentId) qb.andWhere('c.assessment_id = :assessmentId', { assessmentId: query.assessmentId });
    if (query.ownerId) qb.andWhere('c.owner_id = :ownerId', { ownerId: query.ownerId });
    if (query.overdue) qb.andWhere(query.overdue === 'true' ? "c.status = 'open' AND c.due_date < :today" : "NOT (c.status = 'open' AND c.due_date < :today)", { today: this.clock.today() });
    return keysetPage(qb, { sortColumn: 'c.due_date', idColumn: 'c.id', position: (c) => ({ at: c.dueDate, id: c.id }) }, query);
  }

  async get(id: string): Promise<ConditionEntity> {
    const condition = await this.db.getRepository(ConditionEntity).findOneBy({ id });
    if (!condition) throw notFound('Condition');
    return condition;
  }

  /** Met (with a note, and evidence of the assessment where there is some) or waived by a risk manager. */
  resolve(actor: Actor, principal: Principal, id: string, request: UpdateConditionRequest, ifMatch: string | undefined): Promise<ConditionEntity> {
    if (request.status === 'waived' && principal.role !== Role.RiskManager) throw forbidden('Only a risk manager may waive a condition');
    return this.uow.run(actor, async (work) => {
      const condition = await work.manager.findOne(ConditionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!condition) throw notFound('Condition');
      assertIfMatch(ifMatch, entityTag(condition.version));
      if (condition.status !== 'open') throw conflict('invalid_transition', `The condition is already ${condition.status}`, { currentState: condition.status });
      const evidenceIds = [...new Set(request.evidenceIds ?? [])];
      if (evidenceIds.length) {
        const found = await work.manager.findBy(EvidenceEntity, { id: In(evidenceIds), assessmentId: condition.assessmentId });
        const missing = evidenceIds.filter((e) => !found.some((f) => f.id === e));
        if (missing.length) throw validationFailed(missing.map((e) => ({ field: 'evidenceIds', message: `${e} is not evidence of this assessment` })));
      }
      Object.assign(condition, { status: request.status, resolutionNote: request.note, evidenceIds, resolvedBy: actor.userId, resolvedAt: this.clock.now() });
      const saved = await work.manager.save(condition);
      const system = await work.manager.findOneByOrFail(AiSystemEntity, { id: condition.aiSystemId });
      const conditions = system.approvalConditions.map((c) => ((c as { id?: string }).id === id ? { ...c, status: request.status } : c));
      await work.manager.update(AiSystemEntity, { id: system.id }, { approvalConditions: conditions as never });
      work.audit({
        action: `condition.${request.status}`,
        entityType: 'condition',
        entityId: id,
        changes: { status: { before: 'open', after: request.status }, note: { before: null, after: request.note }, evidenceIds: { before: [], after: evidenceIds } },
      });
      return saved;
    });
  }
}
