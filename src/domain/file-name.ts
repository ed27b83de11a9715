import { ALLOWED_MEDIA_TYPES, type AllowedMediaType } from './media-type.js';

/**
 * Upload names are shown to reviewers and sent back in Content-Disposition: they carry no path,
 * no control or direction-changing characters, no `..`, a bounded length, and an extension that
 * matches what the bytes are.
 */
export const MAX_FILE_NAME_LENGTH = 150;
const FALLBACK_STEM = 'evidence';

/** Extensions a file of each type may keep; the first is the one given when none fits. */
const EXTENSIONS: Record<AllowedMediaType, string[]> = {
  [ALLOWED_MEDIA_TYPES.pdf]: ['pdf'],
  [ALLOWED_MEDIA_TYPES.docx]: ['docx', 'docm'],
  [ALLOWED_MEDIA_TYPES.xlsx]: ['xlsx', 'xlsm'],
  [ALLOWED_MEDIA_TYPES.pptx]: ['pptx', 'pptm'],
  [ALLOWED_MEDIA_TYPES.doc]: ['doc', 'dot'],
  [ALLOWED_MEDIA_TYPES.xls]: ['xls', 'xlt'],
  [ALLOWED_MEDIA_TYPES.png]: ['png'],
  [ALLOWED_MEDIA_TYPES.jpeg]: ['jpg', 'jpeg', 'jpe'],
  [ALLOWED_MEDIA_TYPES.gif]: ['gif'],
  [ALLOWED_MEDIA_TYPES.webp]: ['webp'],
  [ALLOWED_MEDIA_TYPES.text]: ['txt', 'md', 'log', 'text', 'csv', 'tsv', 'json'],
  [ALLOWED_MEDIA_TYPES.csv]: ['csv', 'tsv', 'txt'],
  [ALLOWED_MEDIA_TYPES.json]: ['json', 'jsonl', 'geojson', 'txt'],
  [ALLOWED_MEDIA_TYPES.zip]: ['zip'],
};

/** Extensions that would make a downloaded file run or render as something else when opened. */
const DANGEROUS = new Set([
  'exe', 'com', 'bat', 'cmd', 'scr', 'pif', 'msi', 'msp', 'dll', 'cpl', 'ps1', 'psm1', 'vbs', 'vbe', 'js', 'jse', 'mjs',
  'wsf', 'wsh', 'hta', 'lnk', 'jar', 'sh', 'bash', 'zsh', 'app', 'dmg', 'pkg', 'deb', 'rpm', 'apk', 'html', 'htm',
  'xhtml', 'svg', 'xml', 'php', 'py', 'rb', 'pl', 'reg', 'inf', 'iso', 'appimage', 'command',
]);
const KNOWN = new Set([...Object.values(EXTENSIONS).flat(), ...DANGEROUS]);

// C0/C1 controls, and bidi overrides and isolates that can disguise an extension (`cod\u202Efdp.exe`).
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const RESERVED = /[<>:"/\\|?*]/g;

function lastSegment(raw: string): string {
  const parts = raw.split(/[/\\]/);
  return parts[parts.length - 1];
}

function splitExtension(name: string): { stem: string; extension: string | null } {
  const match = /^(.*)\.([A-Za-z0-9]{1,10})$/.exec(name);
  return match ? { stem: match[1], extension: match[2].toLowerCase() } : { stem: name, extension: null };
}

/** Leading dots (hidden files), runs of dots (`..`) and trailing dots or spaces all go. */
function tidyStem(stem: string): string {
  return stem
    .replace(/\.{2,}/g, '.')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .trim();
}

function fittingExtension(extension: string | null, mediaType: AllowedMediaType): { keep: boolean; replace: boolean } {
  if (extension === null) return { keep: false, replace: false };
  if (EXTENSIONS[mediaType].includes(extension)) return { keep: true, replace: false };
  const lenientText = mediaType === ALLOWED_MEDIA_TYPES.text && !KNOWN.has(extension);
  return { keep: lenientText, replace: KNOWN.has(extension) };
}

function bounded(stem: string, extension: string): string {
  const room = MAX_FILE_NAME_LENGTH - extension.length - 1;
  const chars = [...stem];
  return `${chars.length > room ? chars.slice(0, room).join('').trimEnd() : stem}.${extension}`;
}

function nameParts(visible: string): { stem: string; extension: string | null } {
  const split = splitExtension(visible.replace(/\.{2,}/g, '.').replace(/[\s.]+$/, '').trim());
  // `.env` is a hidden file's name, not an extension; `.pdf` is a PDF without a name.
  if (!tidyStem(split.stem) && split.extension && !KNOWN.has(split.extension)) return { stem: split.extension, extension: null };
  return split;
}

/** A safe display and download name for an upload whose bytes were sniffed as `mediaType`. */
export function cleanFileName(raw: string | undefined | null, mediaType: AllowedMediaType): string {
  const visible = lastSegment((raw ?? '').normalize('NFC').replace(INVISIBLE, '')).replace(RESERVED, '_');
  const { stem, extension } = nameParts(visible);
  const fit = fittingExtension(extension, mediaType);
  const base = tidyStem(fit.keep || fit.replace || extension === null ? stem : `${stem}.${extension}`) || FALLBACK_STEM;
  return bounded(base, fit.keep ? extension! : EXTENSIONS[mediaType][0]);
}

/**
 * `Content-Disposition: attachment` per RFC 6266: an ASCII `filename` for old clients and the
 * exact name as UTF-8 in `filename*` (RFC 8187).
 */
export function attachmentDisposition(name: string): string {
  return contentDisposition('attachment', name);
}

/** Shown in the browser rather than saved: only for types the browser renders without running them. */
export function inlineDisposition(name: string): string {
  return contentDisposition('inline', name);
}

function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
