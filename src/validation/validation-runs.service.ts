import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import { AssessmentEntity } from '../assessments/assessment.entity.js';
import type { Actor } from '../common/actor.js';
import { badRequest, conflict, DomainError, notFound, unknownReference, validationFailed } from '../common/errors.js';
import { checkIdempotencyKey, IdempotencyKeys } from '../common/idempotency.js';
import { byCreation, keysetPage, type Page, type PageQuery } from '../common/pagination.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { canonicalJson } from '../domain/canonical-json.js';
import { readMapping, type ValidationMapping } from '../domain/validation/mapping.js';
import type { EvidenceStorage } from '../evidence/storage/evidence-storage.js';
import { readUploadForm, type UploadForm } from '../evidence/upload-form.js';
import { UploadSpool } from '../evidence/upload-spool.js';
import { job, JobName } from '../queue/jobs.js';
import { headerOf, missingColumns } from './sample-header.js';
import { ValidationRunEntity } from './validation-run.entity.js';
import { VALIDATION_STORAGE } from './validation-storage.js';

const CSV_TYPES = ['text/csv', 'text/plain'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RequestedRun {
  id: string;
  status: ValidationRunEntity['status'];
}

const REQUEST_ROUTE = 'POST /api/v1/ai-systems/:id/validations';

export interface SampleDownload {
  run: ValidationRunEntity;
  stream: Readable;
}

@Injectable()
export class ValidationRunsService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly spool: UploadSpool,
    private readonly keys: IdempotencyKeys,
    @Inject(VALIDATION_STORAGE) private readonly storage: EvidenceStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Streams the sample to a temp file, checks the mapping against its header, stores it by
   * SHA-256 and queues the run, all or nothing: a refused upload leaves no row and no file.
   */
  async request(actor: Actor, aiSystemId: string, request: FastifyRequest, idempotencyKey?: string): Promise<{ run: RequestedRun; replayed: boolean }> {
    if (idempotencyKey !== undefined) checkIdempotencyKey(idempotencyKey);
    if (!(await this.db.getRepository(AiSystemEntity).existsBy({ id: aiSystemId }))) throw notFound('AI system');
    const form = await readUploadForm(request, this.spool, this.config.maxSampleBytes);
    try {
      const requested = async (): Promise<RequestedRun> => {
        const mapping = await this.checkForm(aiSystemId, form);
        const run = await this.record(actor, aiSystemId, form, mapping, await this.checkAssessment(aiSystemId, form.fields.get('assessmentId')));
        return { id: run.id, status: run.status };
      };
      if (idempotencyKey === undefined || !actor.userId) return { run: await requested(), replayed: false };
      // The same key with the same mapping and the same file is the same request.
      const preimage = `${REQUEST_ROUTE} ${aiSystemId}\n${canonicalJson({ mapping: form.fields.get('mapping') ?? null, assessmentId: form.fields.get('assessmentId') ?? null, sha256: form.file.sha256 })}`;
      const { body, replayed } = await this.keys.once(actor.userId, idempotencyKey, REQUEST_ROUTE, preimage, 202, requested);
      return { run: body, replayed: replayed !== null };
    } finally {
      await this.spool.discard(form.file.tempPath);
    }
  }

  private async checkForm(aiSystemId: string, form: UploadForm): Promise<ValidationMapping> {
    const mapping = parseMappingField(form.fields.get('mapping'));
    if (form.file.size === 0) throw badRequest('empty_file', 'The sample file is empty');
    if (!form.file.sniffed.accepted || !CSV_TYPES.includes(form.file.sniffed.mediaType)) {
      throw new DomainError(415, 'unsupported_media_type', 'The sample must be a CSV file (text with a header row)');
    }
    const header = await headerOf(form.file.tempPath);
    if (!header) throw badRequest('unreadable_csv', 'The first row of the file is not a readable CSV header');
    const missing = missingColumns(mapping, header);
    if (missing.length) throw new DomainError(422, 'unknown_column', missing.map((m) => m.message).join('; '), { errors: missing });
    if (mapping.kind === 'classification' && mapping.referenceValidationId) await this.checkReference(aiSystemId, mapping.referenceValidationId);
    return mapping;
  }

  /** The optional `assessmentId` field: one UUID, an assessment that exists, of this AI system. */
  private async checkAssessment(aiSystemId: string, values: string[] | undefined): Promise<string | null> {
    const ids = (values ?? []).map((v) => v.trim()).filter((v) => v !== '');
    if (ids.length === 0) return null;
    if (ids.length > 1 || !UUID.test(ids[0])) throw validationFailed([{ field: 'assessmentId', message: 'assessmentId must be one UUID' }], 'The upload form is not valid');
    const assessment = await this.db.getRepository(AssessmentEntity).findOne({ where: { id: ids[0] }, select: { id: true, aiSystemId: true } });
    if (!assessment) throw notFound('Assessment');
    if (assessment.aiSystemId !== aiSystemId) {
      throw new DomainError(422, 'assessment_of_another_ai_system', 'The assessment is of another AI system: a run’s findings go on an assessment of the system it validates', {
        errors: [{ field: 'assessmentId', message: 'must be an assessment of this AI system' }],
      });
    }
    return assessment.id;
  }

  /** Stability needs a finished classification run of the same AI system whose sample is still kept. */
  private async checkReference(aiSystemId: string, referenceId: string): Promise<void> {
    const reference = await this.db.getRepository(ValidationRunEntity).findOneBy({ id: referenceId, aiSystemId });
    if (!reference || reference.kind !== 'classification') throw unknownReference('mapping.referenceValidationId', 'classification validation run of this AI system');
    if (reference.status !== 'done') throw conflict('reference_not_done', `The reference run is ${reference.status}: stability is measured against a finished run`, { currentState: reference.status });
    if (reference.inputDeletedAt) throw conflict('reference_input_deleted', 'The reference run’s sample was deleted at the end of its retention period');
  }

  private async record(actor: Actor, aiSystemId: string, form: UploadForm, mapping: ValidationMapping, assessmentId: string | null): Promise<ValidationRunEntity> {
    const { sha256, size, tempPath, filename } = form.file;
    let stored = false;
    try {
      return await this.uow.run(actor, async (work) => {
        await lockSample(work.manager, sha256);
        await this.storage.put(tempPath, sha256);
        stored = true;
        const run = await work.manager.save(
          work.manager.create(ValidationRunEntity, { aiSystemId, assessmentId, kind: mapping.kind, status: 'queued', mapping: { ...mapping }, inputSha256: sha256, inputSize: String(size), inputName: filename.slice(0, 255), requestedBy: actor.userId }),
        );
        work.audit({
          action: 'validation.requested',
          entityType: 'validation_run',
          entityId: run.id,
          changes: { aiSystemId: { before: null, after: aiSystemId }, assessmentId: { before: null, after: assessmentId }, inputSha256: { before: null, after: sha256 }, mapping: { before: null, after: mapping } },
        });
        work.enqueue(job(JobName.RunValidation, { validationId: run.id }, run.id));
        return run;
      });
    } catch (error) {
      if (stored) await this.release(sha256);
      throw error;
    }
  }

  /** After a failed upload: the bytes leave the store unless a run keeps them. */
  private async release(sha256: string): Promise<void> {
    await this.db
      .transaction(async (manager) => {
        await lockSample(manager, sha256);
        if (!(await manager.existsBy(ValidationRunEntity, { inputSha256: sha256, inputDeletedAt: IsNull() }))) await this.storage.delete(sha256);
      })
      .catch(() => undefined);
  }

  async get(id: string): Promise<ValidationRunEntity> {
    const run = await this.db.getRepository(ValidationRunEntity).findOneBy({ id });
    if (!run) throw notFound('Validation run');
    return run;
  }

  async list(aiSystemId: string, query: PageQuery): Promise<Page<ValidationRunEntity>> {
    if (!(await this.db.getRepository(AiSystemEntity).existsBy({ id: aiSystemId }))) throw notFound('AI system');
    const qb = this.db.getRepository(ValidationRunEntity).createQueryBuilder('v').where('v.ai_system_id = :aiSystemId', { aiSystemId });
    return keysetPage(qb, byCreation<ValidationRunEntity>('v', true), query);
  }

  /** Opens the sample and records who took it in the audit trail before a byte is sent. */
  async download(actor: Actor, id: string): Promise<SampleDownload> {
    const run = await this.get(id);
    if (run.inputDeletedAt) throw new DomainError(410, 'sample_deleted', 'The sample file was deleted at the end of its retention period; the results are kept');
    const stream = await this.storage.open(run.inputSha256);
    try {
      await this.uow.run(actor, async (work) => {
        work.audit({ action: 'validation.sample_downloaded', entityType: 'validation_run', entityId: run.id, changes: { inputSha256: { before: null, after: run.inputSha256 } } });
      });
    } catch (error) {
      stream.destroy();
      throw error;
    }
    return { run, stream };
  }
}

/** Serialises storing and deleting one sample digest across transactions and processes. */
export async function lockSample(manager: EntityManager, sha256: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('validation-sample'), hashtext($1))`, [sha256]);
}

/** The `mapping` form field: one JSON object, checked in full. */
function parseMappingField(values: string[] | undefined): ValidationMapping {
  if (!values || values.length !== 1) throw validationFailed([{ field: 'mapping', message: 'one mapping field (JSON) is required' }], 'The upload form is not valid');
  let parsed: unknown;
  try {
    parsed = JSON.parse(values[0]);
  } catch {
    throw validationFailed([{ field: 'mapping', message: 'is not valid JSON' }], 'The mapping is not valid JSON');
  }
  const { mapping, problems } = readMapping(parsed);
  if (!mapping) throw validationFailed(problems, `The mapping is not valid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  return mapping;
}
