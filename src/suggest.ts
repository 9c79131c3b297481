// "Did you mean": the known names closest to what the user typed.
import { distance } from 'fastest-levenshtein';

export function closeMatches(input: string, candidates: readonly string[], limit = 5): string[] {
  const needle = input.toLowerCase();
  const scored = candidates.map((name) => {
    const lower = name.toLowerCase();
    // A name containing what was typed (or contained in it) is closer than its edit distance says.
    const contains = lower.includes(needle) || needle.includes(lower);
    return { name, score: distance(needle, lower) - (contains ? Math.min(needle.length, lower.length) : 0) };
  });
  const threshold = Math.max(3, Math.ceil(needle.length * 0.5));
  return scored
    .filter((s) => s.score <= threshold)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((s) => s.name);
}
