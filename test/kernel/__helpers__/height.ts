/**
 * The height of a binary tree of linked nodes, for the red-black balance checks of both tree specs.
 */

/** Nodes with the tree's child links. */
export interface BinaryNode<N> {
  rbLeft: N | null;
  rbRight: N | null;
}

/** The number of nodes on the longest root-to-leaf path; 0 for an empty tree. Iterative. */
export function height<N extends BinaryNode<N>>(root: N | null): number {
  let max = 0;
  const stack: [N, number][] = root === null ? [] : [[root, 1]];
  for (let e = stack.pop(); e !== undefined; e = stack.pop()) {
    const [n, d] = e;
    max = Math.max(max, d);
    if (n.rbLeft) stack.push([n.rbLeft, d + 1]);
    if (n.rbRight) stack.push([n.rbRight, d + 1]);
  }
  return max;
}
