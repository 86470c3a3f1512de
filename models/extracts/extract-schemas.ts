/**
 * The canonical columns of each extract kind. Real extracts name their columns in many ways,
 * so each column lists the header spellings it is recognised by (compared after lower-casing
 * and dropping everything but letters and digits); a user mapping overrides them.
 */
export type ColumnType = 'id' | 'date' | 'amount' | 'text' | 'consent';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required: boolean;
  aliases: readonly string[];
}

export interface ExtractSchema {
  kind: 'orders' | 'customers' | 'prospects';
  columns: readonly ColumnSpec[];
  /** Column whose value must be unique within one file (later duplicates are quarantined). */
  uniqueKey?: string;
}

const column = (name: string, type: ColumnType, required: boolean, aliases: string[] = []): ColumnSpec => ({
  name,
  type,
  required,
  aliases: [name.replaceAll('_', ''), ...aliases],
});

const profileColumns = [
  column('email', 'text', false, ['emailaddress', 'mail']),
  column('phone', 'text', false, ['phonenumber', 'mobile', 'telephone', 'tel']),
  column('country', 'text', false, ['countrycode', 'country_code']),
  column('signup_date', 'date', false, ['signupdate', 'signedup', 'createdat', 'registrationdate', 'registeredat', 'joindate']),
  column('acquisition_channel', 'text', false, ['channel', 'source', 'acquisitionsource', 'utmsource']),
  column('first_name', 'text', false, ['firstname', 'givenname', 'forename', 'fn']),
  column('last_name', 'text', false, ['lastname', 'surname', 'familyname', 'ln']),
  column('zip', 'text', false, ['zipcode', 'postcode', 'postalcode', 'postal', 'postcodezip']),
  // Whether the person agreed to be reached through advertising (audiences); see CONSENT_VALUES.
  column('marketing_consent', 'consent', false, [
    'consent', 'marketingconsent', 'adsoptin', 'adconsent', 'marketingoptin', 'optin', 'optedin',
    'acceptsmarketing', 'acceptsemailmarketing', 'emailoptin', 'subscribed',
  ]),
];

/** The columns every customers and prospects extract may carry; any other column is kept as an extra (see extraColumnName). */
export const PROFILE_COLUMN_NAMES = profileColumns.map((c) => c.name);

export const ORDERS_SCHEMA: ExtractSchema = {
  kind: 'orders',
  columns: [
    column('customer_id', 'id', true, ['customerid', 'customer', 'custid', 'clientid', 'userid', 'memberid']),
    column('order_date', 'date', true, ['date', 'invoicedate', 'orderdate', 'transactiondate', 'purchasedate', 'orderedat', 'timestamp']),
    column('amount', 'amount', true, ['total', 'revenue', 'sales', 'value', 'ordertotal', 'ordervalue', 'spend']),
    column('order_id', 'id', false, ['invoiceno', 'invoice', 'invoiceid', 'transactionid', 'ordernumber']),
  ],
};

export const CUSTOMERS_SCHEMA: ExtractSchema = {
  kind: 'customers',
  uniqueKey: 'customer_id',
  columns: [column('customer_id', 'id', true, ['customerid', 'customer', 'custid', 'clientid', 'userid', 'id']), ...profileColumns],
};

export const PROSPECTS_SCHEMA: ExtractSchema = {
  kind: 'prospects',
  uniqueKey: 'prospect_id',
  columns: [column('prospect_id', 'id', true, ['prospectid', 'leadid', 'id', 'contactid']), ...profileColumns],
};

export const EXTRACT_SCHEMAS = {
  orders: ORDERS_SCHEMA,
  customers: CUSTOMERS_SCHEMA,
  prospects: PROSPECTS_SCHEMA,
} as const;

/**
 * Line-item extracts (quantity x unit price, as in most order-line exports) have no amount
 * column; the amount is derived when both of these are present.
 */
export const LINE_ITEM_COLUMNS = {
  quantity: ['quantity', 'qty', 'units'],
  unitPrice: ['unitprice', 'price', 'itemprice'],
} as const;
