import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { diff } from '../audit/changes.js';
import { SYSTEM_ACTOR, type Actor } from '../common/actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { contentHash, versionError, versionStatus, type SchemaCheck, type TemplateError } from '../domain/questionnaire-document.js';
import { parseVersion, type QuestionnaireTemplate } from '../domain/questionnaire-template.js';
import { loadTemplateFiles, loadTemplateSchema, QUESTIONNAIRES_DIR, TemplateErrors } from './questionnaire.loader.js';
import { QuestionnaireVersionEntity } from './questionnaire-version.entity.js';

export type StoreOutcome =
  | { status: 'created' | 'unchanged'; stored: QuestionnaireVersionEntity }
  | { status: 'conflict'; stored: QuestionnaireVersionEntity; contentHash: string };

const AUDITED: (keyof QuestionnaireVersionEntity)[] = ['key', 'version', 'kind', 'title', 'contentHash', 'questionCount', 'source'];

/**
 * The stored questionnaire versions. At start-up it stores every shipped template that is not
 * stored yet and refuses to start when a file changed without a new version. Other features read
 * templates here, e.g. `latest('intake')` for the intake form.
 */
@Injectable()
export class QuestionnaireRegistry implements OnApplicationBootstrap {
  private readonly logger = new Logger('questionnaires');
  private shipped?: Promise<void>;
  private schema?: Promise<SchemaCheck>;
  /** Versions never change, so a version read once can be kept. */
  private readonly byKeyVersion = new Map<string, QuestionnaireVersionEntity>();

  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** Runs after every onModuleInit hook, so the database is connected and migrated. */
  async onApplicationBootstrap(): Promise<void> {
    await this.ready();
  }

  ready(): Promise<void> {
    this.shipped ??= this.storeShipped();
    return this.shipped;
  }

  schemaCheck(): Promise<SchemaCheck> {
    this.schema ??= loadTemplateSchema();
    return this.schema;
  }

  /**
   * The highest version of a template, or null when there is none. Inside a transaction pass its
   * manager: a second connection could wait forever on a one-connection (embedded) database.
   */
  async latest(key: string, manager: EntityManager = this.db.manager): Promise<QuestionnaireVersionEntity | null> {
    await this.ready();
    return manager
      .getRepository(QuestionnaireVersionEntity)
      .createQueryBuilder('v')
      .where('v.key = :key', { key })
      .orderBy('v.major', 'DESC')
      .addOrderBy('v.minor', 'DESC')
      .addOrderBy('v.patch', 'DESC')
      .getOne();
  }

  async find(key: string, version: string, manager: EntityManager = this.db.manager): Promise<QuestionnaireVersionEntity | null> {
    await this.ready();
    const cached = this.byKeyVersion.get(`${key}@${version}`);
    if (cached) return cached;
    const stored = await manager.getRepository(QuestionnaireVersionEntity).findOneBy({ key, version });
    if (stored) this.byKeyVersion.set(`${key}@${version}`, stored);
    return stored;
  }

  async byId(id: string): Promise<QuestionnaireVersionEntity | null> {
    await this.ready();
    return this.db.getRepository(QuestionnaireVersionEntity).findOneBy({ id });
  }

  /**
   * Stores a version unless its key and version exist. Safe when several processes store the
   * same file at once: the unique index decides, then the content hashes are compared.
   */
  async store(actor: Actor, template: QuestionnaireTemplate, source: string): Promise<StoreOutcome> {
    const hash = contentHash(template);
    const [major, minor, patch] = parseVersion(template.version);
    return this.uow.run(actor, async (work) => {
      const inserted = await work.manager
        .createQueryBuilder()
        .insert()
        .into(QuestionnaireVersionEntity)
        .values({
          key: template.key,
          version: template.version,
          major,
          minor,
          patch,
          kind: template.kind,
          title: template.title,
          contentHash: hash,
          template: template as QueryDeepPartialEntity<QuestionnaireTemplate>,
          questionCount: template.questions.length,
          source,
          createdBy: actor.userId,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const stored = await work.manager.findOneByOrFail(QuestionnaireVersionEntity, { key: template.key, version: template.version });
      if (inserted.raw.length > 0) {
        work.audit({ action: 'questionnaire_version.created', entityType: 'questionnaire_version', entityId: stored.id, changes: diff(null, stored, AUDITED) });
        return { status: 'created', stored };
      }
      const status = versionStatus(stored.contentHash, template);
      return status === 'unchanged' ? { status, stored } : { status: 'conflict', stored, contentHash: hash };
    });
  }

  private async storeShipped(): Promise<void> {
    const { templates, errors } = await loadTemplateFiles(QUESTIONNAIRES_DIR, await this.schemaCheck());
    if (errors.length) throw new TemplateErrors(errors);
    const conflicts: TemplateError[] = [];
    for (const file of templates) {
      const outcome = await this.store(SYSTEM_ACTOR, file.template, `file:${file.file}`);
      if (outcome.status === 'conflict') {
        const { key, version } = file.template;
        conflicts.push(versionError(file.file, file.text, `${key} ${version} is already stored with other content: give the changed template a new version`));
      } else if (outcome.status === 'created') {
        this.logger.log({ key: file.template.key, version: file.template.version, questions: file.template.questions.length }, 'questionnaire version stored');
      }
    }
    if (conflicts.length) throw new TemplateErrors(conflicts);
  }
}
