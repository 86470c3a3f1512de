export type EmailDomainClass = 'free-mail' | 'corporate' | 'none';

const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'icloud.com', 'me.com', 'mac.com', 'msn.com', 'ymail.com', 'rocketmail.com',
  'proton.me', 'protonmail.com', 'pm.me', 'mail.com', 'email.com', 'fastmail.com', 'hey.com', 'tutanota.com',
  'zoho.com', 'web.de', 't-online.de', 'freenet.de', 'mail.ru', 'inbox.ru', 'bk.ru', 'list.ru', 'qq.com', '163.com',
  '126.com', 'naver.com', 'daum.net', 'orange.fr', 'wanadoo.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'libero.it',
  'virgilio.it', 'btinternet.com', 'sky.com', 'virginmedia.com', 'talktalk.net', 'comcast.net', 'verizon.net',
  'att.net', 'sbcglobal.net', 'bellsouth.net', 'cox.net', 'shaw.ca', 'rogers.com', 'bigpond.com', 'seznam.cz',
  'wp.pl', 'o2.pl', 'interia.pl', 'rediffmail.com', 'uol.com.br', 'bol.com.br', 'terra.com.br',
]);

/** Consumer providers that register the same name under many country domains (yahoo.co.uk, hotmail.fr...). */
const FREE_MAIL_FAMILIES = /^(?:yahoo|hotmail|outlook|live|aol|gmx|yandex)\.(?:(?:co|com)\.)?[a-z]{2,3}$/;

/** Consumer (free-mail) vs corporate address, from a normalised email; `none` without one. */
export function emailDomainClass(normalizedEmail: string | null): EmailDomainClass {
  if (normalizedEmail === null) return 'none';
  const domain = normalizedEmail.slice(normalizedEmail.lastIndexOf('@') + 1);
  return FREE_MAIL_DOMAINS.has(domain) || FREE_MAIL_FAMILIES.test(domain) ? 'free-mail' : 'corporate';
}
