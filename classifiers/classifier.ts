// The classifier contract lives in src/types.ts; this module re-exports it so classifier modules
// import one place, and holds the few helpers every classifier shares (risk ordering, clamping).
import type { Risk } from '../src/types.ts';

export type {
  Category,
  Classification,
  Classifier,
  ClassifierInfo,
  ClassifyOptions,
  Evidence,
  EvidenceSource,
  Finding,
  FindingSeverity,
  Risk,
  ServerContext,
  Tag,
  ToolAnnotations,
  ToolDefinition,
} from '../src/types.ts';

const RISK_ORDER: Record<Risk, number> = { Low: 0, Medium: 1, High: 2, Critical: 3 };
const RISK_BY_INDEX: readonly Risk[] = ['Low', 'Medium', 'High', 'Critical'];

export function riskIndex(risk: Risk): number {
  return RISK_ORDER[risk];
}

export function maxRisk(a: Risk, b: Risk): Risk {
  return RISK_ORDER[a] >= RISK_ORDER[b] ? a : b;
}

export function riskFromIndex(index: number): Risk {
  const clamped = Math.max(0, Math.min(3, Math.round(index)));
  return RISK_BY_INDEX[clamped] ?? 'Low';
}

/** The middle of three numbers (the second largest), without sorting an array. */
export function middleOf(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}

export function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}
