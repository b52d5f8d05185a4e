import { z } from 'zod';
import { oneOf, optionalText, text } from '../../shared/fields.ts';
import type { Columns } from '../../import/read-table.ts';
import { UNIT_KINDS, UNIT_KIND_LABELS } from './rules.ts';
import { LIMITS } from '../../shared/limits.ts';

export const unitColumns: Columns = {
  required: ['code', 'name', 'kind'],
  optional: ['parent_code'],
  aliases: { 单位代码: 'code', 单位名称: 'name', 单位类型: 'kind', 上级单位代码: 'parent_code' },
};

/** One row of the units file. */
export const unitRow = z.object({
  code: text(LIMITS.code).regex(/^[A-Za-z0-9_.-]+$/, { message: 'may hold only letters, digits, _ . -' }),
  name: text(LIMITS.name),
  kind: oneOf(UNIT_KINDS, UNIT_KIND_LABELS),
  parent_code: optionalText(LIMITS.code),
});
export type UnitInput = z.output<typeof unitRow>;
