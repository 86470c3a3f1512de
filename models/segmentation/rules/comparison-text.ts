/** Written operators and the rule language's names for them. */
const OPERATORS: Record<string, string> = {
  '>=': 'gte',
  '<=': 'lte',
  '>': 'gt',
  '<': 'lt',
  '==': 'eq',
  '=': 'eq',
  '!=': 'ne',
  before: 'before',
  after: 'after',
  onOrBefore: 'onOrBefore',
  onOrAfter: 'onOrAfter',
};

const COMPARISON = /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\(\s*[A-Za-z_][A-Za-z0-9_]*\s*\))?)\s*(>=|<=|!=|==|=|>|<|\s(?:before|after|onOrBefore|onOrAfter|between|in)\s)\s*(.+?)\s*$/;

/** A literal as written: a number when it reads as one, else the text (quotes removed). */
function literal(text: string): number | string {
  const trimmed = text.trim();
  if (/^-?\d+(?:\.\d+)?(?:e-?\d+)?$/i.test(trimmed)) return Number(trimmed);
  const quoted = /^(['"])(.*)\1$/.exec(trimmed);
  return quoted ? (quoted[2] as string) : trimmed;
}

/**
 * One comparison written as text, as the README's examples read: `predictedClv >= p90`,
 * `lastOrderDate before asOf - 60 days`, `daysSince(lastOrderDate) > 60`,
 * `churnProbability between 0.3 and 0.6`, `country in [DE, AT]`. Returns the rule object it
 * stands for (`{ predictedClv: { gte: 'p90' } }`), or null when the text is not a comparison.
 */
export function parseComparisonText(text: string): Record<string, Record<string, unknown>> | null {
  const match = COMPARISON.exec(text);
  if (!match) return null;
  const [, field, written, rest] = match as unknown as [string, string, string, string];
  const operator = written.trim();
  if (operator === 'between') {
    const parts = rest.split(/\s+and\s+/);
    if (parts.length !== 2) return null;
    return { [field]: { between: parts.map(literal) } };
  }
  if (operator === 'in') {
    const list = /^\[(.*)\]$/.exec(rest.trim());
    if (!list) return null;
    return { [field]: { in: (list[1] as string).split(',').map(literal) } };
  }
  const name = OPERATORS[operator];
  return name === undefined ? null : { [field]: { [name]: literal(rest) } };
}
