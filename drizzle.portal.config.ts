import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/portal/db/schema.ts',
  out: './resources/migrations/portal',
});
