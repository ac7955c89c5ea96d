export { renderText, TEXT_LAYOUTS, type TextLayout } from "./text";
export { renderHtml, type HtmlOptions } from "./html";
export { renderDocx, renderDocxXml } from "./docx";
export {
  documentModel,
  layoutGrid,
  formatValue,
  type DocModel,
  type Grid,
  type GridCell,
  type Part,
  type RenderInput,
} from "./model";
