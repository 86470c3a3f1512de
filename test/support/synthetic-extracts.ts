/**
 * Small extracts whose behaviour is known by construction, so tests can assert on what the model
 * must learn: "active" customers buy every 10–30 days up to the end, "lapsed" ones stopped long ago.
 */
export interface SyntheticExtracts {
  ordersCsv: string;
  customersCsv: string;
  prospectsCsv: string;
  active: string[];
  lapsed: string[];
  lastDay: string;
}

const day = (start: number, offset: number) => new Date(start + offset * 86_400_000).toISOString().slice(0, 10);

export function syntheticExtracts(customers = 400, seed = 1): SyntheticExtracts {
  let state = seed;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const start = Date.parse('2023-01-01T00:00:00Z');
  const span = 730;
  const orders = ['order_id,customer_id,order_date,amount'];
  const profiles = ['customer_id,email,phone,country,signup_date,acquisition_channel'];
  const active: string[] = [];
  const lapsed: string[] = [];
  let orderId = 0;
  for (let c = 0; c < customers; c += 1) {
    const id = `C${String(c).padStart(5, '0')}`;
    const isActive = c % 2 === 0;
    (isActive ? active : lapsed).push(id);
    const first = Math.floor(random() * 200);
    const stop = isActive ? span : first + 60 + Math.floor(random() * 200);
    const spend = isActive ? 40 + random() * 80 : 15 + random() * 30;
    for (let t = first; t <= Math.min(stop, span); t += 10 + Math.floor(random() * (isActive ? 20 : 60))) {
      orders.push(`O${(orderId += 1)},${id},${day(start, t)},${(spend * (0.5 + random())).toFixed(2)}`);
    }
    const channel = isActive ? 'referral' : 'paid_social';
    profiles.push(`${id},user${c}@example.com,+44 7700 9${String(c).padStart(5, '0')},GB,${day(start, first - 10)},${channel}`);
  }
  const prospects = ['prospect_id,email,phone,country,signup_date,acquisition_channel'];
  for (let p = 0; p < customers / 2; p += 1) {
    prospects.push(`P${p},lead${p}@example.org,,GB,${day(start, span - 30)},${p % 2 === 0 ? 'referral' : 'paid_social'}`);
  }
  return {
    ordersCsv: `${orders.join('\n')}\n`,
    customersCsv: `${profiles.join('\n')}\n`,
    prospectsCsv: `${prospects.join('\n')}\n`,
    active,
    lapsed,
    lastDay: day(start, span),
  };
}
