import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import { AssessmentEntity } from '../assessments/assessment.entity.js';
import type { Principal } from '../auth/principal.js';
import { Role } from '../auth/roles.js';
import { assertVendorScope, mayVendorRead, scopeToVendor, type VendorVisibility } from '../auth/vendor-scope.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { conflict, notFound, unprocessable, validationFailed } from '../common/errors.js';
import { byCreation, keysetPage, type Page, type PageQuery } from '../common/pagination.js';
import { UnitOfWork, type Work } from '../database/unit-of-work.js';
import { DECISION_OUTCOMES } from '../domain/assessment-state.js';
import { incidentDeadlines } from '../domain/monitoring/incident-deadlines.js';
import { FindingEntity, type FindingSeverity } from '../findings/finding.entity.js';
import { MONITORING_CONFIG, type MonitoringConfig } from '../monitoring/monitoring.config.js';
import { job, JobName } from '../queue/jobs.js';
import type { ClassifyIncidentRequest, RecordNotificationRequest, ReportIncidentRequest } from './dto/incident.dto.js';
import { IncidentEntity, type StoredDeadline } from './incident.entity.js';
import { IncidentMail } from './incident-mail.js';

/** A vendor sees the incidents it reported on its own systems; what staff record is internal (design silent). */
export const INCIDENT_VISIBILITY: VendorVisibility<IncidentEntity> = { vendorColumn: 'vendor_id', conditions: ['{}.reported_by_vendor'], visible: (i) => i.reportedByVendor, vendorId: (i) => i.vendorId };

const SEVERE = ['high', 'critical'];

