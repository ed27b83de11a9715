/**
 * Words for the page: dates, sizes, answers and enum values as a reader expects them, and text
 * made safe for the standard PDF fonts (WinAnsi), which cannot show other characters.
 */
import type { AnswerValue } from '../../domain/answer-conditions.js';
import type { ReportQuestion } from '../report-data.js';

/** The characters above U+00FF that WinAnsi has a glyph for (pdfkit maps them). */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c,
  0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

function printable(char: string): string {
  const code = char.codePointAt(0)!;
  if (code === 0x0a) return char;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return ' ';
  if (code <= 0xff || WIN_ANSI_EXTRA.has(code)) return char;
  // Accented letters outside Latin-1 keep their base letter (ł stays ?, ő becomes o).
  const base = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return base.length > 0 && [...base].every((c) => c.codePointAt(0)! <= 0xff) ? base : '?';
}

/** Printable Latin-1 and newlines only: most text, passed through as it is. */
const PLAIN = /^[\n\x20-\x7e\xa0-\xff]*$/;

/** Text the standard fonts can draw: unknown characters become `?`, controls become spaces. */
export function pdfText(text: string): string {
  if (PLAIN.test(text)) return text;
  let out = '';
  for (const char of text.replace(/\r\n?/g, '\n')) out += printable(char);
  return out;
}

/** At most `max` characters, with an ellipsis when cut: table cells must fit on one page. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}\u2026`;
}

export function formatDay(date: Date | null): string {
  return date ? date.toISOString().slice(0, 10) : '-';
}

export function formatInstant(date: Date | null): string {
  return date ? `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC` : '-';
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** `approved_with_conditions` reads as "approved with conditions". */
export function words(value: string | null | undefined): string {
  return value ? value.replace(/_/g, ' ') : '-';
}

export function listOrDash(values: readonly string[]): string {
  return values.length ? values.join(', ') : '-';
}

function optionLabel(question: ReportQuestion | undefined, value: unknown): string {
  const option = question?.options.find((candidate) => candidate.value === value);
  return option ? option.label : String(value);
}

/** An answer as the vendor chose it: option labels rather than stored values. */
export function formatAnswer(question: ReportQuestion | undefined, value: AnswerValue): string {
  if (value === null || value === undefined) return 'Not answered';
  if (Array.isArray(value)) return value.length ? value.map((v) => optionLabel(question, v)).join('; ') : 'None selected';
  if (typeof value === 'boolean') return question?.options.length ? optionLabel(question, value) : value ? 'Yes' : 'No';
  if (question?.options.length) return optionLabel(question, value);
  return String(value);
}

export function formatScore(score: number | null): string {
  return score === null ? 'no score' : score.toFixed(1);
}

/** "98.4, with 1 critical knockout": a high score never reads without the knockouts beside it. */
export function scoreWithKnockouts(score: number | null, knockouts: readonly { severity: string }[]): string {
  if (knockouts.length === 0) return `${formatScore(score)}, no knockouts`;
  const order = ['critical', 'high', 'medium', 'low'];
  const parts = order
    .map((severity) => [severity, knockouts.filter((k) => k.severity === severity).length] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${n} ${severity} knockout${n === 1 ? '' : 's'}`);
  return `${formatScore(score)}, with ${parts.join(' and ')}`;
}
