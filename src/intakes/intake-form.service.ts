import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { checkIntakeForm, type IntakeForm } from '../domain/intake-form.js';
import { QuestionnaireRegistry } from '../questionnaires/questionnaire.registry.js';

export const INTAKE_KEY = 'intake';

/**
 * The intake form and its tiering rules: the latest stored version of the `intake` template,
 * checked once at start-up (after the registry has stored the shipped templates).
 */
@Injectable()
export class IntakeFormService implements OnApplicationBootstrap {
  private current?: IntakeForm;

  constructor(private readonly registry: QuestionnaireRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    const stored = await this.registry.latest(INTAKE_KEY);
    if (!stored) throw new Error('No intake form is stored: questionnaires/intake.yaml is missing');
    const form = stored.template as unknown as IntakeForm;
    const problems = checkIntakeForm(form);
    if (problems.length) throw new Error(`The intake form ${stored.version} is not valid: ${problems.join('; ')}`);
    this.current = form;
  }

  form(): IntakeForm {
    if (!this.current) throw new Error('The intake form is not loaded yet');
    return this.current;
  }
}
