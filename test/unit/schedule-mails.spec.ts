import type { MailContent } from '../../src/notifications/templates.js';
import {
  acceptanceMail,
  conditionMail,
  escalationMail,
  evidenceMail,
  reassessmentReadyMail,
  remediationMail,
  reviewNudgeMail,
  vendorReminderMail,
} from '../../src/schedules/schedule-mails.js';

const to = { id: 'user-1', email: 'rita@bank.example', name: 'Rita <Risk>' };
const facts = { assessmentId: 'a-1', systemName: 'Scorer & Co', vendorName: 'Acme', cycle: 2, dueDate: '2031-03-15', url: 'https://assay.example/assessments/a-1' };
const item = { id: 'i-1', title: 'Deliver the bias audit', systemName: 'Scorer & Co', dueDate: '2031-03-15', url: 'https://assay.example/things/i-1' };
const link = { invitationId: 'inv-1', contact: { email: 'sam@vendor.example', name: 'Sam' }, vendorName: 'Acme', systemName: 'Scorer & Co', dueDate: '2031-03-15', link: 'https://assay.example/invite#token=abc' };

const mails: [string, MailContent, string, string][] = [
  ['a vendor reminder', vendorReminderMail(link, 'a-1', { name: 'T-2', startsAt: -2 }, -2), 'reminder:T-2:a-1:2031-03-15:sam@vendor.example', link.link],
  ['an escalation', escalationMail(to, facts, 7), 'escalation:a-1:2031-03-15:user-1', facts.url],
  ['a reviewer nudge', reviewNudgeMail(to, facts, { name: 'D+5', startsAt: 5 }, '2031-03-01'), 'review_nudge:D+5:a-1:2031-03-01:user-1', facts.url],
  ['a condition due', conditionMail(to, item, { name: 'due', startsAt: -7 }), 'condition:due:i-1:2031-03-15:user-1', item.url],
  ['a remediation item overdue', remediationMail(to, item, { name: 'overdue+1', startsAt: 1 }), 'remediation:overdue+1:i-1:2031-03-15:user-1', item.url],
  ['an acceptance expiring', acceptanceMail(to, { ...item, expiresOn: '2031-03-15' }, false), 'acceptance:expiring:i-1:2031-03-15:user-1', item.url],
  ['an acceptance lapsed', acceptanceMail(to, { ...item, expiresOn: '2031-03-15' }, true), 'acceptance:lapsed:i-1:2031-03-15:user-1', item.url],
  ['evidence expiring', evidenceMail(to, { ...item, expiresOn: '2031-03-15' }, false), 'evidence:expiring:i-1:2031-03-15:user-1', item.url],
  ['a reassessment ready', reassessmentReadyMail(to, facts, 'model_change'), 'reassessment_ready:a-1:user-1', facts.url],
];

describe('scheduled notices', () => {
  it.each(mails)('%s has a dedupe key of kind, target, date and recipient, and both parts with the link', (_, mail, key, url) => {
    expect(mail.dedupeKey).toBe(key);
    expect(mail.text).toContain(`: ${url}`);
    expect(mail.html).toContain(`href="${url.replace(/&/g, '&amp;')}"`);
    expect(mail.html).not.toMatch(/Scorer & Co|<Risk>/);
    expect(mail.subject.length).toBeGreaterThan(10);
  });

  it('tells the vendor how many days are left, or how late it is', () => {
    expect(vendorReminderMail(link, 'a-1', { name: 'T-7', startsAt: -7 }, -5).text).toContain('is due in 5 days, on 2031-03-15');
    expect(vendorReminderMail(link, 'a-1', { name: 'T0', startsAt: 0 }, 0).subject).toBe('Reminder: AI due-diligence questionnaire for Scorer & Co, due today');
    expect(vendorReminderMail(link, 'a-1', { name: 'T+3', startsAt: 3 }, 4).text).toContain('is 4 days overdue');
  });
});
