import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Role } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { badRequest, conflict, DomainError, notFound, unprocessable } from '../common/errors.js';
import type { Page, PageQuery } from '../common/pagination.js';
import { intakeFields } from '../domain/intake-scope.js';
import { coverage, type Coverage } from '../domain/questionnaire-coverage.js';
import { readTemplate, versionError, type TemplateError } from '../domain/questionnaire-document.js';
import { exportTemplate, type ExportFormat } from '../domain/questionnaire-export.js';
import { TEMPLATE_KEY } from '../domain/questionnaire-template.js';
import { QuestionnaireRegistry, type StoreOutcome } from './questionnaire.registry.js';

const INTAKE_KEY = 'intake';
import { QuestionnaireVersionEntity } from './questionnaire-version.entity.js';

/** Weights, points, knockouts and tiering rules are for the risk function and internal audit. */
export const SCORING_ROLES: readonly Role[] = [Role.RiskManager, Role.Auditor];

export interface ListedQuestionnaire {
  latest: QuestionnaireVersionEntity;
  versionCount: number;
}

const invalidTemplate = (errors: TemplateError[]) =>
  new DomainError(400, 'invalid_template', `The template is not valid: ${errors.length} error(s), the first at line ${errors[0].line}: ${errors[0].message}`, { errors });

function encodeCursor(key: string): string {
  return Buffer.from(JSON.stringify([key])).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const [key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof key === 'string' && TEMPLATE_KEY.test(key)) return key;
  } catch {
    // fall through to the error below
  }
  throw badRequest('invalid_cursor', 'The cursor is not one this API issued');
}

/** The text of an import: YAML as sent, or a JSON body pretty-printed so errors can name a line. */
function importText(body: unknown): { file: string; text: string } {
  if (typeof body === 'string' && body.trim() !== '') return { file: 'import.yaml', text: body };
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) return { file: 'import.json', text: `${JSON.stringify(body, null, 2)}\n` };
  throw badRequest('invalid_template', 'Send the template as a YAML body (application/yaml) or a JSON object (application/json)');
}

@Injectable()
export class QuestionnairesService {
  constructor(
    private readonly db: DataSource,
    private readonly registry: QuestionnaireRegistry,
  ) {}

  /** One entry per key at its latest version, ordered by key. */
  async list(page: PageQuery): Promise<Page<ListedQuestionnaire>> {
    await this.registry.ready();
    const limit = page.limit ?? 50;
    const query = this.db
      .getRepository(QuestionnaireVersionEntity)
      .createQueryBuilder('v')
      .distinctOn(['v.key'])
      .orderBy('v.key', 'ASC')
      .addOrderBy('v.major', 'DESC')
      .addOrderBy('v.minor', 'DESC')
      .addOrderBy('v.patch', 'DESC')
      .limit(limit + 1);
    if (page.cursor) query.where('v.key > :after', { after: decodeCursor(page.cursor) });
    const rows = await query.getMany();
    const latest = rows.slice(0, limit);
    const counts = await this.versionCounts(latest.map((row) => row.key));
    return {
      items: latest.map((row) => ({ latest: row, versionCount: counts.get(row.key) ?? 1 })),
      nextCursor: rows.length > limit ? encodeCursor(latest[latest.length - 1].key) : null,
    };
  }

  async get(key: string, version: string): Promise<QuestionnaireVersionEntity> {
    const stored = version === 'latest' ? await this.registry.latest(key) : await this.registry.find(key, version);
    if (!stored) throw notFound(`Questionnaire ${key} ${version}`);
    return stored;
  }

  /** Validates like the shipped files; stores a new version, or nothing when it is already stored. */
  async import(actor: Actor, body: unknown): Promise<StoreOutcome> {
    const { file, text } = importText(body);
    await this.registry.ready();
    const intake = await this.registry.latest(INTAKE_KEY);
    const result = readTemplate(file, text, await this.registry.schemaCheck(), intake ? { intakeFields: intakeFields(intake.template) } : {});
    if (!result.ok) throw invalidTemplate(result.errors);
    const { key, version, kind } = result.template;
    if (kind === 'intake') {
      throw unprocessable('intake_not_importable', 'The intake form and its tiering rules ship with the application; they cannot be imported');
    }
    const outcome = await this.registry.store(actor, result.template, 'import');
    if (outcome.status === 'conflict') {
      const message = `${key} ${version} is already stored with other content: import the changed template as a new version`;
      throw conflict('questionnaire_version_conflict', message, {
        storedContentHash: outcome.stored.contentHash,
        contentHash: outcome.contentHash,
        errors: [versionError(file, text, message)],
      });
    }
    return outcome;
  }

  async export(key: string, version: string, format: ExportFormat): Promise<{ stored: QuestionnaireVersionEntity; body: string }> {
    const stored = await this.get(key, version);
    return { stored, body: exportTemplate(stored.template, format) };
  }

  async coverage(key: string, version: string): Promise<{ stored: QuestionnaireVersionEntity; coverage: Coverage }> {
    const stored = await this.get(key, version);
    return { stored, coverage: coverage([stored.template]) };
  }

  private async versionCounts(keys: string[]): Promise<Map<string, number>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db
      .getRepository(QuestionnaireVersionEntity)
      .createQueryBuilder('v')
      .select('v.key', 'key')
      .addSelect('count(*)::int', 'count')
      .where({ key: In(keys) })
      .groupBy('v.key')
      .getRawMany<{ key: string; count: number }>();
    return new Map(rows.map((row) => [row.key, row.count]));
  }
}
