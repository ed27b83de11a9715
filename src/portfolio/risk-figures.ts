import type { DataSource } from 'typeorm';
import { addDays } from '../domain/schedule.js';
import type { ApprovalsExpiring, FindingAge, TierResidualCell } from './dto/portfolio.dto.js';

/** The board-pack figures beside the inventory counts: heat map, expiring approvals, findings, overdue conditions. */
export interface RiskFigures {
  tierByResidualRisk: TierResidualCell[];
  approvalsExpiring: ApprovalsExpiring;
  openFindingsBySeverity: FindingAge[];
  conditionsOverdue: number;
}

const OPEN_FINDING = `status IN ('open', 'remediation_planned')`;

export async function riskFigures(db: DataSource, on: string): Promise<RiskFigures> {
  const [cells, expiring, findings, conditions] = await Promise.all([
    db.query(
      `SELECT inherent_tier AS tier, residual_risk AS residual, count(*) AS n FROM ai_systems
        WHERE inherent_tier IS NOT NULL AND residual_risk IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
    db.query(
      `SELECT count(*) FILTER (WHERE approval_valid_until <= $2) AS d30, count(*) FILTER (WHERE approval_valid_until <= $3) AS d60,
              count(*) FILTER (WHERE approval_valid_until <= $4) AS d90
         FROM ai_systems WHERE approval_status IN ('approved', 'approved_with_conditions') AND approval_valid_until >= $1`,
      [on, addDays(on, 30), addDays(on, 60), addDays(on, 90)],
    ),
    db.query(
      `SELECT severity, count(*) FILTER (WHERE created_at::date > $1::date - 30) AS young,
              count(*) FILTER (WHERE created_at::date <= $1::date - 30 AND created_at::date > $1::date - 90) AS middle,
              count(*) FILTER (WHERE created_at::date <= $1::date - 90) AS old
         FROM findings WHERE ${OPEN_FINDING} GROUP BY severity`,
      [on],
    ),
    db.query(`SELECT count(*) AS n FROM conditions WHERE status = 'open' AND due_date < $1`, [on]),
  ]);
  const bySeverity = new Map<string, { young: string; middle: string; old: string }>(findings.map((row: { severity: string }) => [row.severity, row]));
  return {
    tierByResidualRisk: cells.map((c: { tier: string; residual: string; n: string }) => ({ tier: c.tier, residualRisk: c.residual, aiSystems: Number(c.n) })),
    approvalsExpiring: { within30Days: Number(expiring[0].d30), within60Days: Number(expiring[0].d60), within90Days: Number(expiring[0].d90) },
    openFindingsBySeverity: ['critical', 'high', 'medium', 'low'].map((severity) => {
      const row = bySeverity.get(severity);
      return { severity, under30Days: Number(row?.young ?? 0), from30To90Days: Number(row?.middle ?? 0), over90Days: Number(row?.old ?? 0) };
    }),
    conditionsOverdue: Number(conditions[0].n),
  };
}
