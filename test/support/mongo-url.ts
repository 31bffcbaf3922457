/** The MongoDB URL `base` pointed at another database (tests give each suite a database of its own). */
export function mongoUrlWithDatabase(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The test platform's MongoDB-compatible server (MONGO_URL), with a database of the caller's own. */
export function testMongoUrl(database: string): string {
  const base = process.env.MONGO_URL;
  if (!base) throw new Error('MONGO_URL is not set: the int tests need a MongoDB-compatible server');
  return mongoUrlWithDatabase(base, database);
}
