/** Profile fields shared by customers and prospects: what lookalike modelling can compare. */
export interface Profile {
  id: string;
  email: string | null;
  phone: string | null;
  /** ISO 3166-1 alpha-2 when known (for example `GB`), otherwise the raw country text. */
  country: string | null;
  /** ISO date `YYYY-MM-DD`. */
  signupDate: string | null;
  acquisitionChannel: string | null;
}
