/**
 * How deep a parsed JSON value nests, measured without recursion (so a value nested thousands
 * deep cannot overflow the stack while being measured) and given up as soon as it passes
 * `limit`. A scalar is depth 0; `{}` and `[]` are 1; `{"a":{"b":1}}` is 2.
 */
export function exceedsDepth(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}
