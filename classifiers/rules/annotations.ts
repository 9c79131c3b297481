// Declared annotations are the server author's claim: evidence with a modest weight, never the
// answer. With options.ignoreAnnotations the classifier judges the definition alone.
import type { Evidence, ToolAnnotations } from '../classifier.ts';

export function annotationSignals(annotations: ToolAnnotations | undefined): Evidence[] {
  const out: Evidence[] = [];
  if (annotations === undefined) return out;
  if (annotations.readOnlyHint === true) {
    out.push({ signal: 'read', weight: 1.5, source: 'annotation', text: 'the server declares readOnlyHint: true' });
  } else if (annotations.readOnlyHint === false) {
    out.push({ signal: 'not-read', weight: 0.8, source: 'annotation', text: 'the server declares readOnlyHint: false' });
  }
  if (annotations.readOnlyHint !== true && annotations.destructiveHint === true) {
    out.push({ signal: 'destructive', weight: 0.8, source: 'annotation', text: 'the server declares destructiveHint: true' });
  }
  if (annotations.destructiveHint === false) {
    out.push({ signal: 'not-destructive', weight: 0.5, source: 'annotation', text: 'the server declares destructiveHint: false' });
  }
  if (annotations.openWorldHint === true) {
    out.push({ signal: 'open-world', weight: 0.3, source: 'annotation', text: 'the server declares openWorldHint: true' });
  } else if (annotations.openWorldHint === false) {
    out.push({ signal: 'closed-world', weight: 0.3, source: 'annotation', text: 'the server declares openWorldHint: false' });
  }
  return out;
}
