import type { Assessment } from './model';

export const STATUS_WORDS: Record<Assessment['status'], string> = {
  draft: 'Being prepared',
  sent: 'Waiting for your answers',
  in_progress: 'In progress',
  submitted: 'Submitted, waiting for review',
  in_review: 'Being reviewed',
  clarification_requested: 'The reviewer asks for more',
  approved: 'Approved',
  approved_with_conditions: 'Approved with conditions',
  rejected: 'Not approved',
  cancelled: 'Cancelled',
};

/** What the vendor can expect once the answers are in, by state. */
export const NEXT_STEPS: Partial<Record<Assessment['status'], string>> = {
  submitted:
    'Thank you: your answers are with the risk team. They will review them and may ask for more. If they do, you will get an e-mail and the questions they reopen will be open here again.',
  in_review: 'The risk team is reviewing your answers. If they need more, you will get an e-mail and the questions they reopen will be open here again.',
  approved: 'The review is complete and the AI system is approved. You will hear from the buyer about any next steps.',
  approved_with_conditions: 'The review is complete: the AI system is approved with conditions. The buyer will tell you what they are.',
  rejected: 'The review is complete and the AI system was not approved. The buyer will contact you.',
  cancelled: 'This assessment was cancelled by the buyer. Nothing more is needed from you.',
};
