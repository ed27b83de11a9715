/**
 * The mapping sent with a validation sample: which CSV columns hold what. Checked in full
 * before anything is stored, so that a bad mapping is refused at upload, not in the worker.
 */
export interface ClassificationMapping {
  kind: 'classification';
  label: string;
  score?: string;
  prediction?: string;
  threshold: number;
  positiveLabel: string;
  groups: string[];
  features: string[];
  referenceValidationId?: string;
  referenceGroups?: Record<string, string>;
  minGroupSize: number;
  bootstrap: number;
  seed: number;
}

export interface GenerativeMapping {
  kind: 'generative_eval';
  category: string;
  outcome: string;
}

export type ValidationMapping = ClassificationMapping | GenerativeMapping;

export interface MappingProblem {
  field: string;
  message: string;
}

export const MAX_BOOTSTRAP = 10_000;
const CLASSIFICATION_KEYS = ['kind', 'label', 'score', 'prediction', 'threshold', 'positiveLabel', 'groups', 'features', 'referenceValidationId', 'referenceGroups', 'minGroupSize', 'bootstrap', 'seed'];
const GENERATIVE_KEYS = ['kind', 'category', 'outcome'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Checked<T> = { mapping: T; problems: [] } | { mapping: null; problems: MappingProblem[] };

/** Reads a mapping from parsed JSON, with defaults; lists every problem with its field. */
export function readMapping(input: unknown): Checked<ValidationMapping> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail([{ field: 'mapping', message: 'must be a JSON object' }]);
  const raw = input as Record<string, unknown>;
  if (raw.kind === 'generative_eval') return readGenerative(raw);
  if (raw.kind !== 'classification') return fail([{ field: 'mapping.kind', message: 'must be "classification" or "generative_eval"' }]);
  return readClassification(raw);
}

const fail = (problems: MappingProblem[]): { mapping: null; problems: MappingProblem[] } => ({ mapping: null, problems });

function unknownKeys(raw: Record<string, unknown>, allowed: string[]): MappingProblem[] {
  return Object.keys(raw).filter((key) => !allowed.includes(key)).map((key) => ({ field: `mapping.${key}`, message: 'is not a mapping field' }));
}

function readGenerative(raw: Record<string, unknown>): Checked<ValidationMapping> {
  const problems = unknownKeys(raw, GENERATIVE_KEYS);
  const category = column(raw, 'category', problems, true);
  const outcome = column(raw, 'outcome', problems, true);
  return problems.length ? fail(problems) : { mapping: { kind: 'generative_eval', category: category!, outcome: outcome! }, problems: [] };
}

function readClassification(raw: Record<string, unknown>): Checked<ValidationMapping> {
  const problems = unknownKeys(raw, CLASSIFICATION_KEYS);
  const label = column(raw, 'label', problems, true);
  const score = column(raw, 'score', problems, false);
  const prediction = column(raw, 'prediction', problems, false);
  if (raw.score === undefined && raw.prediction === undefined) problems.push({ field: 'mapping.score', message: 'a score or a prediction column is required' });
  const mapping: ClassificationMapping = {
    kind: 'classification',
    label: label!,
    ...(score !== undefined && { score }),
    ...(prediction !== undefined && { prediction }),
    threshold: numberField(raw, 'threshold', 0.5, problems, { integer: false, min: -Number.MAX_VALUE, max: Number.MAX_VALUE }),
    positiveLabel: positiveLabel(raw.positiveLabel, problems),
    groups: columnList(raw, 'groups', problems),
    features: columnList(raw, 'features', problems),
    minGroupSize: numberField(raw, 'minGroupSize', 30, problems, { integer: true, min: 1, max: 1_000_000 }),
    bootstrap: numberField(raw, 'bootstrap', 1000, problems, { integer: true, min: 0, max: MAX_BOOTSTRAP }),
    seed: numberField(raw, 'seed', 1, problems, { integer: true, min: 0, max: 2 ** 32 - 1 }),
  };
  if (raw.referenceValidationId !== undefined) {
    if (typeof raw.referenceValidationId === 'string' && UUID.test(raw.referenceValidationId)) mapping.referenceValidationId = raw.referenceValidationId.toLowerCase();
    else problems.push({ field: 'mapping.referenceValidationId', message: 'must be the id of an earlier validation run' });
  }
  if (raw.referenceGroups !== undefined) mapping.referenceGroups = referenceGroups(raw.referenceGroups, mapping.groups, problems);
  problems.push(...duplicateColumns(mapping));
  return problems.length ? fail(problems) : { mapping, problems: [] };
}

function column(raw: Record<string, unknown>, key: string, problems: MappingProblem[], required: boolean): string | undefined {
  const value = raw[key];
  if (value === undefined && !required) return undefined;
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  problems.push({ field: `mapping.${key}`, message: 'must name a column of the CSV' });
  return undefined;
}

function columnList(raw: Record<string, unknown>, key: string, problems: MappingProblem[]): string[] {
  const value = raw[key] ?? [];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' && v.trim() !== '')) return value.map((v: string) => v.trim());
  problems.push({ field: `mapping.${key}`, message: 'must be a list of column names' });
  return [];
}

function numberField(raw: Record<string, unknown>, key: string, fallback: number, problems: MappingProblem[], range: { integer: boolean; min: number; max: number }): number {
  const value = raw[key];
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && (!range.integer || Number.isInteger(value)) && value >= range.min && value <= range.max) return value;
  const kind = range.integer ? `an integer from ${range.min} to ${range.max}` : 'a finite number';
  problems.push({ field: `mapping.${key}`, message: `must be ${kind}` });
  return fallback;
}

function positiveLabel(value: unknown, problems: MappingProblem[]): string {
  if (value === undefined) return '1';
  if ((typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value))) return String(value).trim();
  problems.push({ field: 'mapping.positiveLabel', message: 'must be the label value of the positive class' });
  return '1';
}

function referenceGroups(value: unknown, groups: string[], problems: MappingProblem[]): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    problems.push({ field: 'mapping.referenceGroups', message: 'must map group columns to the value of their reference group' });
    return undefined;
  }
  for (const key of Object.keys(value)) if (!groups.includes(key)) problems.push({ field: `mapping.referenceGroups.${key}`, message: 'is not one of the group columns' });
  return value as Record<string, string>;
}

function duplicateColumns(mapping: ClassificationMapping): MappingProblem[] {
  const roles = [mapping.label, mapping.score, mapping.prediction].filter((c): c is string => c !== undefined);
  const seen = new Set<string>();
  const problems: MappingProblem[] = [];
  for (const name of [...roles, ...mapping.groups, ...mapping.features]) {
    if (seen.has(name)) problems.push({ field: 'mapping', message: `the column "${name}" is mapped twice` });
    seen.add(name);
  }
  return problems;
}

/** The columns a mapping names, for the check against the CSV header. */
export function mappedColumns(mapping: ValidationMapping): { field: string; column: string }[] {
  if (mapping.kind === 'generative_eval') return [{ field: 'category', column: mapping.category }, { field: 'outcome', column: mapping.outcome }];
  return [
    { field: 'label', column: mapping.label },
    ...(mapping.score ? [{ field: 'score', column: mapping.score }] : []),
    ...(mapping.prediction ? [{ field: 'prediction', column: mapping.prediction }] : []),
    ...mapping.groups.map((column) => ({ field: 'groups', column })),
    ...mapping.features.map((column) => ({ field: 'features', column })),
  ];
}
