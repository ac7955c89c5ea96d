/** How a 所属 option reads: the parent and how many agencies the choice covers (itself included). */
export const parentLabel = (p: { name: string; children: number }) => `${p.name}及所属（${p.children + 1}）`;
