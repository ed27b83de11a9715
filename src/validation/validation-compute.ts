import { Inject, Injectable } from '@nestjs/common';
import { Transform, type Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { classificationResults, type ClassificationResults } from '../domain/validation/classification.js';
import { stabilityResults, type StabilityResults } from '../domain/validation/drift.js';
import { failureRates, type CategoryFailures } from '../domain/validation/generative.js';
import type { ClassificationMapping, ValidationMapping } from '../domain/validation/mapping.js';
import type { PerformanceMetrics } from '../domain/validation/performance.js';
import type { EvidenceStorage } from '../evidence/storage/evidence-storage.js';
import { readSample, SampleError, type ParsedSample } from './sample-reader.js';
import { ValidationRunEntity } from './validation-run.entity.js';
import { VALIDATION_STORAGE } from './validation-storage.js';

export type ValidationResults =
  | ({ kind: 'classification'; input: InputCitation; stability: (StabilityResults & { referenceValidationId: string; referenceSha256: string }) | null } & ClassificationResults)
  | { kind: 'generative_eval'; input: InputCitation; categories: CategoryFailures[] };

interface InputCitation {
  sha256: string;
  rows: number;
}

type Progress = (percent: number) => Promise<void>;

/** Reads a run's sample (and its reference's) from storage and computes the results; stores nothing. */
@Injectable()
export class ValidationComputer {
  constructor(
    private readonly db: DataSource,
    @Inject(VALIDATION_STORAGE) private readonly storage: EvidenceStorage,
  ) {}

  async compute(run: ValidationRunEntity, progress: Progress): Promise<ValidationResults> {
    const mapping = run.mapping as unknown as ValidationMapping;
    const reference = mapping.kind === 'classification' && mapping.referenceValidationId ? await this.reference(mapping.referenceValidationId, run.aiSystemId) : null;
    const readShare = reference ? 30 : 60;
    const parsed = await this.parse(run, mapping, (share) => progress(share * readShare));
    const input = { sha256: run.inputSha256, rows: rowsOf(parsed) };
    if (parsed.kind === 'generative_eval') return { kind: 'generative_eval', input, categories: failureRates(parsed.categories, parsed.failed) };
    const classification = mapping as ClassificationMapping;
    const results = classificationResults(parsed.sample, parsed.groups, { minGroupSize: classification.minGroupSize, resamples: classification.bootstrap, seed: classification.seed, referenceGroups: classification.referenceGroups });
    await progress(readShare + 20);
    let stability: Extract<ValidationResults, { kind: 'classification' }>['stability'] = null;
    if (reference) {
      const base = await this.parse(reference, reference.mapping as unknown as ValidationMapping, (share) => progress(readShare + 20 + share * 30));
      if (base.kind !== 'classification') throw new SampleError(1, null, 'the reference run is not a classification run');
      const referencePerformance = (reference.results as { performance: PerformanceMetrics }).performance;
      stability = {
        referenceValidationId: reference.id,
        referenceSha256: reference.inputSha256,
        ...stabilityResults({ scores: base.sample.scores, features: base.features, performance: referencePerformance }, { scores: parsed.sample.scores, features: parsed.features, performance: results.performance }),
      };
    }
    return { kind: 'classification', input, ...results, stability };
  }

  private async reference(id: string, aiSystemId: string): Promise<ValidationRunEntity> {
    const reference = await this.db.getRepository(ValidationRunEntity).findOneBy({ id, aiSystemId, status: 'done' });
    if (!reference || reference.inputDeletedAt) throw new SampleError(1, null, `the reference run ${id} is not a finished run of this AI system with its sample kept`);
    return reference;
  }

  /** Streams a stored sample through the reader; `share` goes from 0 to 1 with the bytes read. */
  private async parse(run: ValidationRunEntity, mapping: ValidationMapping, share: (fraction: number) => Promise<void>): Promise<ParsedSample> {
    const total = Number(run.inputSize) || 1;
    let read = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        read += chunk.length;
        done(null, chunk);
      },
    });
    const source: Readable = await this.storage.open(run.inputSha256);
    source.on('error', (error) => counter.destroy(error));
    return readSample(source.pipe(counter), mapping, () => share(Math.min(1, read / total)));
  }
}

function rowsOf(parsed: ParsedSample): number {
  return parsed.kind === 'classification' ? parsed.sample.labels.length : parsed.categories.length;
}
