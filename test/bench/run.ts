/** Benchmarks (`npm run bench`): speed and memory targets are checked here, not by timed tests. */
import { answersSpeed, scoringSpeed } from './answers.js';
import { listsAtScale } from './lists.js';
import { portalSpeed } from './portal.js';
import { reportBuildSpeed, reportDrainRate } from './report.js';
import { sweepSpeed } from './sweep.js';
import { uploadMemory } from './upload.js';
import { validationSpeed } from './validation.js';

const benches: { name: string; run: () => Promise<string> }[] = [
  { name: 'Scoring 300 questions', run: scoringSpeed },
  { name: 'Answers and questions over HTTP', run: answersSpeed },
  { name: 'A 50 MB upload: memory growth under 20 MB', run: uploadMemory },
  { name: 'A 40-page report under 300 ms in the worker', run: reportBuildSpeed },
  { name: '1,000 queued reports drained at 20/s or better on two cores', run: reportDrainRate },
  { name: 'A sweep over 100,000 AI systems with due dates under 1 s of database time', run: sweepSpeed },
  { name: 'A 1,000,000-row validation against a 1,000,000-row reference under 20 s, RSS growth under 300 MB', run: validationSpeed },
  { name: 'The portal in headless Chromium', run: portalSpeed },
  { name: 'Lists and searches at 100,000 vendors within 1.5× of 1,000, portfolio summary under 200 ms', run: listsAtScale },
];

/** `npm run bench -- validation portal` runs only the benchmarks whose names hold one of the words. */
async function main(): Promise<void> {
  const words = process.argv.slice(2).map((word) => word.toLowerCase());
  const chosen = words.length ? benches.filter((bench) => words.some((word) => bench.name.toLowerCase().includes(word))) : benches;
  if (chosen.length === 0) process.stdout.write(`No benchmark matches ${words.join(', ')}.\n`);
  for (const bench of chosen) process.stdout.write(`${bench.name}: ${await bench.run()}\n`);
}

await main();
