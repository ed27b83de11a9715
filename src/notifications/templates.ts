/** E-mail texts: every message has a plain-text and an HTML part built from the same lines. */
export interface MailContent {
  kind: string;
  recipient: string;
  dedupeKey: string;
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

interface Paragraphs {
  greeting: string;
  lines: string[];
  action?: { label: string; url: string };
}

export function render({ greeting, lines, action }: Paragraphs): { text: string; html: string } {
  const text = [greeting, '', ...lines.flatMap((line) => [line, '']), ...(action ? [`${action.label}: ${action.url}`, ''] : []), '— Assay'].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    ...(action ? [`<p><a href="${escapeHtml(action.url)}">${escapeHtml(action.label)}</a></p>`] : []),
    '<p>— Assay</p></body></html>',
  ].join('\n');
  return { text, html };
}

export function accountCreatedMail(user: { id: string; email: string; name: string; role: string }, publicUrl: string): MailContent {
  return {
    kind: 'account_created',
    recipient: user.email,
    dedupeKey: `account_created:${user.id}`,
    subject: 'Your Assay account',
    ...render({
      greeting: `Hello ${user.name},`,
      lines: [`An Assay account with the role ${user.role.replace('_', ' ')} was created for you.`],
      action: { label: 'Sign in to Assay', url: `${publicUrl}/` },
    }),
  };
}

/** What every mail carrying a vendor's single-use link knows. */
export interface LinkMail {
  invitationId: string;
  contact: { email: string; name: string };
  vendorName: string;
  systemName: string;
  dueDate: string;
  link: string;
}

export function invitationMail(input: LinkMail & { resend: boolean }): MailContent {
  return {
    kind: 'assessment_invitation',
    recipient: input.contact.email,
    dedupeKey: `assessment_invitation:${input.invitationId}`,
    subject: `${input.resend ? 'Reminder: ' : ''}AI due-diligence questionnaire for ${input.systemName}`,
    ...render({
      greeting: `Hello ${input.contact.name},`,
      lines: [
        `We are assessing ${input.systemName} from ${input.vendorName} and ask you to answer our AI due-diligence questionnaire and upload the supporting evidence.`,
        `Please submit it by ${input.dueDate}. Your answers are saved as you go, so you can come back to them.`,
        'The link below is personal and works once to set up your access; do not forward it.',
      ],
      action: { label: 'Open the questionnaire', url: input.link },
    }),
  };
}

export function clarificationMail(input: LinkMail & { message: string; questionIds: string[] }): MailContent {
  return {
    kind: 'clarification_requested',
    recipient: input.contact.email,
    dedupeKey: `clarification_requested:${input.invitationId}`,
    subject: `Clarification requested: ${input.systemName}`,
    ...render({
      greeting: `Hello ${input.contact.name},`,
      lines: [
        `Our review of ${input.systemName} needs more from you on these questions: ${input.questionIds.join(', ')}.`,
        input.message,
        'Only these answers are open again. Please update them and submit the questionnaire again.',
      ],
      action: { label: 'Open the questionnaire', url: input.link },
    }),
  };
}

export function decisionMail(input: { assessmentId: string; recipient: { id: string; email: string; name: string }; systemName: string; outcome: string; validUntil: string | null }): MailContent {
  const outcome = input.outcome.replace(/_/g, ' ');
  return {
    kind: 'assessment_decided',
    recipient: input.recipient.email,
    dedupeKey: `assessment_decided:${input.assessmentId}:${input.recipient.id}`,
    subject: `Decision on ${input.systemName}: ${outcome}`,
    ...render({
      greeting: `Hello ${input.recipient.name},`,
      lines: [
        `The risk review of ${input.systemName} is decided: ${outcome}.`,
        ...(input.validUntil ? [`The approval is valid until ${input.validUntil}, when the system is due for reassessment.`] : []),
      ],
    }),
  };
}
