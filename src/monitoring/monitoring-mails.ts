import { render, type MailContent } from '../notifications/templates.js';
import { dedupeKey, type Recipient } from '../schedules/schedule-mails.js';

export interface ReadingFacts {
  readingId: string;
  systemName: string;
  label: string;
  period: string;
  reasoning: string;
  url: string;
}

function notice(to: Recipient, kind: string, key: string, subject: string, lines: string[], action: { label: string; url: string }): MailContent {
  return { kind, recipient: to.email, dedupeKey: key, subject, ...render({ greeting: `Hello ${to.name},`, lines, action }) };
}

/** To the metric's first-line owner: an amber or a red. */
export function ratingMail(to: Recipient, facts: ReadingFacts, rating: string): MailContent {
  return notice(
    to,
    'monitoring_rating',
    dedupeKey(['monitoring_rating', facts.readingId], to),
    `Monitoring ${rating}: ${facts.label} of ${facts.systemName} for ${facts.period}`,
    [`The ${facts.period} figure of ${facts.systemName} is ${rating}.`, `${facts.reasoning}.`, 'Look into the cause with the vendor and record what you find.'],
    { label: 'Open the monitoring of the AI system', url: facts.url },
  );
}

/** To the escalation contact: a draft finding was opened from a monitoring result. */
export function monitoringEscalationMail(to: Recipient, facts: ReadingFacts, why: string): MailContent {
  return notice(
    to,
    'monitoring_escalation',
    dedupeKey(['monitoring_escalation', facts.readingId], to),
    `Monitoring escalation: ${facts.label} of ${facts.systemName} for ${facts.period}`,
    [`${why}: a draft finding was opened on ${facts.systemName}.`, `${facts.reasoning}.`, 'Triage the finding, and decide whether the approval still holds.'],
    { label: 'Open the monitoring of the AI system', url: facts.url },
  );
}

export interface DueFacts {
  aiSystemId: string;
  systemName: string;
  period: string;
  dueDate: string;
  metrics: string[];
  url: string;
}

function whenDue(offset: number, dueDate: string): string {
  if (offset < 0) return `are due in ${-offset} day${offset === -1 ? '' : 's'}, on ${dueDate}`;
  if (offset === 0) return `are due today, ${dueDate}`;
  return `were due on ${dueDate} and are ${offset} day${offset === 1 ? '' : 's'} overdue`;
}

/** To whoever supplies the figures (the vendor's contacts, or the staff owner): the period's figures are due or late. */
export function submissionReminderMail(to: Recipient, facts: DueFacts, stage: string, offset: number): MailContent {
  return notice(
    to,
    'monitoring_reminder',
    dedupeKey(['monitoring_reminder', stage, facts.aiSystemId, facts.period], to),
    `${offset > 0 ? 'Overdue' : 'Reminder'}: monitoring figures of ${facts.systemName} for ${facts.period}`,
    [`The ${facts.period} monitoring figures of ${facts.systemName} ${whenDue(offset, facts.dueDate)}.`, `Metrics: ${facts.metrics.join(', ')}.`, 'Submit them through the API (POST /ai-systems/{id}/monitoring-submissions) or the portal.'],
    { label: 'Open Assay', url: facts.url },
  );
}

/** To the escalation contacts: figures 7 days late. */
export function submissionEscalationMail(to: Recipient, facts: DueFacts, overdueDays: number): MailContent {
  return notice(
    to,
    'monitoring_overdue_escalation',
    dedupeKey(['monitoring_overdue', facts.aiSystemId, facts.period], to),
    `Monitoring figures overdue by ${overdueDays} days: ${facts.systemName} (${facts.period})`,
    [`The ${facts.period} figures of ${facts.systemName} (${facts.metrics.join(', ')}) were due on ${facts.dueDate} and have not been submitted.`, 'Follow up with whoever supplies them.'],
    { label: 'Open the monitoring of the AI system', url: facts.url },
  );
}
