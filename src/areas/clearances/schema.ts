import { z } from 'zod';
import type { Columns } from '../../import/read-table.ts';
import { isoDate, oneOf, optionalText } from '../../shared/fields.ts';
import { CLEARANCE_KINDS, isCapture } from './rules.ts';

export const clearanceColumns: Columns = {
  required: ['listing_no', 'kind', 'occurred_on'],
  optional: ['capturing_unit', 'persuading_unit', 'place', 'evidence_ref'],
  aliases: {
    在逃人员编号: 'listing_no',
    撤销类型: 'kind',
    到案方式: 'kind',
    到案日期: 'occurred_on',
    抓获单位: 'capturing_unit',
    劝投单位: 'persuading_unit',
    抓获地点: 'place',
    法律文书编号: 'evidence_ref',
  },
};

/** One row of the clearances file. */
export const clearanceRow = z
  .object({
    listing_no: z.string().trim().min(1, { message: 'is required' }),
    kind: oneOf(CLEARANCE_KINDS),
    occurred_on: isoDate,
    capturing_unit: optionalText(100),
    persuading_unit: optionalText(40),
    place: optionalText(200),
    evidence_ref: optionalText(100),
  })
  .superRefine((c, ctx) => {
    if (isCapture(c.kind) && !c.capturing_unit) {
      ctx.addIssue({ code: 'custom', path: ['capturing_unit'], message: `is required for ${c.kind}` });
    }
    if (c.persuading_unit && c.kind !== 'surrender') {
      ctx.addIssue({ code: 'custom', path: ['persuading_unit'], message: 'is only for surrenders' });
    }
  });
export type ClearanceInput = z.output<typeof clearanceRow>;
