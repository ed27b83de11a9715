import { Inject, Injectable } from '@nestjs/common';
import type { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import { Role } from '../auth/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { Work } from '../database/unit-of-work.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { render, type MailContent } from '../notifications/templates.js';
import { dedupeKey, type Recipient } from '../schedules/schedule-mails.js';
import type { IncidentEntity, StoredDeadline } from './incident.entity.js';

export interface IncidentFacts {
  incidentId: string;
  systemName: string;
  type: string;
  severity: string;
  url: string;
}

export function incidentReportedMail(to: Recipient, facts: IncidentFacts, byVendor: boolean): MailContent {
  return {
    kind: 'incident_reported',
    recipient: to.email,
    dedupeKey: dedupeKey(['incident_reported', facts.incidentId], to),
    subject: `Incident reported: ${facts.type.replace(/_/g, ' ')} (${facts.severity}) on ${facts.systemName}`,
    ...render({
      greeting: `Hello ${to.name},`,
      lines: [
        `${byVendor ? 'The vendor' : 'A colleague'} reported a ${facts.severity} ${facts.type.replace(/_/g, ' ')} incident on ${facts.systemName}.`,
        'Classify it (DORA major ICT-related incident, EU AI Act serious incident, personal-data breach): the reporting clocks start from when the organisation became aware of it.',
      ],
      action: { label: 'Open the incident', url: facts.url },
    }),
  };
}

/** A reporting deadline coming up or missed; `stage` (T-24h, T-2h, overdue) is part of the key, with the instant it is about. */
export function deadlineReminderMail(to: Recipient, facts: IncidentFacts, deadline: StoredDeadline, stage: string): MailContent {
  const missed = stage === 'overdue';
  return {
    kind: 'incident_deadline',
    recipient: to.email,
    dedupeKey: dedupeKey(['incident_deadline', stage, facts.incidentId, `${deadline.regime}.${deadline.stage}`, deadline.dueAt], to),
    subject: `${missed ? 'Missed' : 'Due soon'}: ${deadline.regime.toUpperCase()} ${deadline.stage} notification for ${facts.systemName} (${deadline.dueAt.slice(0, 16).replace('T', ' ')} UTC)`,
    ...render({
      greeting: `Hello ${to.name},`,
      lines: [
        `${deadline.rule}: ${missed ? 'was due' : 'is due'} at ${deadline.dueAt} (UTC).`,
        `Incident: ${facts.severity} ${facts.type.replace(/_/g, ' ')} on ${facts.systemName}.`,
        missed ? 'Notify the authority now and record it, with the reason for the delay.' : 'Once notified, record the notification in Assay so the reminders stop.',
      ],
      action: { label: 'Open the incident', url: facts.url },
    }),
  };
}

/** Who hears of incidents: the risk managers. */
@Injectable()
export class IncidentMail {
  constructor(
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  facts(incident: Pick<IncidentEntity, 'id' | 'type' | 'severity'>, systemName: string): IncidentFacts {
    return { incidentId: incident.id, systemName, type: incident.type, severity: incident.severity, url: `${this.config.publicUrl}/incidents/${incident.id}` };
  }

  async reported(work: Work, incident: IncidentEntity, system: AiSystemEntity): Promise<void> {
    const managers: Recipient[] = await work.manager.query('SELECT id, email, name FROM users WHERE role = $1 AND disabled_at IS NULL ORDER BY id', [Role.RiskManager]);
    for (const to of managers) await this.notifications.queue(work, incidentReportedMail(to, this.facts(incident, system.name), incident.reportedByVendor));
  }
}
