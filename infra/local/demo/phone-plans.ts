import type { Country } from './countries.js';

/**
 * Blocks of phone numbers written the way people in each country write them: `#` stands for a
 * digit. Where a regulator reserves numbers for fiction (Ofcom's drama numbers, NANP 555-01XX,
 * ARCEP's and ACMA's fiction ranges) the blocks stay inside them; elsewhere they merely follow
 * the national numbering plan.
 */
export interface NumberPlan {
  weight: number;
  templates: readonly string[];
}

const US_AREA_CODES = [
  201, 202, 203, 205, 206, 207, 208, 210, 212, 213, 214, 215, 216, 217, 218, 219, 224, 225, 228, 229,
  231, 234, 239, 240, 248, 251, 252, 253, 254, 256, 260, 262, 267, 269, 270, 276, 281, 301, 302, 303,
  304, 305, 307, 308, 309, 310, 312, 313, 314, 315, 316, 317, 318, 319, 320, 321, 323, 330, 334, 336,
  337, 339, 347, 352, 360, 361, 385, 386, 401, 402, 404, 405, 406, 407, 408, 409, 410, 412, 413, 414,
  415, 417, 419, 423, 424, 425, 430, 432, 434, 435, 440, 443, 469, 470, 475, 478,
];

export const PHONE_PLANS: Readonly<Record<Country, readonly NumberPlan[]>> = {
  GB: [
    {
      weight: 0.92,
      templates: ['020 7946 0###', '0113 496 0###', '0117 496 0###', '0121 496 0###', '0131 496 0###', '0141 496 0###',
        '0151 496 0###', '0161 496 0###', '0191 498 0###', '029 2018 0###'],
    },
    // Ofcom's drama mobiles look real, but libphonenumber rightly rejects them: realistic noise.
    { weight: 0.08, templates: ['07700 900###'] },
  ],
  US: [{ weight: 1, templates: US_AREA_CODES.map((code) => `(${code}) 555-01##`) }],
  DE: [
    { weight: 0.5, templates: ['030 2#######', '089 4#######'] },
    { weight: 0.5, templates: ['0151 ########', '0176 ########'] },
  ],
  FR: [
    { weight: 0.4, templates: ['01 99 00 ## ##'] },
    { weight: 0.6, templates: ['06 39 98 ## ##'] },
  ],
  NL: [
    { weight: 0.7, templates: ['06 1#######'] },
    { weight: 0.3, templates: ['020 5## ####', '010 4## ####'] },
  ],
  ES: [
    { weight: 0.7, templates: ['6## ## ## ##'] },
    { weight: 0.3, templates: ['91 ### ## ##', '93 ### ## ##'] },
  ],
  AU: [
    { weight: 0.97, templates: ['(02) 5550 ####', '(03) 7010 ####', '(07) 5550 ####', '(08) 7010 ####'] },
    { weight: 0.03, templates: ['0491 571 3##'] },
  ],
};

/** The same number as written with its country code, the way some customers type it. */
export const INTERNATIONAL_FORM: Readonly<Record<Country, (national: string) => string>> = {
  GB: (national) => `+44 ${national.slice(1)}`,
  US: (national) => `+1 ${national.replace(/^\((\d{3})\) /, '$1-')}`,
  DE: (national) => `+49 ${national.slice(1)}`,
  FR: (national) => `+33 ${national.slice(1)}`,
  NL: (national) => `+31 ${national.slice(1)}`,
  ES: (national) => `+34 ${national}`,
  AU: (national) => `+61 ${national.replace(/^\(0(\d)\)/, '$1').replace(/^0/, '')}`,
};
