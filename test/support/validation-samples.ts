/** Holdout samples for validation runs, built row by row so each figure can be worked out by hand. */

/**
 * 100 rows aged 30-44 with 52 selected, 100 aged 60+ with 31 selected; the label agrees with the
 * selection on most rows so that both classes are present in both groups.
 */
export function creditSample(shift = 0): string {
  const lines = ['defaulted,pd,age,income'];
  for (const [age, selected] of [['30-44', 52], ['60+', 31]] as const) {
    for (let i = 0; i < 100; i++) {
      const chosen = i < selected;
      const score = (chosen ? 0.55 + (i % 40) / 100 : 0.05 + (i % 40) / 100) * (1 - shift) + shift;
      lines.push(`${chosen === (i % 5 !== 0) ? 1 : 0},${score.toFixed(4)},${age},${1000 + i * 10 + shift * 5000}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
