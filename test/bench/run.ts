/** Benchmarks (`npm run bench`): speed and memory targets are checked here, not by timed tests. */
import { uploadMemory } from './upload.js';

const benches: { name: string; run: () => Promise<string> }[] = [{ name: 'A 50 MB upload: memory growth under 20 MB', run: uploadMemory }];

async function main(): Promise<void> {
  if (benches.length === 0) process.stdout.write('No benchmarks yet.\n');
  for (const bench of benches) process.stdout.write(`${bench.name}: ${await bench.run()}\n`);
}

await main();
