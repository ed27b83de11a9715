import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import { createDataSource } from './data-source.js';
import { migrate } from './migrate.js';
import { schemaDrift } from './schema-drift.js';

const usage = 'usage: migrate-cli run | generate <Name>';

function migrationSource(className: string, timestamp: number, up: string[], down: string[]): string {
  const literal = (sql: string) => '`' + sql.replace(/[`\\]/g, (c) => `\\${c}`).replace(/\$\{/g, '\\${') + '`';
  const lines = (queries: string[]) => queries.map((q) => `    await runner.query(${literal(q)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className}${timestamp} implements MigrationInterface {
  name = '${className}${timestamp}';

  async up(runner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(runner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const db = createDataSource(loadConfig());
  await db.initialize();
  try {
    if (command === 'run') {
      const applied = await migrate(db);
      process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Nothing to apply\n');
    } else if (command === 'generate' && name && /^[A-Z][A-Za-z0-9]+$/.test(name)) {
      await migrate(db);
      const drift = await schemaDrift(db);
      if (drift.up.length === 0) {
        process.stdout.write('Entities and migrations agree: nothing to generate\n');
        return;
      }
      const timestamp = Date.now();
      const file = join(process.cwd(), 'migrations', `${timestamp}-${name}.ts`);
      await writeFile(file, migrationSource(name, timestamp, drift.up, drift.down));
      process.stdout.write(`Wrote ${file}\nAdd ${name}${timestamp} to migrations/index.ts\n`);
    } else {
      throw new Error(usage);
    }
  } finally {
    await db.destroy();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
