import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { QuestionnairesModule } from '../questionnaires/questionnaires.module.js';
import { AnswerImportService } from './answer-import.service.js';
import { answerMappingsProvider } from './answer-mapping.loader.js';
import { AssessmentExportService } from './assessment-export.service.js';
import { ExchangeController } from './exchange.controller.js';
import { OscalController } from './oscal.controller.js';

/** Questionnaire exchange formats: assessment export (JSON, CSV), OSCAL catalogs, answer imports. */
@Module({
  imports: [AssessmentsModule, QuestionnairesModule],
  controllers: [ExchangeController, OscalController],
  providers: [answerMappingsProvider, AnswerImportService, AssessmentExportService],
})
export class ExchangeModule {}
