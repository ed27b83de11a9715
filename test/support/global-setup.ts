/** Fails fast, with one clear line, when the suite is started without `npm test` choosing its backends. */
export default async function globalSetup(): Promise<void> {
  if (!process.env.TEST_BACKENDS) {
    throw new Error('Run the tests with `npm test`, which builds the code and chooses PostgreSQL and Redis or the embedded backends first.');
  }
}
