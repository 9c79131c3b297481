// The LLM answer cache: one validated answer per (definition, server context, prompt version, model),
// so re-running a classification never pays for the same question twice.
import { and, eq } from 'drizzle-orm';
import type { Db } from './connect.ts';
import { llmAnswers } from './schema.ts';

export interface LlmCacheKey {
  definitionHash: string;
  contextHash: string;
  promptVersion: string;
  model: string;
}

/** The stored answer, unvalidated: the caller checks it with its own schema (it may predate it). */
export async function getLlmAnswer(db: Db, key: LlmCacheKey): Promise<Record<string, unknown> | undefined> {
  const rows = await db
    .select({ answer: llmAnswers.answer })
    .from(llmAnswers)
    .where(
      and(
        eq(llmAnswers.definitionHash, key.definitionHash),
        eq(llmAnswers.contextHash, key.contextHash),
        eq(llmAnswers.promptVersion, key.promptVersion),
        eq(llmAnswers.model, key.model),
      ),
    )
    .limit(1);
  return rows[0]?.answer;
}

/** Concurrent classifications of the same definition may race here; the first answer wins. */
export async function saveLlmAnswer(db: Db, key: LlmCacheKey, answer: Record<string, unknown>): Promise<void> {
  await db.insert(llmAnswers).values({ ...key, answer }).onConflictDoNothing();
}
