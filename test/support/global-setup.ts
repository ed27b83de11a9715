/** Fails fast, with one clear line, when the suite is started without its services. */
export default async function globalSetup(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL || !process.env.TEST_REDIS_URL) {
    throw new Error('Run the tests with `npm test`, which finds PostgreSQL and Redis first.');
  }
}
