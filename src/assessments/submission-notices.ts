import { Inject, Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import { Role } from '../auth/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { Work } from '../database/unit-of-work.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { render } from '../notifications/templates.js';
import { UserEntity } from '../users/user.entity.js';
import type { AssessmentEntity } from './assessment.entity.js';

/** Tells the requester and the risk managers that a vendor submitted. */
@Injectable()
export class SubmissionNotices {
  constructor(
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async submitted(work: Work, assessment: AssessmentEntity): Promise<void> {
    const system = await work.manager.findOneByOrFail(AiSystemEntity, { id: assessment.aiSystemId });
    const recipients = await work.manager.find(UserEntity, {
      where: [
        { id: assessment.requestedBy, disabledAt: IsNull() },
        { role: In([Role.RiskManager]), disabledAt: IsNull() },
      ],
    });
    const stamp = assessment.submittedAt!.toISOString();
    for (const user of recipients) {
      await this.notifications.queue(work, {
        kind: 'assessment_submitted',
        recipient: user.email,
        dedupeKey: `assessment_submitted:${assessment.id}:${stamp}:${user.id}`,
        subject: `Submitted for review: ${system.name} (cycle ${assessment.cycle})`,
        ...render({
          greeting: `Hello ${user.name},`,
          lines: [`The vendor submitted the due-diligence questionnaire for ${system.name}. It is ready for review.`],
          action: { label: 'Open the assessment', url: `${this.config.publicUrl}/assessments/${assessment.id}` },
        }),
      });
    }
  }
}
