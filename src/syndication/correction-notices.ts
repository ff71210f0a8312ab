/**
 * Correction notices to licensees: when a correction, update or clarification is added
 * to an article, everyone holding a licence for it that is in force today is emailed the
 * note, the headline and their delivery link. Packages are built on demand from the
 * current article, so the copy behind that link already carries the correction.
 *
 * Sent after the correction is committed, one message per licence. A mail that cannot be
 * sent is logged (the outbox row says `failed`) and the others still go: a mail server
 * being down never undoes or blocks a correction.
 */
import type { AppContext } from '../app-context.ts';
import { formatDate } from '../i18n/index.ts';
import { isoNow } from '../shared/time.ts';
import { currentLicencesOf } from './licences.ts';
import { licenceDeliveryUrl } from './links.ts';

/** The outbox purpose of these mails. */
export const CORRECTION_NOTICE_PURPOSE = 'syndication_correction';

/** A reader note just added to an article. */
export interface AddedNote {
  kind: 'correction' | 'update' | 'clarification';
  body: string;
}

const KIND_LABELS: Record<AddedNote['kind'], string> = { correction: 'Correction', update: 'Update', clarification: 'Clarification' };

// Headlines and names go into a subject line: no line breaks, bounded length.
function oneLine(text: string, max = 120): string {
  const flat = text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Emails the current licensees of an article about a note; returns how many mails were sent and how many failed. */
export async function sendCorrectionNotices(app: AppContext, articleId: number, note: AddedNote, now = new Date()): Promise<{ sent: number; failed: number }> {
  const result = { sent: 0, failed: 0 };
  let licences;
  try {
    licences = await currentLicencesOf(app.db, articleId, now);
  } catch (error) {
    app.logger.error('correction notices not sent', { articleId, error: error instanceof Error ? error.message : String(error) });
    return result;
  }
  if (licences.length === 0) return result;
  const site = (await app.catalog()).site.name;
  const label = KIND_LABELS[note.kind];
  for (const licence of licences) {
    try {
      const deliveryUrl = await licenceDeliveryUrl(app, licence.id, licence.validTo);
      const headline = oneLine(licence.headline);
      await app.mailer.send({
        to: licence.email,
        subject: `${label} to “${headline}” (licence ${licence.reference})`,
        purpose: CORRECTION_NOTICE_PURPOSE,
        text: [
          `Dear ${oneLine(licence.licenseeName, 200)},`,
          `${site} has added a ${label.toLowerCase()} to an article you hold a licence for (${licence.reference}):`,
          `“${headline}”`,
          `${label}, ${formatDate(isoNow(), 'en')}:\n${note.body.trim()}`,
          `The republishing package on your delivery page already includes it:\n${deliveryUrl}`,
          'If you have published the article, please update your copy to match.',
          `The syndication desk of ${site}`,
        ].join('\n\n'),
      });
      result.sent += 1;
    } catch (error) {
      result.failed += 1;
      app.logger.warn('correction notice not sent', { articleId, licenceId: licence.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
