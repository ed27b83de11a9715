import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { AssessmentAccess } from '../assessments/assessment-access.js';
import type { AssessmentEntity } from '../assessments/assessment.entity.js';
import { FrozenQuestions } from '../assessments/frozen-questions.js';
import type { Principal } from '../auth/principal.js';
import type { Actor } from '../common/actor.js';
import { DomainError, badRequest, conflict, notFound, unknownReference, validationFailed } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { mayVendorRead } from '../auth/vendor-scope.js';
import { ConditionEntity } from '../decisions/condition.entity.js';
import { UNRESOLVED } from '../domain/finding-state.js';
import { FindingEntity } from '../findings/finding.entity.js';
import { FINDING_VISIBILITY } from '../findings/findings.service.js';
import { vendorMayAnswer } from '../domain/assessment-state.js';
import { cleanFileName } from '../domain/file-name.js';
import type { AllowedMediaType } from '../domain/media-type.js';
import { parseEvidenceFields, type EvidenceFields } from './dto/evidence.dto.js';
import { EvidenceEntity } from './evidence.entity.js';
import { EvidenceStorage } from './storage/evidence-storage.js';
import { readUploadForm, type UploadForm } from './upload-form.js';
import { UploadSpool } from './upload-spool.js';

/** Serialises storing and releasing one content digest across transactions and processes. */
async function lockContent(manager: EntityManager, sha256: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('evidence'), hashtext($1))`, [sha256]);
}

function assertVendorMayAnswer(assessment: AssessmentEntity): void {
  if (!vendorMayAnswer(assessment.status)) {
    throw conflict('answers_locked', `The assessment is ${assessment.status}: evidence can no longer change`, { currentState: assessment.status });
  }
}

/** States in which no upload can be meant: nothing has been asked yet, or the assessment was called off. */
const NEVER_UPLOADS: readonly AssessmentEntity['status'][] = ['draft', 'cancelled'];

/**
 * Checked before a byte of the body is read. Once the answers are locked the form may still
 * name an open condition or a remediation item, so only the states that can take neither are refused here.
 */
function assertMayUpload(assessment: AssessmentEntity): void {
  if (NEVER_UPLOADS.includes(assessment.status)) assertVendorMayAnswer(assessment);
}

/** The open condition of this assessment an upload names. */
async function conditionFor(manager: EntityManager, assessment: AssessmentEntity, conditionId: string): Promise<ConditionEntity> {
  const condition = await manager.findOne(ConditionEntity, { where: { id: conditionId, assessmentId: assessment.id }, lock: { mode: 'pessimistic_write' } });
  if (!condition) throw unknownReference('conditionId', 'condition of this assessment');
  if (condition.status !== 'open' && condition.status !== 'proposed_met') throw conflict('condition_closed', `The condition is ${condition.status}: it takes no more evidence`, { currentState: condition.status });
  return condition;
}

/** The unresolved remediation item of this assessment addressed to the uploading vendor; others do not exist for it. */
async function findingFor(manager: EntityManager, principal: Principal, assessment: AssessmentEntity, findingId: string): Promise<FindingEntity> {
  const finding = await manager.findOne(FindingEntity, { where: { id: findingId, assessmentId: assessment.id }, lock: { mode: 'pessimistic_write' } });
  if (!finding || !mayVendorRead(principal, finding, FINDING_VISIBILITY)) throw notFound('Finding');
  if (!UNRESOLVED.includes(finding.status)) throw conflict('finding_closed', `The finding is ${finding.status}: it takes no more evidence`, { currentState: finding.status });
  return finding;
}

/** What an upload is for: a condition, a remediation item, or (while the answers are open) the answers. */
async function targetOf(manager: EntityManager, principal: Principal, assessment: AssessmentEntity, fields: EvidenceFields) {
  if (fields.conditionId) return { condition: await conditionFor(manager, assessment, fields.conditionId), finding: null };
  if (fields.findingId) return { condition: null, finding: await findingFor(manager, principal, assessment, fields.findingId) };
  assertVendorMayAnswer(assessment);
  return { condition: null, finding: null };
}

/** An upload's checked form fields and the type its bytes were sniffed as. */
type Accepted = EvidenceFields & { mediaType: AllowedMediaType };

/** A download ready to stream: the bytes and what the response headers need. */
export interface EvidenceDownload {
  evidence: EvidenceEntity;
  stream: Readable;
}

@Injectable()
export class EvidenceService {
  private readonly logger = new Logger('evidence');

  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly access: AssessmentAccess,
    private readonly frozen: FrozenQuestions,
    private readonly storage: EvidenceStorage,
    private readonly spool: UploadSpool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Streams the upload to a temp file, decides its type from the bytes, then stores it by
   * digest and records it in one transaction. Refused or failed: no row, no file.
   */
  async upload(actor: Actor, principal: Principal, assessmentId: string, request: FastifyRequest): Promise<EvidenceEntity> {
    // Refuse before reading a byte of the body when the answer is already known.
    const assessment = await this.access.load(principal, assessmentId);
    assertMayUpload(assessment);
    const form = await readUploadForm(request, this.spool, this.config.maxUploadBytes);
    try {
      const accepted = await this.checkForm(assessment, form);
      return await this.record(actor, principal, assessmentId, form, accepted);
    } finally {
      await this.spool.discard(form.file.tempPath);
    }
  }

  private async checkForm(assessment: AssessmentEntity, form: UploadForm): Promise<Accepted> {
    const fields = parseEvidenceFields(form.fields);
    if (form.file.size === 0) throw badRequest('empty_file', 'The file is empty');
    if (!form.file.sniffed.accepted) {
      throw new DomainError(415, 'unsupported_media_type', `The file is not accepted as evidence: ${form.file.sniffed.reason}`, {
        accepted: 'PDF, Word, Excel, PowerPoint, PNG, JPEG, GIF, WebP, plain text, CSV, JSON, ZIP',
      });
    }
    const { byId } = await this.frozen.of(assessment.questionnaires);
    const unknown = fields.questionIds.filter((id) => !byId.has(id));
    if (unknown.length) {
      throw validationFailed(unknown.map((id) => ({ field: 'questionIds', message: `${id} is not a question of this assessment` })), `${unknown.join(', ')} is not a question of this assessment`);
    }
    return { ...fields, mediaType: form.file.sniffed.mediaType };
  }

  private async record(actor: Actor, principal: Principal, assessmentId: string, form: UploadForm, fields: Accepted): Promise<EvidenceEntity> {
    const { sha256, size, tempPath } = form.file;
    const { mediaType } = fields;
    let stored = false;
    try {
      return await this.uow.run(actor, async (work) => {
        // Stored under the digest's lock but before the assessment row is locked, so a slow S3 upload
        // never blocks the vendor's autosave; a refusal after this point releases the file below.
        await lockContent(work.manager, sha256);
        const storageKey = await this.storage.put(tempPath, sha256);
        stored = true;
        const assessment = await this.access.load(principal, assessmentId, { manager: work.manager, lock: true });
        const { condition, finding } = await targetOf(work.manager, principal, assessment, fields);
        const evidence = await work.manager.save(
          work.manager.create(EvidenceEntity, {
            assessmentId,
            sha256,
            size: String(size),
            mediaType,
            originalName: cleanFileName(form.file.filename, mediaType),
            storageKey,
            documentDate: fields.documentDate,
            expiresAt: fields.expiresAt,
            questionIds: fields.questionIds,
            conditionId: condition?.id ?? null,
            findingId: finding?.id ?? null,
            uploadedBy: actor.userId,
          }),
        );
        if (condition) await work.manager.update(ConditionEntity, { id: condition.id }, { evidenceIds: [...condition.evidenceIds, evidence.id] });
        work.audit({
          action: 'evidence.uploaded',
          entityType: 'evidence',
          entityId: evidence.id,
          changes: { assessmentId: { before: null, after: assessmentId }, sha256: { before: null, after: sha256 }, mediaType: { before: null, after: mediaType }, name: { before: null, after: evidence.originalName }, questionIds: { before: null, after: fields.questionIds }, conditionId: { before: null, after: condition?.id ?? null }, findingId: { before: null, after: finding?.id ?? null } },
        });
        return evidence;
      });
    } catch (error) {
      if (stored) await this.releaseIfUnused(sha256);
      throw error;
    }
  }

  /** Newest first; a vendor user sees only its own vendor's assessments. */
  async list(principal: Principal, assessmentId: string): Promise<{ assessment: AssessmentEntity; files: EvidenceEntity[] }> {
    const assessment = await this.access.load(principal, assessmentId);
    return { assessment, files: await this.db.getRepository(EvidenceEntity).find({ where: { assessmentId }, order: { createdAt: 'DESC', id: 'DESC' } }) };
  }

  /** Opens the stored bytes and records the access in the audit trail before a byte is sent. */
  async download(actor: Actor, principal: Principal, evidenceId: string): Promise<EvidenceDownload> {
    const evidence = await this.readable(principal, evidenceId);
    const stream = await this.storage.open(evidence.sha256);
    try {
      await this.uow.run(actor, async (work) => {
        work.audit({ action: 'evidence.downloaded', entityType: 'evidence', entityId: evidence.id, changes: { assessmentId: { before: null, after: evidence.assessmentId } } });
      });
    } catch (error) {
      stream.destroy();
      throw error;
    }
    return { evidence, stream };
  }

  /** Only before submission; the stored bytes go too unless another upload has the same content. */
  async remove(actor: Actor, principal: Principal, evidenceId: string): Promise<void> {
    const removed = await this.uow.run(actor, async (work) => {
      const evidence = await work.manager.findOneBy(EvidenceEntity, { id: evidenceId });
      if (!evidence) throw notFound('Evidence');
      const assessment = await this.access.load(principal, evidence.assessmentId, { manager: work.manager, lock: true }).catch((error: unknown) => {
        throw error instanceof DomainError && error.status === 404 ? notFound('Evidence') : error;
      });
      assertVendorMayAnswer(assessment);
      const { affected } = await work.manager.delete(EvidenceEntity, { id: evidence.id });
      if (!affected) throw notFound('Evidence'); // deleted meanwhile by a concurrent request
      work.audit({
        action: 'evidence.deleted',
        entityType: 'evidence',
        entityId: evidence.id,
        changes: { sha256: { before: evidence.sha256, after: null }, name: { before: evidence.originalName, after: null }, questionIds: { before: evidence.questionIds, after: null } },
      });
      return evidence;
    });
    // The row is gone either way; a file left by a failure here is only unused space.
    await this.releaseIfUnused(removed.sha256).catch((error: unknown) => this.logger.warn({ err: error, sha256: removed.sha256 }, 'could not release stored evidence'));
  }

  private async readable(principal: Principal, evidenceId: string): Promise<EvidenceEntity> {
    const evidence = await this.db.getRepository(EvidenceEntity).findOneBy({ id: evidenceId });
    if (!evidence) throw notFound('Evidence');
    await this.access.load(principal, evidence.assessmentId).catch((error: unknown) => {
      throw error instanceof DomainError && error.status === 404 ? notFound('Evidence') : error;
    });
    return evidence;
  }

  /** Deletes stored bytes that no evidence row refers to, under the digest's lock. */
  private async releaseIfUnused(sha256: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await lockContent(manager, sha256);
      if (!(await manager.existsBy(EvidenceEntity, { sha256 }))) await this.storage.delete(sha256);
    });
  }
}
