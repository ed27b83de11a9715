/**
 * A questionnaire version as an OSCAL catalog (NIST OSCAL 1.1 JSON model): the domains become
 * groups, the questions controls, and each `mapsTo` reference a property and a link to a
 * back-matter resource naming the framework. Ids and UUIDs are derived from the content, so the
 * same version always gives the same document. Weights and points are left out: they are the
 * risk function's, not part of what the questionnaire asks.
 */
import { createHash } from 'node:crypto';
import { FRAMEWORKS } from './questionnaire-frameworks.js';
import type { Question, QuestionnaireTemplate } from './questionnaire-template.js';

export const OSCAL_VERSION = '1.1.2';
/** Our own property namespace: OSCAL asks for one on every property it does not define. */
export const ASSAY_NS = 'https://assay.example/ns/oscal';

export interface OscalProp {
  name: string;
  value: string;
  ns?: string;
  class?: string;
}
export interface OscalLink {
  href: string;
  rel?: string;
  text?: string;
}
export interface OscalPart {
  id?: string;
  name: string;
  prose?: string;
}
export interface OscalControl {
  id: string;
  class?: string;
  title: string;
  props?: OscalProp[];
  links?: OscalLink[];
  parts?: OscalPart[];
}
export interface OscalGroup {
  id: string;
  class?: string;
  title: string;
  props?: OscalProp[];
  parts?: OscalPart[];
  controls: OscalControl[];
}
export interface OscalCatalog {
  catalog: {
    uuid: string;
    metadata: { title: string; 'last-modified': string; version: string; 'oscal-version': string; props: OscalProp[]; remarks?: string };
    groups: OscalGroup[];
    'back-matter': { resources: { uuid: string; title: string; props: OscalProp[] }[] };
  };
}

/** A name-based UUID (version 5 layout) from a SHA-256 of `name`: stable across exports. */
export function nameUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** OSCAL ids are tokens; ours (`DATA-03`) already are, and are lower-cased by OSCAL habit. */
const tokenOf = (id: string) => id.toLowerCase().replace(/[^a-z0-9._-]/g, '_');
const prefixOf = (reference: string) => reference.slice(0, reference.indexOf(':'));

function control(question: Question, resourceOf: (prefix: string) => string): OscalControl {
  const refs = question.mapsTo ?? [];
  const id = tokenOf(question.id);
  const parts: OscalPart[] = [{ id: `${id}_smt`, name: 'statement', prose: question.text }];
  if (question.help) parts.push({ id: `${id}_gdn`, name: 'guidance', prose: question.help });
  return {
    id,
    class: 'question',
    title: question.id,
    props: [
      { name: 'label', value: question.id },
      { name: 'question-type', ns: ASSAY_NS, value: question.type },
      { name: 'required', ns: ASSAY_NS, value: String(question.required) },
      ...(question.options ?? []).map((option) => ({ name: 'answer-option', ns: ASSAY_NS, value: String(option.value) })),
      ...refs.map((ref) => ({ name: 'maps-to', ns: ASSAY_NS, class: prefixOf(ref), value: ref })),
    ],
    ...(refs.length ? { links: refs.map((ref) => ({ href: `#${resourceOf(prefixOf(ref))}`, rel: 'reference', text: ref })) } : {}),
    parts,
  };
}

export function oscalCatalog(template: QuestionnaireTemplate, stored: { contentHash: string; lastModified: Date }): OscalCatalog {
  const used = [...new Set(template.questions.flatMap((q) => (q.mapsTo ?? []).map(prefixOf)))].sort();
  const resourceOf = (prefix: string) => nameUuid(`assay:framework:${prefix}`);
  // The intake form has no domains: its questions form one group.
  const domains = template.domains?.length ? template.domains : [{ id: 'questions', title: template.title, description: undefined, weight: 1 }];
  const inDomain = (q: Question, domainId: string) => (template.domains?.length ? q.domain === domainId : true);
  const groups: OscalGroup[] = domains.map((domain) => ({
    id: tokenOf(domain.id),
    class: 'domain',
    title: domain.title,
    props: [{ name: 'label', value: domain.id }],
    ...(domain.description ? { parts: [{ id: `${tokenOf(domain.id)}_ovw`, name: 'overview', prose: domain.description }] } : {}),
    controls: template.questions.filter((q) => inDomain(q, domain.id)).map((q) => control(q, resourceOf)),
  }));
  return {
    catalog: {
      uuid: nameUuid(`assay:questionnaire:${template.key}@${template.version}:${stored.contentHash}`),
      metadata: {
        title: template.title,
        'last-modified': stored.lastModified.toISOString(),
        version: template.version,
        'oscal-version': OSCAL_VERSION,
        props: [
          { name: 'questionnaire-key', ns: ASSAY_NS, value: template.key },
          { name: 'content-hash', ns: ASSAY_NS, value: stored.contentHash },
        ],
        ...(template.description ? { remarks: template.description } : {}),
      },
      groups,
      'back-matter': {
        resources: used.map((prefix) => ({
          uuid: resourceOf(prefix),
          title: FRAMEWORKS.find((f) => f.prefix === prefix)?.title ?? prefix,
          props: [{ name: 'framework-prefix', ns: ASSAY_NS, value: prefix }],
        })),
      },
    },
  };
}
