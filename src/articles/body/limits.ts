// Runs before the zod schema: the schema recurses once per nesting level, so a
// hostile document nested thousands deep must be turned away without recursion.

import { BODY_LIMITS } from './document.ts';

/** A size-limit violation found in a raw (unvalidated) body, with its path. */
export interface LimitProblem {
  path: (string | number)[];
  message: string;
}

interface PendingContent {
  content: unknown[];
  depth: number;
  path: (string | number)[];
}

/** Finds the first size-limit violation in a raw body, iteratively; null when within limits. */
export function findLimitProblem(input: unknown): LimitProblem | null {
  if (!isRecord(input) || !Array.isArray(input.content)) return null;
  const pending: PendingContent[] = [{ content: input.content, depth: 1, path: ['content'] }];
  let nodeCount = 0;
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { content, depth, path } = next;
    nodeCount += content.length;
    if (nodeCount > BODY_LIMITS.maxNodes) {
      return { path: [], message: `has more than ${BODY_LIMITS.maxNodes} nodes` };
    }
    if (content.length > 0 && depth > BODY_LIMITS.maxDepth) {
      return { path: [...path, 0], message: `nested deeper than ${BODY_LIMITS.maxDepth} levels` };
    }
    content.forEach((child, index) => {
      if (isRecord(child) && Array.isArray(child.content)) {
        pending.push({ content: child.content, depth: depth + 1, path: [...path, index, 'content'] });
      }
    });
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
