/** Freezes a result shared by every caller (deeply), so that none can change what the others see. */
export function frozen<T>(value: T): T {
  if (value instanceof Map) for (const v of value.values()) frozen(v);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) frozen(v);
  return Object.freeze(value);
}
