import type { Stage } from '../domain/schedule.js';
import { render, type LinkMail, type MailContent } from '../notifications/templates.js';

/** Who a notice goes to; `id` (a user id, or a vendor contact's e-mail) ends its dedupe key. */
export interface Recipient {
  id: string;
  email: string;
  name: string;
}

/** Every scheduled notice: kind, then what, then the date it is about, then who; so it is sent once. */
export function dedupeKey(parts: (string | number)[], recipient: Recipient): string {
  return [...parts, recipient.id].join(':');
}

function notice(to: Recipient, kind: string, key: string, subject: string, lines: string[], action: { label: string; url: string }): MailContent {
  return { kind, recipient: to.email, dedupeKey: key, subject, ...render({ greeting: `Hello ${to.name},`, lines, action }) };
}

/** `offset`: days from the due date to today, negative before it (a late sweep says the truth). */
function whenDue(offset: number, dueDate: string): string {
  if (offset < 0) return `is due in ${-offset} day${offset === -1 ? '' : 's'}, on ${dueDate}`;
  if (offset === 0) return `is due today, ${dueDate}`;
  return `was due on ${dueDate} and is ${offset} day${offset === 1 ? '' : 's'} overdue`;
}

/** To a vendor contact, with a fresh single-use link: the vendor still has to answer and submit. */
export function vendorReminderMail(link: LinkMail, assessmentId: string, stage: Stage, offset: number): MailContent {
  const to = { email: link.contact.email, name: link.contact.name, id: link.contact.email };
  return notice(
    to,
    'assessment_reminder',
    dedupeKey(['reminder', stage.name, assessmentId, link.dueDate], to),
    `${offset > 0 ? 'Overdue' : 'Reminder'}: AI due-diligence questionnaire for ${link.systemName}, due ${offset === 0 ? 'today' : link.dueDate}`,
    [
      `The due-diligence questionnaire about ${link.systemName} from ${link.vendorName} ${whenDue(offset, link.dueDate)}.`,
      'Your answers so far are saved. Please complete the questionnaire, upload the evidence and submit it.',
      'The link below is personal and works once to set up your access; earlier links no longer work.',
    ],
    { label: 'Open the questionnaire', url: link.link },
  );
}

export interface AssessmentFacts {
  assessmentId: string;
  systemName: string;
  vendorName: string;
  cycle: number;
  dueDate: string;
  url: string;
}

export function escalationMail(to: Recipient, facts: AssessmentFacts, overdueDays: number): MailContent {
  return notice(
    to,
    'assessment_escalation',
    dedupeKey(['escalation', facts.assessmentId, facts.dueDate], to),
    `Overdue by ${overdueDays} days: ${facts.systemName} (cycle ${facts.cycle})`,
    [
      `${facts.vendorName} has not submitted the due-diligence questionnaire for ${facts.systemName}, due on ${facts.dueDate}.`,
      'The vendor has been reminded. Please follow up with the vendor, agree a new date, or cancel the assessment.',
    ],
    { label: 'Open the assessment', url: facts.url },
  );
}

export function reviewNudgeMail(to: Recipient, facts: AssessmentFacts, stage: Stage, submittedOn: string): MailContent {
  return notice(
    to,
    'review_nudge',
    dedupeKey(['review_nudge', stage.name, facts.assessmentId, submittedOn], to),
    `Waiting for review for ${stage.startsAt} days: ${facts.systemName} (cycle ${facts.cycle})`,
    [`${facts.vendorName} submitted the questionnaire for ${facts.systemName} on ${submittedOn}. Nobody has started the review yet.`],
    { label: 'Start the review', url: facts.url },
  );
}

export interface ObligationFacts {
  id: string;
  title: string;
  systemName: string;
  dueDate: string;
  url: string;
}

function obligationWhen(stage: Stage, dueDate: string): string {
  return stage.name === 'due' ? `is due on ${dueDate}` : `was due on ${dueDate} and is still open`;
}

export function conditionMail(to: Recipient, facts: ObligationFacts, stage: Stage): MailContent {
  const overdue = stage.name !== 'due';
  return notice(
    to,
    overdue ? 'condition_overdue' : 'condition_due',
    dedupeKey(['condition', stage.name, facts.id, facts.dueDate], to),
    `${overdue ? 'Overdue' : 'Due soon'}: a condition of the approval of ${facts.systemName}`,
    [`This condition of the approval of ${facts.systemName} ${obligationWhen(stage, facts.dueDate)}:`, facts.title, 'Record how it was met, or ask a risk manager to waive it.'],
    { label: 'Open the condition', url: facts.url },
  );
}

/** Remediation items are the vendor's to work on; the vendor signs in to report progress. */
export function remediationMail(to: Recipient, facts: ObligationFacts, stage: Stage): MailContent {
  const overdue = stage.name !== 'due';
  return notice(
    to,
    overdue ? 'remediation_overdue' : 'remediation_due',
    dedupeKey(['remediation', stage.name, facts.id, facts.dueDate], to),
    `${overdue ? 'Overdue' : 'Due soon'}: remediation for ${facts.systemName}`,
    [`The remediation item "${facts.title}" for ${facts.systemName} ${obligationWhen(stage, facts.dueDate)}.`, 'Please report the remediation plan or its completion.'],
    { label: 'Open the remediation item', url: facts.url },
  );
}

export function acceptanceMail(to: Recipient, facts: ObligationFacts & { expiresOn: string }, lapsed: boolean): MailContent {
  return notice(
    to,
    lapsed ? 'acceptance_lapsed' : 'acceptance_expiring',
    dedupeKey(['acceptance', lapsed ? 'lapsed' : 'expiring', facts.id, facts.expiresOn], to),
    `${lapsed ? 'Risk acceptance lapsed' : 'Risk acceptance expiring'}: ${facts.title}`,
    lapsed
      ? [`The acceptance of the finding "${facts.title}" on ${facts.systemName} ran out on ${facts.expiresOn}.`, 'The finding is open again.']
      : [`The acceptance of the finding "${facts.title}" on ${facts.systemName} runs out on ${facts.expiresOn}.`, 'Renew it, or plan the remediation; when it lapses the finding opens again.'],
    { label: 'Open the finding', url: facts.url },
  );
}

export function evidenceMail(to: Recipient, facts: ObligationFacts & { expiresOn: string }, expired: boolean): MailContent {
  return notice(
    to,
    'evidence_expiring',
    dedupeKey(['evidence', 'expiring', facts.id, facts.expiresOn], to),
    `Evidence ${expired ? 'expired' : 'expiring'}: ${facts.title} (${facts.systemName})`,
    [
      `The document "${facts.title}" behind the approval of ${facts.systemName} ${expired ? 'went out of date' : 'goes out of date'} on ${facts.expiresOn}.`,
      'Ask the vendor for a current version, or reassess the AI system with the reason evidence_expired.',
    ],
    { label: 'Open the assessment', url: facts.url },
  );
}

export function reassessmentReadyMail(to: Recipient, facts: AssessmentFacts, reason: string): MailContent {
  return notice(
    to,
    'reassessment_ready',
    dedupeKey(['reassessment_ready', facts.assessmentId], to),
    `Reassessment ready to send: ${facts.systemName} (cycle ${facts.cycle})`,
    [
      `A new due-diligence cycle of ${facts.systemName} from ${facts.vendorName} was created (${reason.replace(/_/g, ' ')}), due on ${facts.dueDate}.`,
      "It is a draft with the previous cycle's contacts: check it and send it to the vendor.",
    ],
    { label: 'Open the draft', url: facts.url },
  );
}
