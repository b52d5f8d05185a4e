// ExcelJS is loaded by the first workbook made, not when the server starts: with the other
// document libraries (PDFKit, docx, ECharts; see render.ts) it would keep tens of MiB resident in a
// server that may never export anything.
import type ExcelJS from 'exceljs';

/** A new, empty ExcelJS workbook. */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  return new excel.Workbook();
}
