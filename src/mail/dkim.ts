/**
 * DKIM signing, shared by the transactional mailer and the newsletter transport, so every
 * message Masthead sends is signed the same way when DKIM_DOMAIN, DKIM_SELECTOR and a key
 * are configured.
 */

/** The DKIM settings from the configuration (`Config['dkim']`). */
export interface DkimSettings {
  domain: string;
  selector: string;
  privateKey: string;
}

// The signature covers these (when present). nodemailer's default list already holds the
// List-* headers; naming them here keeps RFC 8058's requirement (List-Unsubscribe and
// List-Unsubscribe-Post signed) independent of a library default, and adds Feedback-ID.
const DKIM_SIGNED_HEADERS = [
  'From', 'Sender', 'Reply-To', 'Subject', 'Date', 'Message-ID', 'To', 'Cc', 'MIME-Version',
  'Content-Type', 'Content-Transfer-Encoding', 'List-Id', 'List-Unsubscribe', 'List-Unsubscribe-Post', 'Feedback-ID',
].join(':');

/** The `dkim` option of a nodemailer transport for these settings (nothing when DKIM is off). */
export function dkimOption(dkim: DkimSettings | null): { dkim?: { domainName: string; keySelector: string; privateKey: string; headerFieldNames: string } } {
  return dkim ? { dkim: { domainName: dkim.domain, keySelector: dkim.selector, privateKey: dkim.privateKey, headerFieldNames: DKIM_SIGNED_HEADERS } } : {};
}
