import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Classification, ClassifierInfo } from '../types.ts';
import type { Db } from './connect.ts';
import { classifications } from './schema.ts';

export interface ClassificationKey {
  definitionHash: string;
  contextHash: string;
}

const BATCH = 500;

/** Of the given keys, those this classifier version has not labelled yet. */
export async function missingClassifications(
  db: Db,
  classifier: ClassifierInfo,
  keys: readonly ClassificationKey[],
): Promise<ClassificationKey[]> {
  const missing: ClassificationKey[] = [];
  for (let i = 0; i < keys.length; i += BATCH) {
    const chunk = keys.slice(i, i + BATCH);
    const rows = await db
      .select({ definitionHash: classifications.definitionHash, contextHash: classifications.contextHash })
      .from(classifications)
      .where(
        and(
          eq(classifications.classifier, classifier.name),
          eq(classifications.classifierVersion, classifier.version),
          inArray(classifications.definitionHash, chunk.map((k) => k.definitionHash)),
        ),
      );
    const have = new Set(rows.map((r) => `${r.definitionHash}:${r.contextHash}`));
    for (const key of chunk) if (!have.has(`${key.definitionHash}:${key.contextHash}`)) missing.push(key);
  }
  return missing;
}

export async function saveClassifications(
  db: Db,
  classifier: ClassifierInfo,
  items: readonly (ClassificationKey & { classification: Classification })[],
): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) {
    const rows = items.slice(i, i + BATCH).map(({ definitionHash, contextHash, classification: c }) => ({
      definitionHash,
      contextHash,
      classifier: classifier.name,
      classifierVersion: classifier.version,
      category: c.category,
      risk: c.risk,
      confidence: c.confidence,
      rationale: c.rationale,
      tags: c.tags,
      findings: c.findings,
      suggestedAnnotations: c.suggestedAnnotations,
      evidence: c.evidence,
    }));
    await db
      .insert(classifications)
      .values(rows)
      .onConflictDoUpdate({
        target: [
          classifications.definitionHash,
          classifications.contextHash,
          classifications.classifier,
          classifications.classifierVersion,
        ],
        set: {
          category: sql`excluded.category`,
          risk: sql`excluded.risk`,
          confidence: sql`excluded.confidence`,
          rationale: sql`excluded.rationale`,
          tags: sql`excluded.tags`,
          findings: sql`excluded.findings`,
          suggestedAnnotations: sql`excluded.suggested_annotations`,
          evidence: sql`excluded.evidence`,
        },
      });
  }
}
