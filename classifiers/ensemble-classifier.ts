// The ensemble: rules and LLM side by side. Where they disagree the disagreement is kept in the
// result (a low-severity finding and an evidence item) so a reviewer can find the tools worth a look.
//
// Decision rule, documented because a gateway acts on it:
// - risk: the more conservative (higher) of the two: under-estimating risk is the costly mistake;
// - category: the LLM's when its confidence is at least the rules', else the rules';
// - confidence: the higher of the two when the categories agree; the chosen side's minus 0.15 when
//   they do not (and the tool is then marked ambiguous);
// - when the LLM failed and fell back to rules, the result is the rules' label, marked as such.
import type { Classification, Classifier, Finding } from './classifier.ts';
import { maxRisk } from './classifier.ts';
import { LLM_FALLBACK_SIGNAL, type LlmClassifier } from './llm-classifier.ts';
import { classifyWithRules, rulesClassifier } from './rules-classifier.ts';

export const ENSEMBLE_DISAGREEMENT_SIGNAL = 'ensemble:disagreement';
export const ENSEMBLE_RULES_ONLY_SIGNAL = 'ensemble:rules-only';
export const DISAGREEMENT_FINDING = 'classifier-disagreement';

const DISAGREEMENT_PENALTY = 0.15;

export function createEnsembleClassifier(llm: LlmClassifier): Classifier {
  return {
    info: { name: 'ensemble', version: `rules-${rulesClassifier.info.version}+${llm.info.version}` },
    async classify(tool, server, options = {}) {
      const rules = classifyWithRules(tool, server, options);
      const model = await llm.classify(tool, server, options);
      return combine(rules, model);
    },
  };
}

/** Exported for tests and for callers that already hold both labels. */
export function combine(rules: Classification, model: Classification): Classification {
  if (model.evidence.some((e) => e.signal === LLM_FALLBACK_SIGNAL)) {
    return {
      ...model,
      evidence: [...model.evidence, { signal: ENSEMBLE_RULES_ONLY_SIGNAL, weight: 0, source: 'description', text: 'the LLM failed; rules label only' }],
    };
  }
  const categoryDiffers = rules.category !== model.category;
  if (!categoryDiffers && rules.risk === model.risk) {
    return { ...model, confidence: Math.max(model.confidence, rules.confidence) };
  }
  const llmWins = model.confidence >= rules.confidence;
  const chosen = llmWins ? model : rules;
  const risk = maxRisk(rules.risk, model.risk);
  const summary = `rules said ${rules.category}/${rules.risk} (confidence ${rules.confidence.toFixed(2)}), the LLM said ${model.category}/${model.risk} (confidence ${model.confidence.toFixed(2)})`;
  const picked = `kept the ${llmWins ? "LLM's" : "rules'"} category ${chosen.category} and the more conservative risk ${risk}`;
  const finding: Finding = {
    kind: DISAGREEMENT_FINDING,
    severity: 'low',
    message: `The classifiers disagree: ${summary}; the ensemble ${picked}.`,
  };
  const confidence = categoryDiffers
    ? Math.max(0.05, Math.round((chosen.confidence - DISAGREEMENT_PENALTY) * 100) / 100)
    : Math.max(model.confidence, rules.confidence);
  return {
    category: chosen.category,
    risk,
    confidence,
    rationale: `${chosen.rationale} The classifiers disagree: ${summary}; the ensemble ${picked}.`,
    // The LLM result already carries the union of both sides' tags and the rules' evidence.
    tags: model.tags,
    findings: [...chosen.findings, finding],
    suggestedAnnotations: chosen.suggestedAnnotations,
    evidence: [...model.evidence, { signal: ENSEMBLE_DISAGREEMENT_SIGNAL, weight: 0, source: 'description', text: `${summary}; ${picked}` }],
    ambiguous: categoryDiffers || chosen.ambiguous === true,
  };
}
