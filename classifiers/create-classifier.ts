// One place that turns `--classifier rules|llm|ensemble` into a classifier, for every command
// (classify, eval, index). The LLM settings are read only when an LLM is asked for.
import { loadLlmConfig, type LlmConfig, type LlmFlags } from '../src/config.ts';
import type { Db } from '../src/db/connect.ts';
import { McpRiskError } from '../src/errors.ts';
import { closeMatches } from '../src/suggest.ts';
import type { Classifier } from './classifier.ts';
import { createEnsembleClassifier } from './ensemble-classifier.ts';
import { createLlmClassifier } from './llm-classifier.ts';
import { rulesClassifier } from './rules-classifier.ts';

export const CLASSIFIER_NAMES = ['rules', 'llm', 'ensemble'] as const;
export type ClassifierName = (typeof CLASSIFIER_NAMES)[number];

export function isClassifierName(value: string): value is ClassifierName {
  return (CLASSIFIER_NAMES as readonly string[]).includes(value);
}

/**
 * `config` is either a complete LLM configuration (tests, embedders) or the command line's LLM flags,
 * completed from the environment and defaults (flags > env > defaults).
 * Throws BAD_FLAG for an unknown name and BAD_CONFIG for unusable LLM settings.
 */
export function createClassifier(name: string, config: LlmConfig | LlmFlags = {}, deps: { db?: Db | undefined } = {}): Classifier {
  if (!isClassifierName(name)) {
    const close = closeMatches(name, CLASSIFIER_NAMES);
    throw new McpRiskError('BAD_FLAG', `unknown classifier "${name}"`, {
      hint: `${close.length > 0 ? `did you mean ${close.join(', ')}? ` : ''}allowed: ${CLASSIFIER_NAMES.join(', ')}`,
    });
  }
  if (name === 'rules') return rulesClassifier;
  const llm = createLlmClassifier({ config: isComplete(config) ? config : loadLlmConfig(config), db: deps.db });
  return name === 'llm' ? llm : createEnsembleClassifier(llm);
}

function isComplete(config: LlmConfig | LlmFlags): config is LlmConfig {
  return (
    typeof config.baseUrl === 'string' &&
    typeof config.model === 'string' &&
    typeof config.concurrency === 'number' &&
    typeof config.timeoutMs === 'number' &&
    typeof config.maxRetries === 'number' &&
    typeof config.responseFormat === 'string'
  );
}
