import type { Provider } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { checkThresholdFile, type ThresholdFile } from '../domain/validation/thresholds.js';

export const VALIDATION_THRESHOLDS = Symbol('VALIDATION_THRESHOLDS');
export const THRESHOLDS_FILE = resolve(process.cwd(), 'questionnaires', 'validation', 'thresholds.yaml');

/** Reads and checks the thresholds file; a bad file stops the boot with every problem listed. */
export function loadThresholds(path = THRESHOLDS_FILE): ThresholdFile {
  const { file, problems } = checkThresholdFile(parse(readFileSync(path, 'utf8')));
  if (!file) throw new Error(`${path} is not a valid thresholds file: ${problems.join('; ')}`);
  return file;
}

export const thresholdsProvider: Provider = { provide: VALIDATION_THRESHOLDS, useFactory: () => loadThresholds() };