/** Vendor incidents: reported, classified by the second line, with the deployer's reporting clocks. */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly mail: IncidentMail,
    @Inject(MONITORING_CONFIG) private readonly config: MonitoringConfig,
  ) {}

  async report(actor: Actor, principal: Principal, aiSystemId: string, body: ReportIncidentRequest): Promise<IncidentEntity> {
    const system = await this.db.getRepository(AiSystemEntity).findOneBy({ id: aiSystemId });
    if (!system) throw notFound('AI system');
    assertVendorScope(principal, system.vendorId, 'AI system');
    const now = this.clock.now();
    const detectedAt = new Date(body.detectedAt);
    const occurredAt = body.occurredAt ? new Date(body.occurredAt) : null;
    if (detectedAt > now) throw validationFailed([{ field: 'detectedAt', message: 'is in the future' }]);
    if (occurredAt && occurredAt > detectedAt) throw validationFailed([{ field: 'occurredAt', message: 'is after detectedAt' }]);
    const byVendor = principal.role === Role.Vendor;
    return this.uow.run(actor, async (work) => {
      const incident = work.manager.create(IncidentEntity, {
        aiSystemId, vendorId: system.vendorId, type: body.type, severity: body.severity, detectedAt, occurredAt, description: body.description, evidence: body.evidence ?? [], notificationsMade: [],
        reportedBy: actor.userId, reportedByVendor: byVendor,
        // A breach of personal data starts the GDPR clock at once: when the organisation learns of it.
        personalDataBreach: body.type === 'personal_data_breach',
        awareAt: body.type === 'personal_data_breach' ? (byVendor ? now : detectedAt) : null,
        classifiedAt: body.type === 'personal_data_breach' ? now : null,
      });
      incident.deadlines = this.deadlines(incident);
      const saved = await work.manager.save(incident);
      work.audit({ action: 'incident.reported', entityType: 'incident', entityId: saved.id, changes: { aiSystemId: { before: null, after: aiSystemId }, type: { before: null, after: saved.type }, severity: { before: null, after: saved.severity }, detectedAt: { before: null, after: body.detectedAt } } });
      work.emit('incident.reported', { incidentId: saved.id, aiSystemId, vendorId: system.vendorId, type: saved.type, severity: saved.severity, detectedAt: saved.detectedAt.toISOString(), reportedByVendor: byVendor });
      await this.escalate(work, saved, system);
      await this.mail.reported(work, saved, system);
      return saved;
    });
  }

  async classify(actor: Actor, id: string, body: ClassifyIncidentRequest): Promise<IncidentEntity> {
    return this.uow.run(actor, async (work) => {
      const incident = await work.manager.findOne(IncidentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!incident) throw notFound('Incident');
      const now = this.clock.now();
      const awareAt = body.awareAt ? new Date(body.awareAt) : (incident.awareAt ?? (incident.reportedByVendor ? incident.createdAt : incident.detectedAt));
      if (awareAt > now) throw validationFailed([{ field: 'awareAt', message: 'is in the future' }]);
      const before = { majorIct: incident.majorIct, seriousIncident: incident.seriousIncident, personalDataBreach: incident.personalDataBreach, deadlines: incident.deadlines };
      Object.assign(incident, { majorIct: body.majorIct, seriousIncident: body.seriousIncident, personalDataBreach: body.personalDataBreach, awareAt, classifiedAt: now, classifiedBy: actor.userId });
      incident.deadlines = this.deadlines(incident);
      const saved = await work.manager.save(incident);
      work.audit({
        action: 'incident.classified',
        entityType: 'incident',
        entityId: id,
        changes: { majorIct: { before: before.majorIct, after: saved.majorIct }, seriousIncident: { before: before.seriousIncident, after: saved.seriousIncident }, personalDataBreach: { before: before.personalDataBreach, after: saved.personalDataBreach }, deadlines: { before: before.deadlines, after: saved.deadlines } },
      });
      await this.escalate(work, saved, await work.manager.findOneByOrFail(AiSystemEntity, { id: saved.aiSystemId }));
      return saved;
    });
  }

  async recordNotification(actor: Actor, id: string, body: RecordNotificationRequest): Promise<IncidentEntity> {
    return this.uow.run(actor, async (work) => {
      const incident = await work.manager.findOne(IncidentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!incident) throw notFound('Incident');
      const madeAt = new Date(body.madeAt);
      if (madeAt > this.clock.now()) throw validationFailed([{ field: 'madeAt', message: 'is in the future' }]);
      if (!incident.deadlines.some((d) => d.regime === body.regime && d.stage === body.stage)) {
        throw unprocessable('no_such_deadline', `The incident's classification has no ${body.regime} ${body.stage} deadline`);
      }
      if (incident.notificationsMade.some((n) => n.regime === body.regime && n.stage === body.stage)) throw conflict('already_notified', `The ${body.regime} ${body.stage} notification is already recorded`);
      incident.notificationsMade = [...incident.notificationsMade, { regime: body.regime, stage: body.stage, madeAt: madeAt.toISOString(), reference: body.reference ?? null, recordedBy: actor.userId }];
      incident.deadlines = this.deadlines(incident);
      const saved = await work.manager.save(incident);
      work.audit({ action: 'incident.notification_recorded', entityType: 'incident', entityId: id, changes: { notification: { before: null, after: { regime: body.regime, stage: body.stage, madeAt: madeAt.toISOString(), reference: body.reference ?? null } } } });
      return saved;
    });
  }

  async get(principal: Principal, id: string): Promise<IncidentEntity> {
    const incident = await this.db.getRepository(IncidentEntity).findOneBy({ id });
    if (!incident || !mayVendorRead(principal, incident, INCIDENT_VISIBILITY)) throw notFound('Incident');
    return incident;
  }

  async list(principal: Principal, aiSystemId: string, query: PageQuery): Promise<Page<IncidentEntity>> {
    const system = await this.db.getRepository(AiSystemEntity).findOneBy({ id: aiSystemId });
    if (!system) throw notFound('AI system');
    assertVendorScope(principal, system.vendorId, 'AI system');
    const qb = scopeToVendor(this.db.getRepository(IncidentEntity).createQueryBuilder('i').where('i.ai_system_id = :aiSystemId', { aiSystemId }), principal, INCIDENT_VISIBILITY);
    return keysetPage(qb, byCreation<IncidentEntity>('i', true), query);
  }

  private deadlines(incident: IncidentEntity): StoredDeadline[] {
    if (!incident.awareAt || !incident.classifiedAt) return [];
    const notified = Object.fromEntries(incident.notificationsMade.map((n) => [`${n.regime}.${n.stage}`, new Date(n.madeAt)]));
    const computed = incidentDeadlines(
      { majorIct: incident.majorIct, seriousIncident: incident.seriousIncident, personalDataBreach: incident.personalDataBreach },
      { awareAt: incident.awareAt, classifiedAt: incident.classifiedAt, zone: this.config.incidentTimeZone, notified },
    );
    return computed.map((d) => ({ regime: d.regime, stage: d.stage, dueAt: d.dueAt.toISOString(), rule: d.rule, notifiedAt: d.notifiedAt?.toISOString() ?? null }));
  }

  /**
   * A severe incident (high or critical, or classified major, serious or a personal-data breach)
   * opens one draft finding on the latest decided assessment and, by default, a reassessment.
   */
  private async escalate(work: Work, incident: IncidentEntity, system: AiSystemEntity): Promise<void> {
    const severe = SEVERE.includes(incident.severity) || incident.personalDataBreach || incident.majorIct || incident.seriousIncident !== null;
    if (!severe || incident.findingId || incident.reassessmentRequested) return;
    const decided = await work.manager.findOne(AssessmentEntity, { where: { aiSystemId: system.id, status: In([...DECISION_OUTCOMES]) }, order: { cycle: 'DESC' } });
    const updates: Partial<IncidentEntity> = {};
    if (decided) {
      const severity: FindingSeverity = SEVERE.includes(incident.severity) ? (incident.severity as FindingSeverity) : 'high';
      const finding = await work.manager.save(
        work.manager.create(FindingEntity, {
          assessmentId: decided.id, aiSystemId: system.id, vendorId: system.vendorId, title: `Incident: ${incident.type.replace(/_/g, ' ')} (${incident.severity})`,
          description: `${incident.description}\n\nIncident ${incident.id}, detected ${incident.detectedAt.toISOString()}.`, severity, status: 'draft', source: 'incident', questionIds: [], createdBy: null,
        }),
      );
      work.audit({ action: 'finding.created', entityType: 'finding', entityId: finding.id, changes: { assessmentId: { before: null, after: decided.id }, severity: { before: null, after: severity }, source: { before: null, after: 'incident' }, incidentId: { before: null, after: incident.id } } });
      updates.findingId = finding.id;
    }
    if (this.config.reassessOnIncident && decided) {
      work.enqueue(job(JobName.CreateReassessment, { aiSystemId: system.id, reason: 'incident', note: `Incident ${incident.id}: ${incident.type.replace(/_/g, ' ')}, ${incident.severity}` }, `${system.id}.incident.${incident.id}`));
      updates.reassessmentRequested = true;
    }
    if (Object.keys(updates).length) {
      await work.manager.update(IncidentEntity, { id: incident.id }, updates);
      Object.assign(incident, updates);
    }
  }
}
