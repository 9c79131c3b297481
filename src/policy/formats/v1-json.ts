// Our own format: the v1 policy as JSON, keys sorted so reruns are byte-identical.
import { stableJson } from '../stable-json.ts';
import type { ExportInput } from './export-input.ts';

export function v1Json(input: ExportInput): string {
  return `${stableJson(input.policy)}\n`;
}
