import { Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { approvalStatusOn } from '../ai-systems/dto/ai-system.dto.js';
import { AiSystemEntity, ApprovalStatus } from '../ai-systems/ai-system.entity.js';
import { Clock } from '../common/clock.js';
import { byCreation, keysetPage, type Page } from '../common/pagination.js';
import { addDays } from '../domain/schedule.js';
import { TIERS } from '../domain/tiering.js';
import { monitoringStatuses } from '../monitoring/monitoring-status.js';
import { VendorEntity } from '../vendors/vendor.entity.js';
import { riskFigures } from './risk-figures.js';
import type { InventoryItem, InventoryQuery, PortfolioSummary } from './dto/portfolio.dto.js';

const APPROVED = [ApprovalStatus.Approved, ApprovalStatus.ApprovedWithConditions];
const EXPORT_LIMIT = 100_000;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

@Injectable()
export class PortfolioService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  private inventoryQuery(query: InventoryQuery, on: string): SelectQueryBuilder<AiSystemEntity> {
    const qb = this.db.getRepository(AiSystemEntity).createQueryBuilder('s').innerJoinAndSelect('s.vendor', 'v');
    if (query.vendorId) qb.andWhere('s.vendor_id = :vendorId', { vendorId: query.vendorId });
    if (query.tier) qb.andWhere('s.inherent_tier = :tier', { tier: query.tier });
    if (query.euAiActCategory) qb.andWhere('s.eu_ai_act_category = :category', { category: query.euAiActCategory });
    if (query.provider) qb.andWhere('lower(:provider) = ANY(SELECT lower(p) FROM unnest(s.foundation_model_providers) p)', { provider: query.provider });
    if (query.reviewDueBefore) qb.andWhere('s.approval_valid_until <= :due', { due: query.reviewDueBefore });
    if (query.q) qb.andWhere('(s.name ILIKE :q OR v.legal_name ILIKE :q)', { q: `%${escapeLike(query.q)}%` });
    if (query.status === 'expired') {
      qb.andWhere('s.approval_status IN (:...approved) AND s.approval_valid_until < :on', { approved: APPROVED, on });
    } else if (query.status) {
      qb.andWhere('s.approval_status = :status', { status: query.status });
      if (APPROVED.includes(query.status)) qb.andWhere('(s.approval_valid_until IS NULL OR s.approval_valid_until >= :on)', { on });
    }
    return qb;
  }

  async inventory(query: InventoryQuery): Promise<Page<InventoryItem>> {
    const on = this.clock.today();
    const page = await keysetPage(this.inventoryQuery(query, on), byCreation('s'), query);
    const monitoring = await monitoringStatuses(this.db, page.items.map((s) => s.id), on);
    return { items: page.items.map((s) => ({ ...inventoryItem(s, on), monitoring: monitoring.get(s.id) ?? null })), nextCursor: page.nextCursor };
  }

  /** Every matching row, for the CSV export (bounded, oldest first). */
  async inventoryExport(query: InventoryQuery): Promise<InventoryItem[]> {
    const on = this.clock.today();
    const rows = await this.inventoryQuery(query, on).orderBy('s.created_at', 'ASC').addOrderBy('s.id', 'ASC').take(EXPORT_LIMIT).getMany();
    return rows.map((s) => inventoryItem(s, on));
  }

  async summary(): Promise<PortfolioSummary> {
    const on = this.clock.today();
    const in90 = addDays(on, 90);
    const systems = this.db.getRepository(AiSystemEntity);
    const rows: { tier: string | null; category: string | null; status: string; expired: boolean; due: boolean; n: string }[] = await systems
      .createQueryBuilder('s')
      .select('s.inherent_tier', 'tier')
      .addSelect('s.eu_ai_act_category', 'category')
      .addSelect('s.approval_status', 'status')
      .addSelect('(s.approval_status IN (:...approved) AND s.approval_valid_until < :on)', 'expired')
      .addSelect('(s.approval_status IN (:...approved) AND s.approval_valid_until >= :on AND s.approval_valid_until <= :in90)', 'due')
      .addSelect('count(*)', 'n')
      .setParameters({ approved: APPROVED, on, in90 })
      .groupBy('1, 2, 3, 4, 5')
      .getRawMany();
    const byTier: Record<string, number> = Object.fromEntries([...TIERS, 'untiered'].map((tier) => [tier, 0]));
    const byApprovalStatus: Record<string, number> = Object.fromEntries([...Object.values(ApprovalStatus), 'expired'].map((s) => [s, 0]));
    const byEuAiActCategory: Record<string, number> = {};
    let total = 0;
    let overdue = 0;
    let dueSoon = 0;
    for (const row of rows) {
      const n = Number(row.n);
      total += n;
      byTier[row.tier ?? 'untiered'] += n;
      byApprovalStatus[row.expired ? 'expired' : row.status] += n;
      if (row.category) byEuAiActCategory[row.category] = (byEuAiActCategory[row.category] ?? 0) + n;
      if (row.expired) overdue += n;
      if (row.due) dueSoon += n;
    }
    const concentration: { provider: string; systems: string; vendors: string }[] = await this.db.query(
      `SELECT min(p) AS provider, count(DISTINCT s.id) AS systems, count(DISTINCT s.vendor_id) AS vendors
         FROM ai_systems s CROSS JOIN LATERAL unnest(s.foundation_model_providers) p
        GROUP BY lower(p) ORDER BY count(DISTINCT s.id) DESC, min(p) ASC`,
    );
    return {
      aiSystems: total,
      vendors: await this.db.getRepository(VendorEntity).count(),
      byTier,
      byApprovalStatus,
      byEuAiActCategory,
      overdueReassessments: overdue,
      reviewsDueIn90Days: dueSoon,
      concentration: concentration.map((c) => ({ provider: c.provider, aiSystems: Number(c.systems), vendors: Number(c.vendors) })),
      ...(await riskFigures(this.db, on)),
    };
  }
}

function inventoryItem(system: AiSystemEntity, on: string): InventoryItem {
  return {
    id: system.id,
    name: system.name,
    version: system.modelVersion,
    vendor: { id: system.vendorId, legalName: system.vendor!.legalName },
    modelType: system.modelType,
    hosting: system.hosting,
    inherentTier: system.inherentTier,
    euAiActCategory: system.euAiActCategory,
    approvalStatus: approvalStatusOn(system, on),
    residualRisk: system.residualRisk,
    nextReviewDate: system.approvalValidUntil,
    foundationModelProviders: system.foundationModelProviders,
    dataRegions: system.dataRegions,
  };
}
