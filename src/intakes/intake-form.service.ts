import { Injectable, OnModuleInit } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkIntakeForm, type IntakeForm } from '../domain/intake-form.js';

export const INTAKE_FORM_FILE = join('questionnaires', 'intake.yaml');

/** The intake form and its tiering rules, read and checked once at start-up. */
@Injectable()
export class IntakeFormService implements OnModuleInit {
  private current?: IntakeForm;

  async onModuleInit(): Promise<void> {
    const form = parse(await readFile(INTAKE_FORM_FILE, 'utf8')) as IntakeForm;
    const problems = checkIntakeForm(form);
    if (problems.length) throw new Error(`${INTAKE_FORM_FILE} is not a valid intake form: ${problems.join('; ')}`);
    this.current = form;
  }

  form(): IntakeForm {
    if (!this.current) throw new Error('The intake form is not loaded yet');
    return this.current;
  }
}
