// `mcp-risk eval`: score a classifier against a hand-labelled gold set (data/gold/tools.jsonl).
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { evaluate, renderEvalMarkdown, type GoldItem, type Prediction } from '../../../classifiers/evaluate.ts';
import { McpRiskError } from '../../errors.ts';
import { CATEGORIES, RISKS, type ServerContext, type ToolDefinition } from '../../types.ts';
import { intOption, printJson } from '../context.ts';
import { addClassifierOptions, llmSummary, mapOrdered, parseToolLine, readLines, withClassifier, type ClassifierFlags } from './classify-command.ts';

const goldLineSchema = z.looseObject({
  id: z.string().min(1),
  label: z.object({
    category: z.enum(CATEGORIES),
    risk: z.enum(RISKS),
    ambiguous: z.boolean(),
    reason: z.string().optional(),
  }),
  annotations: z.looseObject({ readOnlyHint: z.boolean().optional() }).nullish(),
});

interface GoldTool {
  gold: GoldItem;
  tool: ToolDefinition;
  server?: ServerContext;
}

interface EvalFlags extends ClassifierFlags {
  gold: string;
  ignoreAnnotations?: boolean;
  withAnnotations?: boolean;
  json?: boolean;
  misses: number;
}

export function registerEvalCommand(program: Command): void {
  const command = program
    .command('eval')
    .description('score a classifier against a hand-labelled gold set: accuracy, precision/recall, confusion matrices, worst misses')
    .requiredOption('--gold <file>', 'gold set JSONL (e.g. data/gold/tools.jsonl)')
    .option('--ignore-annotations', "judge definitions alone, without the servers' declared annotations (the default)")
    .option('--with-annotations', "let the classifier see the servers' declared annotations")
    .option('--json', 'print the report as JSON')
    .option('--misses <n>', 'how many of the worst misses to list', intOption(0, 100_000), 20);
  addClassifierOptions(command).addHelpText(
    'after',
    `
Gold lines: {"id","server":{name,description},"tool":{…},"annotations":{…}|null,"label":{"category","risk","ambiguous","reason"}}
A malformed gold line stops the run (exit 2): scores over part of a gold set would mislead.

Examples:
  $ mcp-risk eval --gold data/gold/tools.jsonl
  $ mcp-risk eval --gold data/gold/tools.jsonl --with-annotations --misses 50
  $ mcp-risk eval --gold data/gold/tools.jsonl --classifier ensemble --llm-model gpt-4o-mini --json > eval.json`,
  );
  command.action(async (flags: EvalFlags) => {
    if (flags.withAnnotations === true && flags.ignoreAnnotations === true) {
      throw new McpRiskError('BAD_FLAG', '--with-annotations and --ignore-annotations contradict each other', { hint: 'pass one of them (annotations are ignored by default)' });
    }
    const useAnnotations = flags.withAnnotations === true;
    await withClassifier(flags, async (classifier) => {
      const items: GoldTool[] = [];
      for await (const line of readLines(flags.gold, '--gold')) {
        if (line.text.trim() === '') continue;
        items.push(parseGoldLine(flags.gold, line.lineNo, line.text));
      }
      if (items.length === 0) throw new McpRiskError('BAD_INPUT_FILE', `${flags.gold} has no gold items`);
      const options = useAnnotations ? {} : { ignoreAnnotations: true };
      const predictions: Prediction[] = [];
      const source = (async function* () {
        yield* items;
      })();
      for await (const c of mapOrdered(source, (item) => classifier.classify(item.tool, item.server, options), 64)) {
        predictions.push({ category: c.category, risk: c.risk, confidence: c.confidence, rationale: c.rationale });
      }
      const report = evaluate(
        items.map((i) => i.gold),
        predictions,
        { misses: flags.misses },
      );
      const annotations = useAnnotations ? 'used' : 'ignored';
      if (flags.json) {
        printJson({ classifier: classifier.info, gold: flags.gold, annotations, report });
      } else {
        const title = `Classifier evaluation: ${classifier.info.name} ${classifier.info.version} on ${path.basename(flags.gold)}, annotations ${annotations}`;
        process.stdout.write(`${renderEvalMarkdown(report, title)}\n`);
      }
      process.stderr.write(`evaluated ${items.length} gold tools${llmSummary(classifier)}\n`);
    });
  });
}

function parseGoldLine(file: string, lineNo: number, text: string): GoldTool {
  const fail = (reason: string) =>
    new McpRiskError('BAD_INPUT_FILE', `${file}:${lineNo}: not a gold item: ${reason.slice(0, 300)}`, {
      hint: 'each line needs "id", "tool" and "label" {category, risk, ambiguous}; see data/gold/README.md',
    });
  const line = parseToolLine(text);
  if (!line.ok) throw fail(line.reason);
  const gold = goldLineSchema.safeParse(line.raw);
  if (!gold.success) {
    const issue = gold.error.issues[0];
    throw fail(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const { id, label, annotations } = gold.data;
  // The hint as the server declared it, whether or not the classifier is shown it.
  const hint = annotations?.readOnlyHint ?? line.tool.annotations?.readOnlyHint;
  const item: GoldTool = {
    gold: { id, category: label.category, risk: label.risk, ambiguous: label.ambiguous, readOnlyHint: hint, reason: label.reason },
    tool: line.tool,
  };
  if (line.server) item.server = line.server;
  return item;
}
