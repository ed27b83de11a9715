/**
 * The frameworks a question may map to, with the exact form of their identifiers. The framework
 * edition is part of the prefix (`owasp-llm-2025`) because some frameworks renumber between
 * editions.
 */
export interface Framework {
  prefix: string;
  title: string;
  /** The identifier form, for error messages. */
  example: string;
  accepts: (id: string) => boolean;
}

const pattern = (regex: RegExp) => (id: string) => regex.test(id);
const oneOf = (ids: readonly string[]) => (id: string) => ids.includes(id);

/** Article, optional paragraph, optional point: Art.28, Art.28(3), Art.28(3)(a). */
const ARTICLE = /^Art\.[1-9][0-9]{0,2}(\([1-9][0-9]?\)(\([a-z]\))?)?$/;
const EU_AI_ACT_ANNEX = /^Annex(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII)(\.[1-9][0-9]?(\([a-z]\))?)?$/;

/** The twelve risks of the NIST Generative AI profile, by the name the profile gives them. */
export const NIST_AI_600_1_RISKS = [
  'cbrn-information',
  'confabulation',
  'dangerous-violent-or-hateful-content',
  'data-privacy',
  'environmental-impacts',
  'harmful-bias-and-homogenization',
  'human-ai-configuration',
  'information-integrity',
  'information-security',
  'intellectual-property',
  'obscene-or-abusive-content',
  'value-chain-and-component-integration',
] as const;

export const FRAMEWORKS: readonly Framework[] = [
  { prefix: 'nist-ai-rmf', title: 'NIST AI RMF 1.0 (AI 100-1)', example: 'GOVERN-6.1', accepts: pattern(/^(GOVERN|MAP|MEASURE|MANAGE)-[1-9]\.[1-9][0-9]?$/) },
  { prefix: 'nist-ai-600-1', title: 'NIST AI 600-1 Generative AI profile (2024)', example: 'confabulation', accepts: oneOf(NIST_AI_600_1_RISKS) },
  { prefix: 'eu-ai-act', title: 'EU AI Act, Regulation (EU) 2024/1689', example: 'Art.26(5) or AnnexIII.5(b)', accepts: (id) => ARTICLE.test(id) || EU_AI_ACT_ANNEX.test(id) },
  { prefix: 'iso-42001', title: 'ISO/IEC 42001:2023 Annex A', example: 'A.10.3', accepts: pattern(/^A\.[1-9][0-9]?(\.[1-9][0-9]?){1,2}$/) },
  { prefix: 'owasp-llm-2025', title: 'OWASP Top 10 for LLM Applications 2025', example: 'LLM01', accepts: pattern(/^LLM(0[1-9]|10)$/) },
  { prefix: 'mitre-atlas', title: 'MITRE ATLAS', example: 'AML.T0051', accepts: pattern(/^AML\.T[0-9]{4}(\.[0-9]{3})?$/) },
  { prefix: 'us-tprm-2023', title: 'US interagency guidance on third-party relationships (2023)', example: 'ongoing-monitoring', accepts: pattern(/^[a-z]+(-[a-z]+)*$/) },
  { prefix: 'gdpr', title: 'GDPR, Regulation (EU) 2016/679', example: 'Art.28(3)(a)', accepts: pattern(ARTICLE) },
  { prefix: 'dora', title: 'DORA, Regulation (EU) 2022/2554', example: 'Art.30(2)(b)', accepts: pattern(ARTICLE) },
  { prefix: 'nyc-ll144', title: 'NYC Local Law 144 (automated employment decision tools)', example: '20-871(a)', accepts: pattern(/^20-87[0-4](\([a-z]\))?(\([1-9]\))?$/) },
  { prefix: 'csa-aicm', title: 'CSA AI Controls Matrix', example: 'MDS-01', accepts: pattern(/^[A-Z&]{2,4}-[0-9]{2}$/) },
  { prefix: 'us-reg-b', title: 'US Regulation B (ECOA), 12 CFR 1002', example: '1002.9(b)(2)', accepts: pattern(/^1002\.[1-9][0-9]?(\([a-z]\))?(\([1-9]\))?$/) },
];

const BY_PREFIX = new Map(FRAMEWORKS.map((framework) => [framework.prefix, framework]));

export function frameworkOf(prefix: string): Framework | undefined {
  return BY_PREFIX.get(prefix);
}

export interface FrameworkReference {
  framework: string;
  id: string;
}

export function splitReference(reference: string): FrameworkReference {
  const colon = reference.indexOf(':');
  return colon < 0 ? { framework: '', id: reference } : { framework: reference.slice(0, colon), id: reference.slice(colon + 1) };
}

/** Why a mapsTo entry is not a reference this product knows, or null when it is one. */
export function referenceProblem(reference: string): string | null {
  const { framework, id } = splitReference(reference);
  const known = BY_PREFIX.get(framework);
  if (!known) return `${reference}: unknown framework prefix "${framework}"; use one of ${FRAMEWORKS.map((f) => f.prefix).join(', ')}`;
  if (!known.accepts(id)) return `${reference}: "${id}" is not a ${known.title} identifier (form: ${framework}:${known.example})`;
  return null;
}

/**
 * Whether a mapped reference answers for a broader one: `eu-ai-act:Art.26(5)` covers
 * `eu-ai-act:Art.26`, `iso-42001:A.6.2.4` covers `iso-42001:A.6.2`; `Art.2` never covers `Art.26`.
 */
export function covers(mapped: string, wanted: string): boolean {
  if (mapped === wanted) return true;
  if (!mapped.startsWith(wanted)) return false;
  const next = mapped[wanted.length];
  return next === '(' || next === '.';
}
