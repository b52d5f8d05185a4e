import ExcelJS from 'exceljs';

export const CLEARANCE_HEADER = [
  'listing_no',
  'kind',
  'occurred_on',
  'capturing_unit',
  'persuading_unit',
  'place',
  'evidence_ref',
];

/** An XLSX file with one sheet: the header row and the given rows (cells may be dates). */
export async function workbook(header: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('sheet');
  ws.addRow(header);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
