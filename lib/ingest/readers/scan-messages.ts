/** The PDF reader's refusals that mean "a scan" (no usable text layer): OCR can read such a file. */
export const SCANNED = "该PDF为扫描件，无法识别文字，请上传文字版或Word版";
export const NO_UNICODE = "该PDF的文字无法识别（字体缺少编码信息），请上传Word版或重新导出的PDF";
