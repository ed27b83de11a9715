import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated } from '../auth/access.decorator.js';
import { STAFF_ROLES } from '../auth/roles.js';
import { ApiFileResponse } from '../common/api-docs.js';
import { toCsv } from './csv.js';
import { InventoryPage, InventoryQuery, PortfolioSummary, type InventoryItem } from './dto/portfolio.dto.js';
import { PortfolioService } from './portfolio.service.js';

const CSV_COLUMNS: [string, (item: InventoryItem) => unknown][] = [
  ['ai_system_id', (i) => i.id],
  ['ai_system', (i) => i.name],
  ['version', (i) => i.version],
  ['vendor_id', (i) => i.vendor.id],
  ['vendor', (i) => i.vendor.legalName],
  ['model_type', (i) => i.modelType],
  ['hosting', (i) => i.hosting],
  ['inherent_tier', (i) => i.inherentTier],
  ['eu_ai_act_category', (i) => i.euAiActCategory],
  ['approval_status', (i) => i.approvalStatus],
  ['residual_risk', (i) => i.residualRisk],
  ['next_review_date', (i) => i.nextReviewDate],
  ['foundation_model_providers', (i) => i.foundationModelProviders],
  ['data_regions', (i) => i.dataRegions],
];

@ApiTags('portfolio')
@Controller()
export class PortfolioController {
  constructor(private readonly portfolio: PortfolioService) {}

  @Get('inventory')
  @ApiOperation({ summary: 'List the AI inventory, as JSON or CSV' })
  @Authenticated(...STAFF_ROLES)
  @ApiExtraModels(InventoryPage)
  @ApiFileResponse('The third-party model inventory. With `Accept: text/csv` or `format=csv`, every matching row as CSV with a header row (no paging).', {
    'application/json': { $ref: getSchemaPath(InventoryPage) },
    'text/csv': { type: 'string', example: `${CSV_COLUMNS.map(([name]) => name).join(',')}\n` },
  })
  async listInventory(@Query() query: InventoryQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<InventoryPage | string> {
    if (query.format === 'csv' || (accept && /\btext\/csv\b/.test(accept))) {
      const items = await this.portfolio.inventoryExport(query);
      void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="ai-inventory.csv"');
      return toCsv(
        CSV_COLUMNS.map(([name]) => name),
        items.map((item) => CSV_COLUMNS.map(([, value]) => value(item))),
      );
    }
    return this.portfolio.inventory(query);
  }

  @Get('portfolio/summary')
  @ApiOperation({ summary: 'Read the portfolio summary' })
  @Authenticated(...STAFF_ROLES)
  @ApiOkResponse({ type: PortfolioSummary })
  getPortfolioSummary(): Promise<PortfolioSummary> {
    return this.portfolio.summary();
  }
}
