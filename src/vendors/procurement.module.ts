import { Module } from '@nestjs/common';
import { QuestionnairesModule } from '../questionnaires/questionnaires.module.js';
import { AiSystemsController } from '../ai-systems/ai-systems.controller.js';
import { AiSystemsService } from '../ai-systems/ai-systems.service.js';
import { IntakeFormService } from '../intakes/intake-form.service.js';
import { IntakeRulingsService } from '../intakes/intake-rulings.service.js';
import { IntakesController } from '../intakes/intakes.controller.js';
import { IntakesService } from '../intakes/intakes.service.js';
import { PortfolioController } from '../portfolio/portfolio.controller.js';
import { PortfolioService } from '../portfolio/portfolio.service.js';
import { VendorsController } from './vendors.controller.js';
import { VendorsService } from './vendors.service.js';

/** Procurement's side: vendors, their AI systems, intakes with inherent tiering, the inventory. */
@Module({
  imports: [QuestionnairesModule],
  controllers: [VendorsController, AiSystemsController, IntakesController, PortfolioController],
  providers: [VendorsService, AiSystemsService, IntakeFormService, IntakesService, IntakeRulingsService, PortfolioService],
  exports: [VendorsService, AiSystemsService, IntakesService, IntakeFormService],
})
export class ProcurementModule {}
