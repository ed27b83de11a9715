import { Module } from '@nestjs/common';
import { AccountsModule } from '../auth/accounts.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { QuestionnaireRegistry } from '../questionnaires/questionnaire.registry.js';
import { QuestionnairesModule } from '../questionnaires/questionnaires.module.js';
import { AssessmentAccess } from './assessment-access.js';
import { AssessmentsController } from './assessments.controller.js';
import { AssessmentsService } from './assessments.service.js';
import { FrozenQuestions } from './frozen-questions.js';
import { InvitationsController } from './invitations.controller.js';
import { InvitationsService } from './invitations.service.js';
import { QuestionnaireSource } from './questionnaire-source.js';
import { ResponsesService } from './responses.service.js';
import { ReviewController } from './review.controller.js';
import { ReviewService } from './review.service.js';
import { SubmissionNotices } from './submission-notices.js';

/** Assessments from creation to submission: invitations, vendor answers, the submission itself. */
@Module({
  imports: [NotificationsModule, AccountsModule, QuestionnairesModule],
  controllers: [AssessmentsController, InvitationsController, ReviewController],
  providers: [
    AssessmentAccess,
    AssessmentsService,
    FrozenQuestions,
    InvitationsService,
    ResponsesService,
    ReviewService,
    SubmissionNotices,
    { provide: QuestionnaireSource, useExisting: QuestionnaireRegistry },
  ],
  exports: [AssessmentAccess, AssessmentsService, FrozenQuestions, InvitationsService],
})
export class AssessmentsModule {}
