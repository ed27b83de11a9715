import { parseTraceparent } from '../../src/common/trace-context.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('parseTraceparent', () => {
  it.each([
    ['a sampled version-00 header', `00-${TRACE}-${SPAN}-01`],
    ['an unsampled header', `00-${TRACE}-${SPAN}-00`],
    ['a later version with more fields', `01-${TRACE}-${SPAN}-01-extra`],
    ['surrounding spaces', `  00-${TRACE}-${SPAN}-01 `],
  ])('reads the trace and span ids of %s', (_, header) => {
    expect(parseTraceparent(header)).toEqual({ traceId: TRACE, spanId: SPAN });
  });

  it.each([
    ['no header', undefined],
    ['a repeated header', [`00-${TRACE}-${SPAN}-01`, `00-${TRACE}-${SPAN}-01`]],
    ['upper-case hex', `00-${TRACE.toUpperCase()}-${SPAN}-01`],
    ['version ff', `ff-${TRACE}-${SPAN}-01`],
    ['version 00 with an extra field', `00-${TRACE}-${SPAN}-01-extra`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${SPAN}-01`],
    ['an all-zero span id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['a short trace id', `00-${TRACE.slice(1)}-${SPAN}-01`],
    ['garbage', 'not-a-traceparent'],
  ])('ignores %s', (_, header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });
});
