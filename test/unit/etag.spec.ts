import { assertIfMatch, entityTag } from '../../src/common/etag.js';
import { DomainError } from '../../src/common/errors.js';

describe('entity tags', () => {
  it('quotes the version as a strong tag', () => {
    expect(entityTag(3)).toBe('"3"');
    expect(entityTag('12')).toBe('"12"');
  });

  it.each([
    ['no If-Match header', undefined],
    ['an empty If-Match header', ''],
    ['the current tag', '"3"'],
    ['any tag (*)', '*'],
    ['a list holding the current tag', '"1", "3" ,"7"'],
    ['the current tag weakened by a proxy', 'W/"3"'],
  ])('lets an update through with %s', (_, header) => {
    expect(() => assertIfMatch(header, entityTag(3))).not.toThrow();
  });

  it.each([
    ['an older tag', '"2"'],
    ['a list without the current tag', '"1", "2"'],
    ['an unquoted version', '3'],
    ['garbage', 'nonsense'],
  ])('refuses an update with %s as 412 precondition_failed', (_, header) => {
    let caught: unknown;
    try {
      assertIfMatch(header, entityTag(3));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({ status: 412, code: 'precondition_failed' });
  });
});
