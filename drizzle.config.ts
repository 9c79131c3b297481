import { defineConfig } from 'drizzle-kit';

// One schema, one migrations folder, applied on PGlite and on PostgreSQL alike (src/db/connect.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './migrations',
});
