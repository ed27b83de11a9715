import { CONTENTS_LINES_PER_PAGE, paginateContents, type ContentsEntry } from '../../src/reports/pdf/contents.js';
import { contentsOf } from '../../src/reports/pdf/document.js';
import { pageLabel } from '../../src/reports/pdf/footer.js';

const section = (n: number): ContentsEntry => ({ key: `s${n}`, title: `Section ${n}`, level: 0 });
const part = (n: number): ContentsEntry => ({ key: `p${n}`, title: `Part ${n}`, level: 1 });
const keys = (pages: ContentsEntry[][]) => pages.map((page) => page.map((entry) => entry.key));

describe('paginating the table of contents', () => {
  it('fits a short contents on one page', () => {
    expect(keys(paginateContents([section(1), section(2), part(1), section(3)], 10))).toEqual([['s1', 's2', 'p1', 's3']]);
  });

  it('gives one page even to an empty contents', () => {
    expect(paginateContents([], 10)).toEqual([[]]);
  });

  it('fills pages up to the line limit and continues on the next', () => {
    const entries = Array.from({ length: 7 }, (_, i) => section(i + 1));
    expect(keys(paginateContents(entries, 3))).toEqual([['s1', 's2', 's3'], ['s4', 's5', 's6'], ['s7']]);
  });

  it('never leaves a section heading alone at the foot of a page above its parts', () => {
    const entries = [section(1), section(2), section(3), part(1), part(2)];
    expect(keys(paginateContents(entries, 3))).toEqual([['s1', 's2'], ['s3', 'p1', 'p2']]);
  });

  it('lets a heading without parts end a page', () => {
    expect(keys(paginateContents([section(1), section(2), section(3), section(4)], 3))).toEqual([['s1', 's2', 's3'], ['s4']]);
  });

  it('keeps every entry exactly once, in order, within the limit', () => {
    const entries = Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? section(i) : part(i)));
    const pages = paginateContents(entries, CONTENTS_LINES_PER_PAGE);
    expect(pages.flat()).toEqual(entries);
    expect(pages.every((page) => page.length <= CONTENTS_LINES_PER_PAGE)).toBe(true);
    const lastOfPages = pages.slice(0, -1).map((page) => page[page.length - 1]);
    expect(lastOfPages.filter((entry) => entry.level === 0 && entries[entries.indexOf(entry) + 1]?.level === 1)).toEqual([]);
  });

  it('lists the seven sections, with the answers of each domain under "Answers"', () => {
    const entries = contentsOf([
      { key: 'answers:gov', title: 'Governance', questions: [] },
      { key: 'answers:sec', title: 'Security', questions: [] },
    ]);
    expect(entries.map((e) => `${e.level}:${e.title}`)).toEqual([
      '0:1. Executive summary',
      '0:2. Domain scores',
      '0:3. Knockouts and findings',
      '0:4. Evidence inventory',
      '0:5. Framework coverage',
      '0:6. Answers',
      '1:Governance',
      '1:Security',
      '0:7. Audit trail (excerpt)',
    ]);
  });
});

describe('page labels', () => {
  it('reads "Page n of m"', () => {
    expect(pageLabel(3, 41)).toBe('Page 3 of 41');
  });
});
