/** Series colours, chosen for contrast on white and to stay distinguishable in greyscale print. */
export const PALETTE = [
  "#1f5fa8",
  "#d9822b",
  "#2e8b57",
  "#b3261e",
  "#7b4fa0",
  "#5f7a8a",
  "#c2a200",
  "#0f8a8a",
  "#8c564b",
  "#e377c2",
];

/** Shades for the sub-rows of one outcome group, so a stack reads group by group. */
export const GROUP_SHADES: Record<string, string[]> = {
  granted: ["#1d7a46"],
  partial: ["#5cb37e"],
  denied: ["#7f1d1d", "#991b1b", "#b91c1c", "#dc2626", "#ef4444", "#f87171", "#fca5a5", "#fecaca"],
  unavailable: ["#9a5b00", "#d9822b", "#f2b66d"],
  notProcessed: ["#3b3f8f", "#4f55b5", "#6b72d0", "#969be0", "#c0c3ee"],
  otherHandling: ["#5f6b78", "#8a96a3", "#b6c0ca"],
};
