import { Module } from '@nestjs/common';
import { QuestionnaireRegistry } from './questionnaire.registry.js';
import { QuestionnairesController } from './questionnaires.controller.js';
import { QuestionnairesService } from './questionnaires.service.js';
import { YamlBodyParser } from './yaml-body.parser.js';

/** Questionnaire templates as versioned data: shipped files, imports, exports and coverage. */
@Module({
  controllers: [QuestionnairesController],
  providers: [QuestionnaireRegistry, QuestionnairesService, YamlBodyParser],
  exports: [QuestionnaireRegistry],
})
export class QuestionnairesModule {}
