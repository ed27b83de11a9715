import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { diff } from '../audit/changes.js';
import type { Actor } from '../common/actor.js';
import { assertIfMatch, entityTag } from '../common/etag.js';
import { conflict, notFound } from '../common/errors.js';
import { byCreation, keysetPage, type Page } from '../common/pagination.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { job, JobName } from '../queue/jobs.js';
import { VendorEntity, VendorStatus } from '../vendors/vendor.entity.js';
import { AiSystemVersionChangeEntity } from './ai-system-version-change.entity.js';
import { AiSystemEntity } from './ai-system.entity.js';
import type { AiSystemListQuery, CreateAiSystemRequest, UpdateAiSystemRequest } from './dto/ai-system.dto.js';

const AUDITED: (keyof AiSystemEntity)[] = ['name', 'modelVersion', 'modelType', 'description', 'hosting', 'dataRegions', 'foundationModelProviders', 'autoSend'];

@Injectable()
export class AiSystemsService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async listForVendor(vendorId: string, query: AiSystemListQuery): Promise<Page<AiSystemEntity>> {
    if (!(await this.db.getRepository(VendorEntity).existsBy({ id: vendorId }))) throw notFound('Vendor');
    const qb = this.db.getRepository(AiSystemEntity).createQueryBuilder('s').where('s.vendor_id = :vendorId', { vendorId });
    if (query.modelType) qb.andWhere('s.model_type = :modelType', { modelType: query.modelType });
    return keysetPage(qb, byCreation('s'), query);
  }

  async get(id: string): Promise<AiSystemEntity> {
    const system = await this.db.getRepository(AiSystemEntity).findOneBy({ id });
    if (!system) throw notFound('AI system');
    return system;
  }

  create(actor: Actor, vendorId: string, request: CreateAiSystemRequest): Promise<AiSystemEntity> {
    return this.uow.run(actor, async (work) => {
      const vendor = await work.manager.findOneBy(VendorEntity, { id: vendorId });
      if (!vendor) throw notFound('Vendor');
      if (vendor.status === VendorStatus.Offboarded) throw conflict('vendor_offboarded', 'The vendor is offboarded: no new AI systems can be registered');
      const system = await work.manager.save(
        work.manager.create(AiSystemEntity, {
          vendorId,
          name: request.name,
          modelVersion: request.version,
          modelType: request.modelType,
          hosting: request.hosting,
          description: request.description ?? '',
          dataRegions: request.dataRegions ?? [],
          foundationModelProviders: request.foundationModelProviders ?? [],
          autoSend: request.autoSend ?? false,
          createdBy: actor.userId,
        }),
      );
      work.audit({ action: 'ai_system.created', entityType: 'ai_system', entityId: system.id, changes: diff(null, system, ['vendorId', ...AUDITED]) });
      return system;
    });
  }

  update(actor: Actor, id: string, request: UpdateAiSystemRequest, ifMatch: string | undefined): Promise<AiSystemEntity> {
    return this.uow.run(actor, async (work) => {
      const system = await work.manager.findOne(AiSystemEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!system) throw notFound('AI system');
      assertIfMatch(ifMatch, entityTag(system.version));
      const before = { ...system };
      const { version, ...fields } = request;
      Object.assign(system, Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)));
      if (version !== undefined) system.modelVersion = version;
      const changes = diff(before, system, AUDITED);
      if (Object.keys(changes).length === 0) return system;
      const saved = await work.manager.save(system);
      work.audit({ action: 'ai_system.updated', entityType: 'ai_system', entityId: id, changes });
      if (before.modelVersion !== system.modelVersion) {
        await work.manager.insert(AiSystemVersionChangeEntity, {
          aiSystemId: id,
          fromVersion: before.modelVersion,
          toVersion: system.modelVersion,
          changedBy: actor.userId,
        });
        work.audit({ action: 'ai_system.version_changed', entityType: 'ai_system', entityId: id, changes: { version: changes.modelVersion } });
        // A decided AI system is reassessed on a model change; the job checks that after commit.
        const note = `Version ${before.modelVersion} -> ${system.modelVersion}`;
        work.enqueue(job(JobName.CreateReassessment, { aiSystemId: id, reason: 'model_change', note }, `${id}.v${saved.version}`));
      }
      return saved;
    });
  }
}
