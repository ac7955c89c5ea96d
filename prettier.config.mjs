// The formatter's settings, close to how the code is written today. `npm run format:check` reports files
// that differ; the tree is formatted once, in a commit of its own, not piecemeal.
/** @type {import("prettier").Config} */
export default {
  printWidth: 120,
};
