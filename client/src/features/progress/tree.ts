/** A framework's flat criteria list (parents before children) as a tree, in the list's order. */
export interface TreeNode<C extends { id: string; parentId?: string | null }> {
  criterion: C;
  children: TreeNode<C>[];
}

export function buildTree<C extends { id: string; parentId?: string | null }>(criteria: readonly C[]): TreeNode<C>[] {
  const nodes = new Map<string, TreeNode<C>>();
  const roots: TreeNode<C>[] = [];
  for (const c of criteria) nodes.set(c.id, { criterion: c, children: [] });
  for (const c of criteria) {
    const node = nodes.get(c.id)!;
    const parent = c.parentId ? nodes.get(c.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Every leaf id below (and including) a node. */
export function leafIds<C extends { id: string; isLeaf: boolean }>(node: TreeNode<C>): string[] {
  if (node.criterion.isLeaf) return [node.criterion.id];
  return node.children.flatMap(leafIds);
}

/** The nodes in display order, depth first, skipping the children of collapsed nodes. */
export function visibleNodes<C extends { id: string; parentId?: string | null }>(roots: TreeNode<C>[], collapsed: ReadonlySet<string>): TreeNode<C>[] {
  const out: TreeNode<C>[] = [];
  const walk = (list: TreeNode<C>[]) => {
    for (const n of list) {
      out.push(n);
      if (n.children.length && !collapsed.has(n.criterion.id)) walk(n.children);
    }
  };
  walk(roots);
  return out;
}
